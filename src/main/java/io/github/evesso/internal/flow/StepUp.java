package io.github.evesso.internal.flow;

import io.github.evesso.EveSsoConfig;
import io.github.evesso.internal.login.EveLogin;
import io.github.evesso.internal.login.LoginIntent;
import io.github.evesso.internal.web.ErrorResponses;
import io.github.evesso.internal.web.Failure;
import io.github.evesso.internal.web.Redirects;
import io.github.evesso.internal.web.RequestKind;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scope step-up: when the active character lacks scopes a path ({@code eve.sso.required-scopes}) or the application
 * ({@code EveSso.requireScopes}) needs, a browser GET is sent to EVE SSO asking, for that same character, the scopes
 * it has plus those it lacks, and comes back to the page; any other request gets {@code 403 insufficient_scope} with
 * the URL of such a login. A login without scopes (identity only) steps up the same way.
 */
public final class StepUp {
    private final EveSsoConfig config;
    private final ScopeRules rules;
    private final Set<String> askable;
    private final AuthorizationRedirect redirect;
    private final ErrorResponses errors;

    /** Creates the step. */
    public StepUp(EveSsoConfig config, AuthorizationRedirect redirect, ErrorResponses errors) {
        this.config = config;
        this.rules = new ScopeRules(config.requiredScopes());
        this.askable = config.askableScopes();
        this.redirect = redirect;
        this.errors = errors;
    }

    /** Whether {@code path} requires scopes, and so a login. */
    boolean covers(String path, boolean hasPathInfo) {
        return rules.covers(path, hasPathInfo);
    }

    /** What a first login on {@code path} asks: the configured scopes and those the path requires. */
    List<String> loginScopes(String path, boolean hasPathInfo) {
        return ScopeRules.union(config.scopes(), rules.missing(path, hasPathInfo, Set.of()));
    }

    /**
     * Whether {@code active} has the scopes {@code path} requires; if not, the step-up (or the 403) has been sent.
     * Nothing allocated when it has them.
     */
    boolean admits(HttpServletRequest request, HttpServletResponse response, EveLogin active, String path,
            boolean hasPathInfo) throws IOException {
        List<String> missing = rules.missing(path, hasPathInfo, active.character().scopes());
        if (missing.isEmpty()) {
            return true;
        }
        demand(request, response, active, missing);
        return false;
    }

    /**
     * Whether {@code active} has {@code scopes}; if not, the step-up (or the 403) has been sent.
     *
     * @throws IllegalArgumentException when a scope is none the application may ask for
     */
    public boolean require(HttpServletRequest request, HttpServletResponse response, EveLogin active,
            Collection<String> scopes) throws IOException {
        List<String> unknown = scopes.stream().filter(scope -> !askable.contains(scope)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Not scopes this application asks for: " + unknown + "; list them in "
                    + EveSsoConfig.Key.OPTIONAL_SCOPES + " (and at CCP's developer site)");
        }
        List<String> missing = scopes.stream().distinct()
                .filter(scope -> !active.character().scopes().contains(scope)).toList();
        if (missing.isEmpty()) {
            return true;
        }
        demand(request, response, active, missing);
        return false;
    }

    /**
     * Starts a login for {@code scopes} on a request without a login: a browser GET goes to EVE SSO asking the
     * configured scopes and these; anything else gets 401.
     */
    public void requireLogin(HttpServletRequest request, HttpServletResponse response, Collection<String> scopes)
            throws IOException {
        if (!RequestKind.isApi(request) && "GET".equals(request.getMethod())) {
            redirect.start(request, response, ReturnUrls.of(request).orElse(null),
                    LoginIntent.login(ScopeRules.union(config.scopes(), scopes)));
        } else {
            errors.send(request, response, Failure.LOGIN_REQUIRED, null, 0);
        }
    }

    /** The login that asks for {@code extra} scopes of the active character and returns to {@code returnPath}. */
    private String stepUpUrl(HttpServletRequest request, List<String> extra, String returnPath) {
        String url = Redirects.applicationUrl(request, config.loginPath()) + "?scope="
                + URLEncoder.encode(String.join(" ", extra), StandardCharsets.UTF_8);
        return returnPath == null ? url : url + "&return=" + URLEncoder.encode(returnPath, StandardCharsets.UTF_8);
    }

    private void demand(HttpServletRequest request, HttpServletResponse response, EveLogin active,
            List<String> missing) throws IOException {
        boolean browserGet = !RequestKind.isApi(request) && "GET".equals(request.getMethod());
        if (browserGet) {
            redirect.start(request, response, ReturnUrls.of(request).orElse(null), intentFor(active, missing));
        } else {
            errors.sendInsufficientScope(request, response, missing,
                    stepUpUrl(request, missing, ReturnUrls.of(request).orElse(null)));
        }
    }

    /** The step-up of {@code active}: the same character, asking the scopes it has and {@code missing}. */
    static LoginIntent intentFor(EveLogin active, Collection<String> missing) {
        return LoginIntent.stepUp(active.character().id(),
                ScopeRules.union(new TreeSet<>(active.character().scopes()), missing));
    }
}
