package io.github.evesso.internal.flow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which paths take bearer tokens and which scopes they need, with the patterns of {@link PathRules}: bearer-only
 * paths never use a session; mixed paths use a bearer token when the request carries one and the session login
 * otherwise; a scope rule lists scopes every token used on its paths must have.
 *
 * @param bearerOnly patterns of paths that accept only bearer tokens
 * @param bearerOrSession patterns of paths that accept a bearer token or a session login
 * @param requiredScopes pattern to the scopes it requires (in the order configured)
 */
record BearerRules(List<String> bearerOnly, List<String> bearerOrSession, Map<String, List<String>> requiredScopes) {
    BearerRules {
        bearerOnly = List.copyOf(bearerOnly);
        bearerOrSession = List.copyOf(bearerOrSession);
        requiredScopes = Collections.unmodifiableMap(new LinkedHashMap<>(requiredScopes));
    }

    /** Whether any path takes bearer tokens (else the gate is skipped entirely). */
    boolean isEmpty() {
        return bearerOnly.isEmpty() && bearerOrSession.isEmpty();
    }

    boolean isBearerOnly(String path, boolean hasPathInfo) {
        return PathRules.matchesAny(bearerOnly, path, hasPathInfo);
    }

    boolean acceptsBearer(String path, boolean hasPathInfo) {
        return isBearerOnly(path, hasPathInfo) || PathRules.matchesAny(bearerOrSession, path, hasPathInfo);
    }

    /** The scopes {@code path} requires: the union of the rules whose pattern matches it. */
    Set<String> scopesFor(String path, boolean hasPathInfo) {
        if (requiredScopes.isEmpty()) {
            return Set.of();
        }
        Set<String> scopes = new LinkedHashSet<>();
        requiredScopes.forEach((pattern, required) -> {
            if (PathRules.matchesAny(List.of(pattern), path, hasPathInfo)) {
                scopes.addAll(required);
            }
        });
        return scopes;
    }

    /** The scopes of {@code required} that {@code granted} lacks, in order. */
    static List<String> missing(Set<String> required, Set<String> granted) {
        if (required.isEmpty()) {
            return List.of();
        }
        List<String> missing = new ArrayList<>();
        for (String scope : required) {
            if (!granted.contains(scope)) {
                missing.add(scope);
            }
        }
        return missing;
    }
}
