package io.github.evesso.internal.runtime;

import io.github.evesso.EveAccessToken;
import io.github.evesso.EveCharacterLogin;
import io.github.evesso.EveSsoConfig;
import io.github.evesso.EveSsoConfigException;
import io.github.evesso.EveStoredTokens;
import io.github.evesso.EveTokenStore;
import io.github.evesso.internal.config.ConfigLoader;
import io.github.evesso.internal.event.LoginEvents;
import io.github.evesso.internal.flow.AuthorizationRedirect;
import io.github.evesso.internal.flow.BearerGate;
import io.github.evesso.internal.flow.CharacterPaths;
import io.github.evesso.internal.flow.CodeExchangeBudget;
import io.github.evesso.internal.flow.LoginCallback;
import io.github.evesso.internal.flow.LogoutHandler;
import io.github.evesso.internal.flow.RemoveCharacterHandler;
import io.github.evesso.internal.flow.RequestGate;
import io.github.evesso.internal.flow.StepUp;
import io.github.evesso.internal.flow.SwitchCharacterHandler;
import io.github.evesso.internal.jwt.AccessTokenValidator;
import io.github.evesso.internal.login.BackgroundTokens;
import io.github.evesso.internal.login.EveLogins;
import io.github.evesso.internal.login.LeasedRefresh;
import io.github.evesso.internal.login.LoginKeeper;
import io.github.evesso.internal.login.PendingLoginRepository;
import io.github.evesso.internal.login.SessionEnd;
import io.github.evesso.internal.login.SessionLogin;
import io.github.evesso.internal.login.StoredGrants;
import io.github.evesso.internal.login.TokenRefresher;
import io.github.evesso.internal.sso.SsoEndpoints;
import io.github.evesso.internal.sso.SsoHttp;
import io.github.evesso.internal.sso.TokenEndpointClient;
import io.github.evesso.internal.web.ErrorResponses;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The services of one application's EVE SSO login, built once from its {@link EveSsoConfig} and shared by the filter
 * and the callback servlet through a servlet-context attribute (never a static singleton).
 */
public final class EveSsoRuntime implements AutoCloseable {
    /** The servlet-context attribute holding the runtime. */
    public static final String ATTRIBUTE = "io.github.evesso.runtime";
    private static final System.Logger LOG = System.getLogger(EveSsoRuntime.class.getName());

    private final EveSsoConfig config;
    private final String callbackPath;
    private final Jsonb jsonb;
    private final SsoHttp http;
    private final TokenEndpointClient tokenClient;
    private final RequestGate gate;
    private final LoginCallback callback;
    private final LoginKeeper keeper;
    private final SessionEnd sessionEnd;
    private final StepUp stepUp;
    private final EveStoredTokens storedTokens;

    private EveSsoRuntime(EveSsoConfig config, String contextPath, ClassLoader loader) {
        this.config = config;
        List<String> problems = new ArrayList<>();
        String path = null;
        LoginEvents events = null;
        try {
            path = callbackPath(config, contextPath);
        } catch (EveSsoConfigException e) {
            problems.addAll(e.problems());
        }
        EveTokenStore store = problems.isEmpty() ? TokenStoreOpening.open(config).orElse(null) : null;
        try {
            events = LoginEvents.load(config, loader, store);
        } catch (EveSsoConfigException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new EveSsoConfigException(problems);
        }
        this.callbackPath = path;
        this.jsonb = JsonbBuilder.create();
        this.http = new SsoHttp(config.connectTimeout(), config.readTimeout());
        SsoEndpoints endpoints = new SsoEndpoints(config, http, jsonb);
        AccessTokenValidator validator = new AccessTokenValidator(config, endpoints, http);
        this.tokenClient = new TokenEndpointClient(config, endpoints, http, jsonb);
        ErrorResponses errors = new ErrorResponses(config, jsonb);
        PendingLoginRepository pendingLogins = new PendingLoginRepository(config);
        TokenRefresher refresher = new TokenRefresher(tokenClient, validator, config.clock());
        this.keeper = new LoginKeeper(refresher, store == null ? null
                : new LeasedRefresh(store, refresher, config.connectTimeout().plus(config.readTimeout())), events,
                config.clock(), config.refreshWindow(), config.maxRetryBackoff());
        StoredGrants grants = new StoredGrants(store, tokenClient, events);
        this.storedTokens = store == null ? null
                : new BackgroundTokens(store, keeper, grants, config.refreshConcurrency());
        AuthorizationRedirect redirect = new AuthorizationRedirect(config, endpoints, pendingLogins, errors);
        LogoutHandler logout = new LogoutHandler(config, grants, errors);
        CharacterPaths characterPaths = new CharacterPaths(config, logout,
                new SwitchCharacterHandler(config, events, errors),
                new RemoveCharacterHandler(config, logout, events, errors));
        this.stepUp = new StepUp(config, redirect, errors);
        this.gate = new RequestGate(config, callbackPath, redirect, characterPaths, stepUp, keeper, errors,
                BearerGate.of(config, validator, jsonb));
        this.sessionEnd = new SessionEnd(grants, config.revokeOnSessionEnd());
        this.callback = new LoginCallback(pendingLogins, tokenClient, new CodeExchangeBudget(config), validator,
                keeper, grants, events, errors, config.clock(), config.maxCharacters());
    }

    /**
     * Creates the runtime for {@code config} and stores it in {@code context}.
     *
     * @throws EveSsoConfigException when the configuration does not fit the context, or a runtime exists already
     */
    public static EveSsoRuntime install(ServletContext context, EveSsoConfig config) {
        synchronized (context) {
            if (context.getAttribute(ATTRIBUTE) != null) {
                throw new EveSsoConfigException(List.of("EVE SSO is already installed in this application (the"
                        + " drop-in registration runs when it finds eve.sso.* settings in context-params or MicroProfile"
                        + " Config; set eve.sso.auto-register=false to install it yourself)"));
            }
            EveSsoRuntime runtime = new EveSsoRuntime(config, context.getContextPath(), context.getClassLoader());
            context.setAttribute(ATTRIBUTE, runtime);
            LOG.log(Level.INFO, "EVE SSO login active: {0}", config);
            InsecureEndpoints.warnings(config).forEach(warning -> LOG.log(Level.WARNING, warning));
            return runtime;
        }
    }

    /**
     * The context's runtime, created on first use from {@code initParams}, the context-params and MicroProfile
     * Config.
     *
     * @throws EveSsoConfigException listing every configuration problem
     */
    public static EveSsoRuntime obtain(ServletContext context, Function<String, String> initParams) {
        synchronized (context) {
            if (context.getAttribute(ATTRIBUTE) instanceof EveSsoRuntime existing) {
                return existing;
            }
            return install(context, ConfigLoader.load(context, initParams));
        }
    }

    /** The configuration. */
    public EveSsoConfig config() {
        return config;
    }

    /** The callback servlet's application-relative path. */
    public String callbackPath() {
        return callbackPath;
    }

    /** What the filter does. */
    public RequestGate gate() {
        return gate;
    }

    /** What the callback servlet does. */
    public LoginCallback callback() {
        return callback;
    }

    /**
     * The access token of the active character of {@code request}'s session, if any: a live view that refreshes
     * through this runtime, also for requests the filter did not see.
     */
    public Optional<EveAccessToken> token(HttpServletRequest request) {
        EveLogins logins = SessionLogin.current(request.getSession(false));
        return logins == null ? Optional.empty() : Optional.of(keeper.tokenOf(logins.active()));
    }

    /** Every character of {@code request}'s session, in login order; empty without a login. */
    public List<EveCharacterLogin> characters(HttpServletRequest request) {
        EveLogins logins = SessionLogin.current(request.getSession(false));
        return logins == null ? List.of() : keeper.charactersOf(logins);
    }

    /**
     * Whether the active character of {@code request}'s session has {@code scopes}; if not (or without a login), a
     * step-up login (or a 403 or 401) has been sent.
     */
    public boolean requireScopes(HttpServletRequest request, HttpServletResponse response, Collection<String> scopes)
            throws IOException {
        EveLogins logins = SessionLogin.current(request.getSession(false));
        if (logins == null) {
            stepUp.requireLogin(request, response, scopes);
            return false;
        }
        return stepUp.require(request, response, logins.active(), scopes);
    }

    /**
     * The stored characters, for background work.
     *
     * @throws IllegalStateException when the application configured no token store
     */
    public EveStoredTokens storedTokens() {
        if (storedTokens == null) {
            throw new IllegalStateException("No EVE token store is configured: set " + EveSsoConfig.Key
                    .TOKEN_STORE_DATASOURCE + " (or EveSsoConfig.Builder.tokenStore) to keep grants beyond sessions");
        }
        return storedTokens;
    }

    /** A session of the application is ending (see {@link SessionEndListener}). */
    void sessionEnded(HttpSession session) {
        sessionEnd.ended(session, System.currentTimeMillis()); // the container's clock decides timeouts
    }

    /** Removes the runtime from {@code context} and releases it. */
    public static void uninstall(ServletContext context) {
        synchronized (context) {
            if (context.getAttribute(ATTRIBUTE) instanceof EveSsoRuntime runtime) {
                context.removeAttribute(ATTRIBUTE);
                runtime.close();
            }
        }
    }

    @Override
    public void close() {
        tokenClient.close();
        http.close();
        try {
            jsonb.close();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "Closing JSON-B failed", e);
        }
    }

    private static String callbackPath(EveSsoConfig config, String contextPath) {
        String path = config.callbackUrl().getPath();
        if (path == null || !path.startsWith(contextPath + "/") || path.length() <= contextPath.length() + 1) {
            throw new EveSsoConfigException(List.of(EveSsoConfig.Key.CALLBACK_URL + " must point into this"
                    + " application (context path '" + contextPath + "'), not " + config.callbackUrl()));
        }
        return path.substring(contextPath.length());
    }
}
