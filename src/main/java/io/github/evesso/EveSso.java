package io.github.evesso;

import io.github.evesso.internal.runtime.EveSsoRuntime;
import io.github.evesso.internal.runtime.Registration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Attribute names and helpers for applications using EVE SSO.
 *
 * <p>On every request that passed {@link EveSsoFilter} with a login, the request holds {@link #CHARACTER} (an
 * {@link EveCharacter}) and {@link #TOKEN} (an {@link EveAccessToken}), the session holds {@link #CHARACTER}, and
 * {@code request.getUserPrincipal()} is the {@link EveCharacter}: those of the session's active character, when
 * several are logged in ({@link #characters}). {@link #token} finds the token of a session's login in any request,
 * also one the filter did not see.
 */
public final class EveSso {
    /** Request and session attribute: the logged-in {@link EveCharacter}. */
    public static final String CHARACTER = "io.github.evesso.character";
    /**
     * Request attribute: the logged-in character's {@link EveAccessToken}. The session holds the login under an
     * attribute of the library's own; use {@link #token} to reach it from any request.
     */
    public static final String TOKEN = "io.github.evesso.token";
    /** Request attribute for a custom error page: the reason code, e.g. {@code state_expired}. */
    public static final String ERROR_CODE = "io.github.evesso.error.code";
    /** Request attribute for a custom error page: the human sentence. */
    public static final String ERROR_MESSAGE = "io.github.evesso.error.message";
    /** Request attribute for a custom error page: the URL that starts a new login. */
    public static final String ERROR_LOGIN_URL = "io.github.evesso.error.loginUrl";
    /** Response header of a 401 for API/AJAX requests: the URL that starts a login. */
    public static final String LOGIN_URL_HEADER = "X-EveSso-Login-Url";
    /** What {@code request.getAuthType()} returns for a logged-in request. */
    public static final String AUTH_TYPE = "EVE_SSO";
    /** The filter's name when registered by {@link #install}. */
    public static final String FILTER_NAME = "EveSsoFilter";
    /** The callback servlet's name when registered by {@link #install}. */
    public static final String CALLBACK_SERVLET_NAME = "EveSsoCallbackServlet";
    /**
     * The name of the library's servlet that maps the login, logout, switch and remove paths, so that a context without a default
     * servlet routes them to {@link EveSsoFilter}, which answers them (the servlet itself serves nothing).
     */
    public static final String PATHS_SERVLET_NAME = "EveSsoPathsServlet";

    private EveSso() {
    }

    /** The logged-in character of {@code request}, from the request or its session. */
    public static Optional<EveCharacter> character(HttpServletRequest request) {
        return token(request).map(EveAccessToken::character);
    }

    /**
     * The access token of {@code request}'s login: the request attribute {@link #TOKEN} set by the filter, else the
     * login in the request's session (for requests the filter does not see). Empty without a login, or when EVE SSO
     * is not installed in the request's application.
     */
    public static Optional<EveAccessToken> token(HttpServletRequest request) {
        if (request.getAttribute(TOKEN) instanceof EveAccessToken token) {
            return Optional.of(token);
        }
        return request.getServletContext().getAttribute(EveSsoRuntime.ATTRIBUTE) instanceof EveSsoRuntime runtime
                ? runtime.token(request) : Optional.empty();
    }

    /**
     * Every character logged in to {@code request}'s session (a main and its alts), in the order they logged in, with
     * each one's auto-refreshing token and status; exactly one is {@linkplain EveCharacterLogin#active() active}.
     * Empty without a login or when EVE SSO is not installed. A character is added by the login path with
     * {@code ?add} ({@code <a href="/app/sso/login?add">}), made active by a POST of {@code character=<id>} (and an
     * optional {@code return} URL) to the switch path, removed by the same POST to the remove path.
     */
    public static List<EveCharacterLogin> characters(HttpServletRequest request) {
        return request.getServletContext().getAttribute(EveSsoRuntime.ATTRIBUTE) instanceof EveSsoRuntime runtime
                ? runtime.characters(request) : List.of();
    }

    /**
     * Whether the active character has granted {@code scopes}; when it has not, the answer has been sent and the
     * caller must not write a response: a browser GET is redirected to EVE SSO to grant them (for the same
     * character, keeping its other scopes) and comes back to this URL, any other request gets
     * {@code 403 insufficient_scope} with the URL of that login. Without a login, a browser GET logs in asking for
     * them, anything else gets 401.
     *
     * @param scopes scopes the application may ask for: those of {@code eve.sso.scopes},
     *     {@code eve.sso.required-scopes} or {@code eve.sso.optional-scopes}
     * @return {@code true} when the request may go on
     * @throws IllegalArgumentException when a scope is none the application may ask for
     * @throws IllegalStateException when EVE SSO is not installed in the request's application
     */
    public static boolean requireScopes(HttpServletRequest request, HttpServletResponse response, String... scopes)
            throws IOException {
        if (request.getServletContext().getAttribute(EveSsoRuntime.ATTRIBUTE) instanceof EveSsoRuntime runtime) {
            return runtime.requireScopes(request, response, List.of(scopes));
        }
        throw new IllegalStateException("EVE SSO is not installed in this application");
    }

    /**
     * The characters of the application's token store, for work outside any request (a scheduled job): their list,
     * each one's auto-refreshing token, and a bulk refresh that respects EVE SSO's limits. See
     * {@link EveStoredTokens}.
     *
     * @param context the application's servlet context (e.g. from a {@code ServletContextListener})
     * @throws IllegalStateException when EVE SSO is not installed in the application, or it configured no token
     *     store ({@code eve.sso.token-store-datasource}, or {@code EveSsoConfig.Builder.tokenStore})
     */
    public static EveStoredTokens storedTokens(ServletContext context) {
        if (context.getAttribute(EveSsoRuntime.ATTRIBUTE) instanceof EveSsoRuntime runtime) {
            return runtime.storedTokens();
        }
        throw new IllegalStateException("EVE SSO is not installed in this application");
    }

    /**
     * Installs EVE SSO with {@code config}: registers {@link EveSsoFilter} on {@code /*},
     * {@link EveSsoCallbackServlet} on the callback URL's path and {@link #PATHS_SERVLET_NAME} on the login and logout
     * paths, and makes the session cookie {@code HttpOnly} and
     * {@code SameSite=Lax} (unless the application set {@code SameSite} itself). Call it while the context starts (from a
     * {@code ServletContainerInitializer} or a {@code @WebListener}'s {@code contextInitialized}).
     *
     * @throws EveSsoConfigException when the configuration does not fit this application
     */
    public static void install(ServletContext context, EveSsoConfig config) {
        Registration.install(context, config);
    }
}
