package io.github.evesso.internal.web;

import io.github.evesso.EveAccessToken;
import io.github.evesso.EveSso;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/**
 * A logged-in request: the character is the user principal, its name the remote user, and each granted scope a
 * role ({@code isUserInRole("esi-wallet.read_character_wallet.v1")}); the role {@code "**"} means any logged-in
 * character, as in the Servlet specification.
 */
public final class EveSsoRequest extends HttpServletRequestWrapper {
    private final EveAccessToken token;

    /** Wraps {@code request} for the character of {@code token}. */
    public EveSsoRequest(HttpServletRequest request, EveAccessToken token) {
        super(request);
        this.token = token;
    }

    @Override
    public Principal getUserPrincipal() {
        return token.character();
    }

    @Override
    public String getRemoteUser() {
        return token.character().getName();
    }

    @Override
    public boolean isUserInRole(String role) {
        return role != null && ("**".equals(role) || token.character().hasScope(role));
    }

    @Override
    public String getAuthType() {
        return EveSso.AUTH_TYPE;
    }
}
