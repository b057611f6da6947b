package io.github.evesso.internal.flow;

import io.github.evesso.internal.login.SessionLogin;
import io.github.evesso.internal.login.PendingLogin;
import io.github.evesso.internal.login.PendingLogins;
import io.github.evesso.internal.login.PendingLoginRepository;
import io.github.evesso.EveSsoListener;
import io.github.evesso.internal.event.LoginEvents;
import io.github.evesso.internal.jwt.AccessTokenValidator;
import io.github.evesso.internal.jwt.InvalidAccessTokenException;
import io.github.evesso.internal.jwt.ValidatedToken;
import io.github.evesso.internal.login.EveLogin;
import io.github.evesso.internal.sso.SsoBadResponseException;
import io.github.evesso.internal.sso.SsoException;
import io.github.evesso.internal.sso.SsoRejectedException;
import io.github.evesso.internal.sso.TokenEndpointClient;
import io.github.evesso.internal.sso.TokenResponse;
import io.github.evesso.internal.web.ErrorResponses;
import io.github.evesso.internal.web.Failure;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Completes a login on the callback: checks the SSO's answer and the {@code state}, exchanges the code, validates the
 * access token, then logs in ({@link SessionLogin}) and redirects to the remembered URL. Any failure renders a
 * {@link Failure} and leaves the session without a login.
 */
public final class LoginCallback {
    private static final System.Logger LOG = System.getLogger(LoginCallback.class.getName());
    /** Longest authorization code accepted; EVE's are short. */
    static final int MAX_CODE_LENGTH = 2048;
    /** What an authorization code can look like (URL-safe and base64 characters): anything else is not sent on. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._~+/=-]+");

    private final PendingLoginRepository pendingLogins;
    private final TokenEndpointClient tokenClient;
    private final AccessTokenValidator validator;
    private final LoginEvents events;
    private final ErrorResponses errors;
    private final Clock clock;

    /** Creates the step. */
    public LoginCallback(PendingLoginRepository pendingLogins, TokenEndpointClient tokenClient,
            AccessTokenValidator validator, LoginEvents events, ErrorResponses errors, Clock clock) {
        this.pendingLogins = pendingLogins;
        this.tokenClient = tokenClient;
        this.validator = validator;
        this.events = events;
        this.errors = errors;
        this.clock = clock;
    }

    /** Handles {@code GET <callback>?code=..&state=..} or {@code ?error=..&state=..}. */
    public void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        for (String name : new String[] {"code", "state", "error"}) {
            String[] values = request.getParameterValues(name);
            if (values != null && values.length > 1) {
                fail(request, response, Failure.DUPLICATE_PARAMETER, null);
                return;
            }
        }
        String state = request.getParameter("state");
        String error = request.getParameter("error");
        if (state == null || state.isEmpty()) {
            fail(request, response, error != null ? failureForError(error) : Failure.STATE_MISSING, null);
            return;
        }
        PendingLogins.Taken taken = pendingLogins.take(request, state);
        if (taken.status() == PendingLogins.Status.EXPIRED) {
            fail(request, response, Failure.STATE_EXPIRED, null);
            return;
        }
        if (taken.status() == PendingLogins.Status.UNKNOWN) {
            fail(request, response, Failure.STATE_UNKNOWN, null);
            return;
        }
        PendingLogin pending = taken.login();
        if (error != null) {
            fail(request, response, failureForError(error), pending.returnPath());
            return;
        }
        String code = request.getParameter("code");
        if (code == null || code.length() > MAX_CODE_LENGTH || !CODE.matcher(code).matches()) {
            fail(request, response, Failure.CODE_MISSING, pending.returnPath());
            return;
        }
        TokenResponse tokens = null;
        try {
            tokens = tokenClient.exchangeCode(code, pending.codeVerifier());
            ValidatedToken validated = validator.validate(tokens.accessToken());
            EveLogin login = new EveLogin(validated.character(), tokens.accessToken(), tokens.refreshToken(),
                    validated.expiresAt(), clock.instant());
            EveLogin previous;
            try {
                previous = SessionLogin.logIn(request, login);
            } catch (IllegalStateException invalidated) {
                revokeQuietly(tokens); // a logout in another tab ended the session meanwhile
                fail(request, response, Failure.STATE_UNKNOWN, pending.returnPath());
                return;
            }
            if (previous != null) {
                previous.endForLogout().ifPresent(token -> tokenClient.revokeQuietly(token, "replaced by a new login"));
                events.loggedOut(previous.character(), EveSsoListener.LogoutReason.USER);
            }
            events.loggedIn(validated.character(), login);
            response.setStatus(HttpServletResponse.SC_FOUND);
            response.setHeader("Location", request.getContextPath() + pending.returnPath());
            response.setHeader("Cache-Control", "no-store");
        } catch (InvalidAccessTokenException e) {
            LOG.log(Level.WARNING, "EVE SSO login refused: the access token failed validation: {0}", e.getMessage());
            revokeQuietly(tokens);
            fail(request, response, Failure.TOKEN_INVALID, pending.returnPath());
        } catch (SsoException e) {
            LOG.log(Level.WARNING, "EVE SSO login failed: {0}", e.getMessage());
            revokeQuietly(tokens);
            Failure failure = failureFor(e);
            errors.send(request, response, failure, pending.returnPath(),
                    failure == Failure.SSO_UNAVAILABLE ? ErrorResponses.retryAfterSeconds(e) : 0);
        }
    }

    /** A refused login must not leave a live grant behind: revoke the refresh token the SSO just issued. */
    private void revokeQuietly(TokenResponse tokens) {
        if (tokens != null && tokens.refreshToken() != null) {
            tokenClient.revokeQuietly(tokens.refreshToken(), "refused login");
        }
    }

    private static Failure failureFor(SsoException e) {
        if (e instanceof SsoRejectedException) {
            return Failure.CODE_REJECTED;
        }
        if (e instanceof SsoBadResponseException) {
            return Failure.SSO_BAD_RESPONSE;
        }
        return Failure.SSO_UNAVAILABLE;
    }

    private static Failure failureForError(String error) {
        return error.toLowerCase(Locale.ROOT).startsWith("access_denied") ? Failure.ACCESS_DENIED : Failure.SSO_ERROR;
    }

    private void fail(HttpServletRequest request, HttpServletResponse response, Failure failure, String returnPath)
            throws IOException {
        errors.send(request, response, failure, returnPath, 0);
    }
}
