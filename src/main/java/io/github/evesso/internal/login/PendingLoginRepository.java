package io.github.evesso.internal.login;

import io.github.evesso.EveSsoConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * Creates pending logins (random {@code state} and PKCE verifier, 256 bits each from {@link SecureRandom}) and
 * keeps them in the session under {@link #ATTRIBUTE}; takes them back on the callback.
 */
public final class PendingLoginRepository {
    /** The session attribute holding the {@link PendingLogins}. */
    public static final String ATTRIBUTE = "io.github.evesso.pendingLogins";
    /** Longest {@code state} worth looking up; ours are 43 characters. */
    static final int MAX_STATE_LENGTH = 256;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration ttl;
    private final int slots;
    private final boolean pkce;

    /** Creates the repository. */
    public PendingLoginRepository(EveSsoConfig config) {
        this.clock = config.clock();
        this.ttl = config.stateTtl();
        this.slots = config.stateSlots();
        this.pkce = config.pkce();
    }

    /** Starts a pending login for {@code intent} in the request's session (created if needed). */
    public PendingLogin create(HttpServletRequest request, String returnPath, LoginIntent intent) {
        PendingLogin login = new PendingLogin(randomToken(), pkce ? randomToken() : null, returnPath, clock.instant(),
                intent);
        HttpSession session = request.getSession(true);
        synchronized (PendingLoginRepository.class) { // one lock with take, which may drop the emptied list
            PendingLogins logins = session.getAttribute(ATTRIBUTE) instanceof PendingLogins existing
                    ? existing : new PendingLogins();
            logins.purgeExpired(clock.instant(), ttl);
            logins.add(login, slots);
            session.setAttribute(ATTRIBUTE, logins); // re-set so that session replication sees the change
        }
        return login;
    }

    /** Takes the pending login with {@code state} out of the request's session. */
    public PendingLogins.Taken take(HttpServletRequest request, String state) {
        HttpSession session = request.getSession(false);
        if (session == null || state.length() > MAX_STATE_LENGTH
                || !(session.getAttribute(ATTRIBUTE) instanceof PendingLogins logins)) {
            return new PendingLogins.Taken(PendingLogins.Status.UNKNOWN, null);
        }
        synchronized (PendingLoginRepository.class) {
            PendingLogins.Taken taken = logins.take(state, clock.instant(), ttl);
            if (logins.size() == 0 && session.getAttribute(ATTRIBUTE) == logins) {
                session.removeAttribute(ATTRIBUTE); // nothing pending: the session carries no empty list
            } else {
                session.setAttribute(ATTRIBUTE, logins);
            }
            return taken;
        }
    }

    /** The S256 PKCE challenge of a verifier: base64url (no padding) of its SHA-256. */
    public static String challenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return BASE64URL.encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }
}
