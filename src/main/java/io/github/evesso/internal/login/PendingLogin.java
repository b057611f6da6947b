package io.github.evesso.internal.login;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;

/**
 * A login started in one session and not yet completed: its {@code state}, PKCE verifier ({@code null} when PKCE is
 * off) and the application-relative URL to return to.
 */
public record PendingLogin(String state, String codeVerifier, String returnPath, Instant createdAt)
        implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    @Override
    public String toString() {
        return "PendingLogin{returnPath=" + returnPath + ", createdAt=" + createdAt + "}";
    }
}
