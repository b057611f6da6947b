package io.github.evesso;

import io.github.evesso.EveSsoConfigKeys.Key;
import io.github.evesso.internal.path.AppRelativeUrl;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every rule a configuration must keep, checked on one {@link ConfigValues} snapshot: each value on its own first,
 * then the combinations that cannot work together (checked only between values that are valid on their own). The
 * problems come in a stable order, each naming its key and never the client secret. The token store's settings are
 * checked by {@link TokenStoreValidation}.
 */
final class ConfigValidation {
    /** The largest accepted clock skew: beyond it, long-expired tokens would pass. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    /** The largest refresh window: EVE access tokens live 20 minutes. */
    static final Duration MAX_REFRESH_WINDOW = Duration.ofMinutes(10);
    /** The fewest pending logins a session may keep. */
    static final int MIN_STATE_SLOTS = 1;
    /** The most pending logins a session may keep. */
    static final int MAX_STATE_SLOTS = 50;
    /** The most failed code exchanges a session or an address may be allowed: each is counted in memory. */
    static final int MAX_FAILED_LOGINS = 1000;
    /** The longest window failed code exchanges are counted in. */
    static final Duration MAX_FAILED_LOGIN_WINDOW = Duration.ofDays(1);
    /** The most characters a session may hold: each one is a login with its tokens in the session. */
    static final int MAX_CHARACTERS = 100;
    /** The most token calls a bulk refresh may make at once: EVE SSO answers 500 above about 5. */
    static final int MAX_REFRESH_CONCURRENCY = 20;

    private final List<String> problems = new ArrayList<>();

    private ConfigValidation() {
    }

    /**
     * The problems of {@code v}, empty when it is a valid configuration.
     *
     * @param unreadable keys whose string value did not read (already reported: not reported missing as well)
     */
    static List<String> problems(ConfigValues v, Set<Key> unreadable) {
        ConfigValidation check = new ConfigValidation();
        check.singleValues(v, unreadable);
        check.combinations(v);
        check.problems.addAll(TokenStoreValidation.problems(v, unreadable));
        return check.problems;
    }

    private void singleValues(ConfigValues v, Set<Key> unreadable) {
        if (v.clientId() == null || v.clientId().isBlank()) {
            problems.add(Key.CLIENT_ID + " is missing");
        }
        if (v.clientSecret() == null || v.clientSecret().isBlank()) {
            problems.add(Key.CLIENT_SECRET + " is missing");
        }
        if (v.callbackUrl() != null) {
            httpUrl(Key.CALLBACK_URL, v.callbackUrl());
            if (v.callbackUrl().getRawFragment() != null || v.callbackUrl().getRawQuery() != null) {
                problems.add(Key.CALLBACK_URL + " must not have a query or fragment: " + v.callbackUrl());
            }
        } else if (!unreadable.contains(Key.CALLBACK_URL)) {
            problems.add(Key.CALLBACK_URL + " is missing");
        }
        httpUrl(Key.METADATA_URL, v.metadataUrl());
        optionalHttpUrl(Key.AUTHORIZATION_ENDPOINT, v.authorizationEndpoint());
        optionalHttpUrl(Key.TOKEN_ENDPOINT, v.tokenEndpoint());
        optionalHttpUrl(Key.JWKS_URI, v.jwksUri());
        optionalHttpUrl(Key.REVOCATION_ENDPOINT, v.revocationEndpoint());
        scopes(Key.SCOPES, v.scopes());
        urlPatterns(Key.PROTECTED_PATHS, v.protectedPaths());
        urlPatterns(Key.EXCLUDED_PATHS, v.excludedPaths());
        urlPatterns(Key.BEARER_PATHS, v.bearerPaths());
        urlPatterns(Key.BEARER_OR_SESSION_PATHS, v.bearerOrSessionPaths());
        scopeRules(Key.BEARER_REQUIRED_SCOPES, v.bearerRequiredScopes());
        scopeRules(Key.REQUIRED_SCOPES, v.requiredScopes());
        scopes(Key.OPTIONAL_SCOPES, v.optionalScopes());
        between(Key.MAX_CHARACTERS, v.maxCharacters(), 1, MAX_CHARACTERS);
        between(Key.REFRESH_CONCURRENCY, v.refreshConcurrency(), 1, MAX_REFRESH_CONCURRENCY);
        for (String client : v.bearerClients()) {
            if (client.isBlank() || client.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
                problems.add(Key.BEARER_CLIENTS + " has an invalid client id: " + client);
            }
        }
        appRelative(Key.DEFAULT_URL, v.defaultUrl());
        appRelative(Key.POST_LOGOUT_URL, v.postLogoutUrl());
        appRelative(Key.LOGIN_PATH, v.loginPath());
        appRelative(Key.LOGOUT_PATH, v.logoutPath());
        appRelative(Key.SWITCH_PATH, v.switchPath());
        appRelative(Key.REMOVE_PATH, v.removePath());
        if (v.errorPage() != null) {
            appRelative(Key.ERROR_PAGE, v.errorPage());
        }
        if (v.acceptedIssuers() != null && v.acceptedIssuers().isEmpty()) {
            problems.add(Key.ACCEPTED_ISSUERS + " must not be empty");
        }
        notNegative(Key.CLOCK_SKEW, v.clockSkew());
        atMost(Key.CLOCK_SKEW, v.clockSkew(), MAX_CLOCK_SKEW);
        notNegative(Key.REFRESH_WINDOW, v.refreshWindow());
        atMost(Key.REFRESH_WINDOW, v.refreshWindow(), MAX_REFRESH_WINDOW);
        distinctPaths(List.of(Key.LOGIN_PATH, Key.LOGOUT_PATH, Key.SWITCH_PATH, Key.REMOVE_PATH),
                List.of(nullToEmpty(v.loginPath()), nullToEmpty(v.logoutPath()), nullToEmpty(v.switchPath()),
                        nullToEmpty(v.removePath())));
        positive(Key.CONNECT_TIMEOUT, v.connectTimeout());
        positive(Key.READ_TIMEOUT, v.readTimeout());
        positive(Key.STATE_TTL, v.stateTtl());
        notNegative(Key.JWKS_REFETCH_INTERVAL, v.jwksRefetchInterval());
        positive(Key.METADATA_CACHE_TTL, v.metadataCacheTtl());
        positive(Key.MAX_RETRY_BACKOFF, v.maxRetryBackoff());
        between(Key.STATE_SLOTS, v.stateSlots(), MIN_STATE_SLOTS, MAX_STATE_SLOTS);
        notNegative(Key.LOGIN_MIN_AGE, v.loginMinAge());
        between(Key.FAILED_LOGINS_PER_SESSION, v.failedLoginsPerSession(), 0, MAX_FAILED_LOGINS);
        between(Key.FAILED_LOGINS_PER_ADDRESS, v.failedLoginsPerAddress(), 0, MAX_FAILED_LOGINS);
        positive(Key.FAILED_LOGIN_WINDOW, v.failedLoginWindow());
        atMost(Key.FAILED_LOGIN_WINDOW, v.failedLoginWindow(), MAX_FAILED_LOGIN_WINDOW);
        if (v.clock() == null) {
            problems.add("clock must not be null");
        }
    }

    private void combinations(ConfigValues v) {
        Duration refetch = v.jwksRefetchInterval();
        Duration ttl = v.metadataCacheTtl();
        // as Nimbus's JWKSourceBuilder: a rate limit as long as the cache would let the cache expire unrefetchable
        if (isPositive(refetch) && isPositive(ttl) && refetch.compareTo(ttl) >= 0) {
            problems.add(Key.JWKS_REFETCH_INTERVAL + " must be shorter than " + Key.METADATA_CACHE_TTL + " ("
                    + ttl + "), not " + refetch + " (0 turns the limit off)");
        }
        // a minimum age the state does not live to would refuse every login
        Duration minAge = v.loginMinAge();
        Duration stateTtl = v.stateTtl();
        if (minAge != null && !minAge.isNegative() && isPositive(stateTtl) && minAge.compareTo(stateTtl) >= 0) {
            problems.add(Key.LOGIN_MIN_AGE + " must be shorter than " + Key.STATE_TTL + " (" + stateTtl + "), not "
                    + minAge + " (0 turns the check off)");
        }
        // a login that ends on the login path starts the next one: the user never reaches the application
        landing(Key.DEFAULT_URL, v.defaultUrl(), Key.LOGIN_PATH, v.loginPath(), "every login would start another");
        landing(Key.DEFAULT_URL, v.defaultUrl(), Key.LOGOUT_PATH, v.logoutPath(), "every login would end there");
        landing(Key.POST_LOGOUT_URL, v.postLogoutUrl(), Key.LOGOUT_PATH, v.logoutPath(),
                "a logout would end on the logout path");
    }

    /** A page that must not lead to {@code path}: compared without its query, only when both are valid. */
    private void landing(Key pageKey, String page, Key pathKey, String path, String consequence) {
        if (AppRelativeUrl.isSafe(page) && AppRelativeUrl.isSafe(path) && withoutQuery(page).equals(path)) {
            problems.add(pageKey + " must not be " + pathKey + " (" + path + "): " + consequence);
        }
    }

    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private void httpUrl(Key key, URI uri) {
        if (uri == null) {
            problems.add(key + " is missing");
        } else if (!uri.isAbsolute() || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            problems.add(key + " must be an absolute http(s) URL: " + uri);
        }
    }

    private void optionalHttpUrl(Key key, URI uri) {
        if (uri != null) {
            httpUrl(key, uri);
        }
    }

    private void appRelative(Key key, String url) {
        AppRelativeUrl.flaw(url).ifPresent(flaw -> problems.add(key + " " + flaw.description() + ": " + url));
    }

    private void scopes(Key key, List<String> scopes) {
        for (String scope : scopes) {
            if (!scope.matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]+")) { // RFC 6749 scope-token
                problems.add(key + " has an invalid scope: " + scope);
            }
        }
    }

    /** Patterns to scopes: valid patterns, each naming at least one valid scope. */
    private void scopeRules(Key key, Map<String, List<String>> rules) {
        urlPatterns(key, List.copyOf(rules.keySet()));
        rules.forEach((pattern, scopes) -> {
            if (scopes.isEmpty()) {
                problems.add(key + " names no scope for " + pattern);
            }
            scopes(key, scopes);
        });
    }

    /** The library's own paths must differ from each other: each is answered by one step only. */
    private void distinctPaths(List<Key> keys, List<String> paths) {
        for (int i = 0; i < keys.size(); i++) {
            for (int j = i + 1; j < keys.size(); j++) {
                if (!paths.get(i).isEmpty() && paths.get(i).equals(paths.get(j))) {
                    problems.add(keys.get(i) + " and " + keys.get(j) + " must differ, both are " + paths.get(i));
                }
            }
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private void urlPatterns(Key key, List<String> patterns) {
        for (String p : patterns) {
            boolean prefix = p.endsWith("/*") && p.indexOf('*') == p.length() - 1;
            boolean ok = p.equals("/") || p.startsWith("*.") && p.indexOf('/') < 0
                    || p.startsWith("/") && (p.indexOf('*') < 0 || prefix);
            if (!ok) {
                problems.add(key + " has an invalid servlet URL pattern: " + p);
            }
        }
    }

    private void atMost(Key key, Duration d, Duration max) {
        if (d != null && d.compareTo(max) > 0) {
            problems.add(key + " must be at most " + max.toSeconds() + " s, not " + d.toSeconds() + " s");
        }
    }

    private void between(Key key, int value, int min, int max) {
        if (value < min || value > max) {
            problems.add(key + " must be between " + min + " and " + max + ", not " + value);
        }
    }

    private void positive(Key key, Duration d) {
        if (!isPositive(d)) {
            problems.add(key + " must be a positive duration, not " + d);
        }
    }

    private void notNegative(Key key, Duration d) {
        if (d == null || d.isNegative()) {
            problems.add(key + " must not be negative, not " + d);
        }
    }

    private static boolean isPositive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

}
