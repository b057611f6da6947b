package io.github.evesso.internal.flow;

import io.github.evesso.EveSsoListener;
import io.github.evesso.internal.event.LoginEvents;
import io.github.evesso.internal.jwt.AccessTokenValidator;
import io.github.evesso.internal.jwt.InvalidAccessTokenException;
import io.github.evesso.internal.jwt.ValidatedToken;
import io.github.evesso.internal.login.EveLogin;
import io.github.evesso.internal.login.LoginIntent;
import io.github.evesso.internal.login.LoginKeeper;
import io.github.evesso.internal.login.PendingLogin;
import io.github.evesso.internal.login.PendingLoginRepository;
import io.github.evesso.internal.login.PendingLogins;
import io.github.evesso.internal.login.SessionLogin;
import io.github.evesso.internal.login.StoredGrants;
import io.github.evesso.internal.login.Tokens;
import io.github.evesso.internal.sso.SsoBadResponseException;
import io.github.evesso.internal.sso.SsoException;
import io.github.evesso.internal.sso.SsoRejectedException;
import io.github.evesso.internal.sso.TokenEndpointClient;
import io.github.evesso.internal.sso.TokenResponse;
import io.github.evesso.internal.web.ErrorResponses;
import io.github.evesso.internal.web.Failure;
import io.github.evesso.internal.web.Redirects;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Completes a login on the callback: checks the SSO's answer and the {@code state}, exchanges the code within the
 * {@link CodeExchangeBudget}, validates the access token, checks it against what the login was for (a step-up must
 * bring back the same character with every scope asked), then logs in ({@link SessionLogin}: the session's only
 * character, an added one, or a character's new tokens) and redirects to the remembered URL. Every failure is one {@link LoginFailure}, rendered in one place, and leaves the session without a
 * new login and no live grant behind; a callback refused before the exchange has only used up its {@code state}.
 */
public final class LoginCallback {
    private static final System.Logger LOG = System.getLogger(LoginCallback.class.getName());
    /** Longest authorization code accepted; EVE's are short. */
    static final int MAX_CODE_LENGTH = 2048;
    /** What an authorization code can look like (URL-safe and base64 characters): anything else is not sent on. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._~+/=-]+");

    private final PendingLoginRepository pendingLogins;
    private final TokenEndpointClient tokenClient;
    private final CodeExchangeBudget budget;
    private final AccessTokenValidator validator;
    private final LoginKeeper keeper;
    private final StoredGrants grants;
    private final LoginEvents events;
    private final ErrorResponses errors;
    private final Clock clock;
    private final int maxCharacters;
    /** Held while a login replaces the session's previous one: a few microseconds, no I/O. */
    private final Object sessionSwap = new Object();

    /**
     * Creates the step.
     *
     * @param maxCharacters the most characters a session may hold
     */
    public LoginCallback(PendingLoginRepository pendingLogins, TokenEndpointClient tokenClient,
            CodeExchangeBudget budget, AccessTokenValidator validator, LoginKeeper keeper, StoredGrants grants,
            LoginEvents events, ErrorResponses errors, Clock clock, int maxCharacters) {
        this.grants = grants;
        this.pendingLogins = pendingLogins;
        this.tokenClient = tokenClient;
        this.budget = budget;
        this.validator = validator;
        this.keeper = keeper;
        this.events = events;
        this.errors = errors;
        this.clock = clock;
        this.maxCharacters = maxCharacters;
    }

    /** Handles {@code GET <callback>?code=..&state=..} or {@code ?error=..&state=..}. */
    public void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            PendingLogin pending = pendingLogin(request);
            EveLogin login = exchange(request, pending);
            events.loggedIn(login.character(), keeper.tokenOf(login));
            Redirects.send(response, HttpServletResponse.SC_FOUND, Redirects.applicationUrl(request, pending.returnPath()));
        } catch (LoginFailure failure) {
            errors.send(request, response, failure.failure(), failure.returnPath(), failure.retryAfterSeconds());
        }
    }

    /** The pending login the callback's {@code state} names, taken (single use), if the SSO reported no error. */
    private PendingLogin pendingLogin(HttpServletRequest request) throws LoginFailure {
        for (String name : new String[] {"code", "state", "error"}) {
            String[] values = request.getParameterValues(name);
            if (values != null && values.length > 1) {
                throw new LoginFailure(Failure.DUPLICATE_PARAMETER, null);
            }
        }
        String state = request.getParameter("state");
        String error = request.getParameter("error");
        if (state == null || state.isEmpty()) {
            throw new LoginFailure(error != null ? failureForError(error) : Failure.STATE_MISSING, null);
        }
        PendingLogins.Taken taken = pendingLogins.take(request, state);
        switch (taken.status()) {
            case EXPIRED -> throw new LoginFailure(Failure.STATE_EXPIRED, null);
            case UNKNOWN -> throw new LoginFailure(Failure.STATE_UNKNOWN, null);
            case OK -> {
            }
        }
        if (error != null) {
            throw new LoginFailure(failureForError(error), taken.login().returnPath());
        }
        return taken.login();
    }

    /** Exchanges the code, validates the token and logs in; a refused login revokes the grant it was given. */
    private EveLogin exchange(HttpServletRequest request, PendingLogin pending) throws LoginFailure {
        String code = request.getParameter("code");
        if (code == null || code.length() > MAX_CODE_LENGTH || !CODE.matcher(code).matches()) {
            throw new LoginFailure(Failure.CODE_MISSING, pending.returnPath());
        }
        TokenResponse tokens = exchangeCode(request, code, pending);
        try {
            ValidatedToken validated = validator.validate(tokens.accessToken());
            checkStepUp(pending, validated);
            EveLogin login = new EveLogin(Tokens.issued(validated, tokens, tokens.refreshToken(), clock.instant()));
            logIn(request, login, pending);
            return login;
        } catch (InvalidAccessTokenException e) {
            LOG.log(Level.WARNING, "EVE SSO login refused: the access token failed validation: {0}", e.getMessage());
            revokeQuietly(tokens);
            throw new LoginFailure(Failure.TOKEN_INVALID, pending.returnPath());
        } catch (SsoException e) {
            LOG.log(Level.WARNING, "EVE SSO login failed: {0}", e.getMessage());
            revokeQuietly(tokens);
            throw failureFor(e, pending);
        } catch (LoginFailure e) {
            revokeQuietly(tokens);
            throw e;
        }
    }

    /** Exchanges the code if the budget admits it; only a code the SSO refused counts against the budget. */
    private TokenResponse exchangeCode(HttpServletRequest request, String code, PendingLogin pending)
            throws LoginFailure {
        CodeExchangeBudget.Ticket ticket = budget.admit(request, pending);
        try {
            return tokenClient.exchangeCode(code, pending.codeVerifier());
        } catch (SsoException e) {
            if (e instanceof SsoRejectedException) {
                ticket.refused();
            }
            LOG.log(Level.WARNING, "EVE SSO login failed: {0}", e.getMessage());
            throw failureFor(e, pending);
        } finally {
            ticket.notRefused(); // whatever else ended the exchange, unless it was refused
        }
    }

    /** A step-up must bring back the character that asked, with every scope asked (else nothing changes). */
    private static void checkStepUp(PendingLogin pending, ValidatedToken validated) throws LoginFailure {
        LoginIntent intent = pending.intent();
        if (intent.kind() != LoginIntent.Kind.STEP_UP) {
            return;
        }
        if (validated.character().id() != intent.characterId()) {
            LOG.log(Level.INFO, "EVE SSO step-up for character {0,number,#} came back as character {1,number,#}:"
                    + " refused", intent.characterId(), validated.character().id());
            throw new LoginFailure(Failure.WRONG_CHARACTER, pending.returnPath());
        }
        if (!validated.character().scopes().containsAll(intent.scopes())) {
            LOG.log(Level.INFO, "EVE SSO step-up for character {0,number,#} granted fewer scopes than asked: refused",
                    intent.characterId());
            throw new LoginFailure(Failure.SCOPES_NOT_GRANTED, pending.returnPath());
        }
    }

    /**
     * Puts {@code login} into the session as its intent says, ending (and revoking) the logins it replaces: the
     * character's own previous login silently (it is logged in still), the characters a fresh session dropped as a
     * logout.
     */
    private void logIn(HttpServletRequest request, EveLogin login, PendingLogin pending) throws LoginFailure {
        SessionLogin.Swap swap;
        try {
            synchronized (sessionSwap) { // two callbacks of one session: the second must see (and end) the first
                swap = SessionLogin.logIn(request, login, pending.intent(), maxCharacters);
            }
        } catch (IllegalStateException invalidated) {
            throw new LoginFailure(Failure.STATE_UNKNOWN, pending.returnPath()); // a logout in another tab meanwhile
        }
        if (swap.full()) {
            throw new LoginFailure(Failure.TOO_MANY_CHARACTERS, pending.returnPath());
        }
        grants.saveLogin(login);
        for (EveLogin previous : swap.ended()) {
            if (previous.character().id() != login.character().id()) {
                grants.end(previous, EveSsoListener.LogoutReason.USER, "replaced by a new login");
                continue;
            }
            grants.endReplaced(previous);
        }
    }

    /** A refused login must not leave a live grant behind: revoke the refresh token the SSO just issued. */
    private void revokeQuietly(TokenResponse tokens) {
        if (tokens != null && tokens.refreshToken() != null) {
            tokenClient.revokeQuietly(tokens.refreshToken(), "refused login");
        }
    }

    private static LoginFailure failureFor(SsoException e, PendingLogin pending) {
        if (e instanceof SsoRejectedException) {
            return new LoginFailure(Failure.CODE_REJECTED, pending.returnPath());
        }
        if (e instanceof SsoBadResponseException) {
            return new LoginFailure(Failure.SSO_BAD_RESPONSE, pending.returnPath());
        }
        return new LoginFailure(Failure.SSO_UNAVAILABLE, pending.returnPath(), ErrorResponses.retryAfterSeconds(e));
    }

    private static Failure failureForError(String error) {
        return error.toLowerCase(Locale.ROOT).startsWith("access_denied") ? Failure.ACCESS_DENIED : Failure.SSO_ERROR;
    }
}
