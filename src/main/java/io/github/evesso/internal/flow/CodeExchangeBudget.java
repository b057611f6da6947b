package io.github.evesso.internal.flow;

import io.github.evesso.EveSsoConfig;
import io.github.evesso.internal.login.PendingLogin;
import io.github.evesso.internal.web.ErrorResponses;
import io.github.evesso.internal.web.Failure;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * How many code exchanges the callback may spend on the application's credentials. Anyone can start a login and send
 * the callback a junk code, and EVE rate-limits failed requests (one {@code 429} pauses every login), so before the
 * exchange a callback must pass two checks, neither of which calls the SSO:
 * <ul>
 * <li>its pending login is at least {@link EveSsoConfig#loginMinAge()} old: no person logs in at EVE faster
 * ({@link Failure#LOGIN_TOO_FAST});</li>
 * <li>its session and its client address ({@link HttpServletRequest#getRemoteAddr()}, an IPv6 address by its /64)
 * have not had {@link EveSsoConfig#failedLoginsPerSession()} / {@link EveSsoConfig#failedLoginsPerAddress()}
 * exchanges refused within {@link EveSsoConfig#failedLoginWindow()} ({@link Failure#TOO_MANY_FAILED_LOGINS}, with
 * {@code Retry-After}).</li>
 * </ul>
 * An admitted exchange holds a place until it ends (so that concurrent callbacks cannot overrun the limit), and keeps
 * it as a failure when the SSO refused the code. Counts are kept per node, in bounded memory.
 */
public final class CodeExchangeBudget {
    private static final System.Logger LOG = System.getLogger(CodeExchangeBudget.class.getName());

    private final Clock clock;
    private final Duration minAge;
    private final Duration window;
    private final long longestWaitNanos;
    private final FailureWindow perSession;
    private final FailureWindow perAddress;
    /** Guards both windows; callbacks waiting for a place wait on it. */
    private final Object lock = new Object();

    /** Creates the budget from the configuration's settings of the same names. */
    public CodeExchangeBudget(EveSsoConfig config) {
        this.clock = config.clock();
        this.minAge = config.loginMinAge();
        this.window = config.failedLoginWindow();
        this.longestWaitNanos = config.readTimeout().toNanos();
        this.perSession = new FailureWindow(config.failedLoginsPerSession(), window);
        this.perAddress = new FailureWindow(config.failedLoginsPerAddress(), window);
    }

    /**
     * An admitted code exchange, in flight until it is ended as {@link #refused()} or {@link #notRefused()}; only the
     * first end counts, so that a {@code finally} can end every exchange that was not refused.
     */
    final class Ticket {
        private final String session;
        private final String address;
        private boolean ended;

        private Ticket(String session, String address) {
            this.session = session;
            this.address = address;
        }

        /** The exchange gave tokens, or failed for another reason than a refusal: it does not count. */
        void notRefused() {
            end(false);
        }

        /** The SSO refused the code: a failure of its session and address; logged when that used up a budget. */
        void refused() {
            end(true);
        }

        private void end(boolean refused) {
            Instant now = clock.instant();
            boolean addressUsedUp;
            boolean sessionUsedUp;
            synchronized (lock) {
                if (ended) {
                    return;
                }
                ended = true;
                perSession.end(session, refused, now);
                perAddress.end(address, refused, now);
                addressUsedUp = refused && !perAddress.refusal(address, now).isZero();
                sessionUsedUp = refused && !perSession.refusal(session, now).isZero();
                lock.notifyAll();
            }
            if (addressUsedUp) {
                LOG.log(Level.WARNING, "EVE SSO refused " + perAddress.limit() + " code exchanges of callbacks from "
                        + address + " within " + window + ": its callbacks are refused without a call until then");
            } else if (sessionUsedUp) {
                LOG.log(Level.WARNING, "EVE SSO refused " + perSession.limit() + " code exchanges of one session"
                        + " within " + window + ": its callbacks are refused without a call until then");
            }
        }
    }

    /**
     * Admits the code exchange of {@code request}'s callback for {@code pending}, or refuses it. When the session's
     * or the address's places are taken by exchanges still in flight, waits for them to end, at most as long as one
     * call to the SSO may take (the read timeout): a burst of real logins from one address passes, a burst of junk
     * codes stops at the limit.
     *
     * @throws LoginFailure {@link Failure#LOGIN_TOO_FAST}, {@link Failure#TOO_MANY_FAILED_LOGINS} or, when the
     *                      exchanges in flight did not end in time, {@link Failure#SSO_UNAVAILABLE}
     */
    Ticket admit(HttpServletRequest request, PendingLogin pending) throws LoginFailure {
        Instant created = pending.createdAt();
        if (clock.instant().isBefore(created.plus(minAge))) {
            LOG.log(Level.DEBUG, "EVE SSO callback refused: it came {0} ms after its login started",
                    Duration.between(created, clock.instant()).toMillis());
            throw new LoginFailure(Failure.LOGIN_TOO_FAST, pending.returnPath());
        }
        HttpSession httpSession = request.getSession(false);
        String session = httpSession == null ? "" : httpSession.getId();
        String address = ClientAddresses.key(request.getRemoteAddr());
        long deadline = System.nanoTime() + longestWaitNanos;
        synchronized (lock) {
            while (true) {
                Instant now = clock.instant();
                Duration wait = longer(perSession.refusal(session, now), perAddress.refusal(address, now));
                if (!wait.isZero()) {
                    LOG.log(Level.DEBUG, "EVE SSO callback refused: too many refused code exchanges");
                    throw new LoginFailure(Failure.TOO_MANY_FAILED_LOGINS, pending.returnPath(), seconds(wait));
                }
                if (perSession.hasRoom(session) && perAddress.hasRoom(address)) {
                    perSession.start(session);
                    perAddress.start(address);
                    return new Ticket(session, address);
                }
                waitForAnEnd(deadline, pending);
            }
        }
    }

    private void waitForAnEnd(long deadline, PendingLogin pending) throws LoginFailure {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            LOG.log(Level.WARNING, "EVE SSO callback refused: the code exchanges in flight from its session or"
                    + " address did not end in time");
            throw new LoginFailure(Failure.SSO_UNAVAILABLE, pending.returnPath(), ErrorResponses.RETRY_AFTER_SECONDS);
        }
        try {
            lock.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginFailure(Failure.SSO_UNAVAILABLE, pending.returnPath(), ErrorResponses.RETRY_AFTER_SECONDS);
        }
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Whole seconds for {@code Retry-After}, rounded up, at least 1. */
    private static long seconds(Duration wait) {
        return Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
    }
}
