package io.github.evesso.sample;

import io.github.evesso.EsiException;
import io.github.evesso.EveAccessToken;
import io.github.evesso.EveBulkRefresh;
import io.github.evesso.EveLoginExpiredException;
import io.github.evesso.EveSso;
import io.github.evesso.EveSsoUnavailableException;
import io.github.evesso.EveStoredCharacter;
import io.github.evesso.EveStoredTokens;
import io.github.evesso.EveTokenStoreException;
import io.github.evesso.StoredGrant;
import jakarta.servlet.ServletContext;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What an EVE tool does in the background after its members logged in: with the grants the library keeps in its
 * token store ({@link EveSso#storedTokens}), long after the browser sessions ended, it refreshes the tokens about to
 * expire ({@link EveStoredTokens#refreshExpiring}) and reads every usable character's wallet from ESI. It keeps the
 * last reading of each stored character in memory for {@link WalletJobServlet}; never a token.
 *
 * <p>Runs one at a time: a run asked for from the page waits for a scheduled run in progress. Thread-safe.
 */
final class WalletJob {
    /** Tokens expiring within this are refreshed before the wallets are read. */
    static final Duration REFRESH_WITHIN = Duration.ofMinutes(5);
    private static final System.Logger LOG = System.getLogger(WalletJob.class.getName());
    private static final String ATTRIBUTE = WalletJob.class.getName();

    private final ServletContext context;
    private final Wallets wallets;
    private final Clock clock;
    private final Map<Long, WalletReading> readings = new ConcurrentHashMap<>();
    private volatile Run lastRun;

    /**
     * The outcome of one run.
     *
     * @param at when it ended
     * @param refresh what the bulk refresh came to, or {@code null} when the run failed before it
     * @param read wallets read
     * @param failed wallet reads that failed
     * @param error why the whole run failed (the store could not be read), or {@code null}
     */
    record Run(Instant at, EveBulkRefresh refresh, int read, int failed, String error) {
    }

    WalletJob(ServletContext context, Wallets wallets, Clock clock) {
        this.context = context;
        this.wallets = wallets;
        this.clock = clock;
    }

    /** Keeps {@code job} in {@code context} for the page. */
    static void install(ServletContext context, WalletJob job) {
        context.setAttribute(ATTRIBUTE, job);
    }

    /** The application's job, or empty when no token store is configured (then no job was made). */
    static Optional<WalletJob> of(ServletContext context) {
        return context.getAttribute(ATTRIBUTE) instanceof WalletJob job ? Optional.of(job) : Optional.empty();
    }

    /** The stored characters, as the store lists them now. */
    List<EveStoredCharacter> characters() {
        return EveSso.storedTokens(context).characters();
    }

    /** The last reading of {@code characterId}'s wallet, if the job has read it. */
    Optional<WalletReading> reading(long characterId) {
        return Optional.ofNullable(readings.get(characterId));
    }

    /** The last run, if any. */
    Optional<Run> lastRun() {
        return Optional.ofNullable(lastRun);
    }

    /**
     * Runs the job once: refreshes the tokens about to expire, then reads the wallet of every character whose grant
     * is usable. A failure of one character is its reading; a store that cannot be read is the run's error. Never
     * throws.
     */
    synchronized Run run() {
        Run run;
        try {
            run = readAll(EveSso.storedTokens(context));
        } catch (EveTokenStoreException | IllegalStateException e) {
            LOG.log(Level.WARNING, "The wallet job could not read the token store: {0}", e.getMessage());
            run = new Run(clock.instant(), null, 0, 0, e.getMessage());
        }
        lastRun = run;
        return run;
    }

    private Run readAll(EveStoredTokens stored) {
        EveBulkRefresh refresh = stored.refreshExpiring(REFRESH_WITHIN);
        List<EveStoredCharacter> characters = stored.characters();
        Set<Long> ids = characters.stream().map(c -> c.character().id()).collect(Collectors.toSet());
        readings.keySet().retainAll(ids); // only stored characters: bounded by the store, and a logout forgets
        int read = 0;
        int failed = 0;
        for (EveStoredCharacter character : characters) {
            if (character.status() != StoredGrant.Status.OK) {
                continue; // needs a new login: the last reading stays, the page says so
            }
            WalletReading reading = read(stored, character.character().id());
            readings.put(character.character().id(), reading);
            if (reading.error() == null) {
                read++;
            } else {
                failed++;
            }
        }
        LOG.log(Level.INFO, "Wallet job: {0} read, {1} failed; tokens refreshed {2}, fresh {3}, needing a login {4},"
                + " failed {5}, postponed {6}", read, failed, refresh.refreshed(), refresh.fresh(),
                refresh.needsLogin(), refresh.failed(), refresh.postponed());
        return new Run(clock.instant(), refresh, read, failed, null);
    }

    private WalletReading read(EveStoredTokens stored, long characterId) {
        try {
            Optional<EveAccessToken> token = stored.token(characterId);
            if (token.isEmpty()) {
                return WalletReading.failed("No usable grant stored: the character needs a new login", clock.instant());
            }
            if (!token.get().scopes().contains(Wallets.WALLET_SCOPE)) {
                return WalletReading.failed("The character did not grant " + Wallets.WALLET_SCOPE, clock.instant());
            }
            return WalletReading.balance(wallets.read(token.get()).body(), clock.instant());
        } catch (EsiException e) {
            return WalletReading.failed(Wallets.why(e), clock.instant());
        } catch (EveLoginExpiredException e) {
            return WalletReading.failed("EVE ended the grant: the character needs a new login", clock.instant());
        } catch (EveSsoUnavailableException | EveTokenStoreException e) {
            return WalletReading.failed(e.getMessage(), clock.instant());
        }
    }
}
