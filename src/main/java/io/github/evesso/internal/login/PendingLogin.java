package io.github.evesso.internal.login;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;

/**
 * A login started in one session and not yet completed: its {@code state}, PKCE verifier ({@code null} when PKCE is
 * off), the application-relative URL to return to, and what the login is for.
 */
public record PendingLogin(String state, String codeVerifier, String returnPath, Instant createdAt,
        LoginIntent intent) implements Serializable {
    @Serial
    private static final long serialVersionUID = 2L;

    @Override
    public String toString() {
        return "PendingLogin{returnPath=" + returnPath + ", createdAt=" + createdAt + ", intent=" + intent.kind() + "}";
    }
}
