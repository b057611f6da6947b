package io.github.evesso.internal.flow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which scopes the active character must have on which paths ({@code eve.sso.required-scopes}), with the patterns
 * of {@link PathRules}. Checked on every logged-in request: arrays, and nothing allocated unless a scope is missing.
 */
final class ScopeRules {
    private final String[] patterns;
    private final String[][] scopes;

    /** The rules of {@code required} (pattern to scopes, in order). */
    ScopeRules(Map<String, List<String>> required) {
        this.patterns = required.keySet().toArray(String[]::new);
        this.scopes = required.values().stream().map(list -> list.toArray(String[]::new)).toArray(String[][]::new);
    }

    /** Whether some path has required scopes (and so requires a login). */
    boolean covers(String path, boolean hasPathInfo) {
        for (String pattern : patterns) {
            if (applies(pattern, path, hasPathInfo)) {
                return true;
            }
        }
        return false;
    }

    /** The scopes {@code path} requires that {@code granted} lacks, in configured order without repeats. */
    List<String> missing(String path, boolean hasPathInfo, Set<String> granted) {
        List<String> missing = null;
        for (int i = 0; i < patterns.length; i++) {
            if (!applies(patterns[i], path, hasPathInfo)) {
                continue;
            }
            for (String scope : scopes[i]) {
                if (!granted.contains(scope)) {
                    if (missing == null) {
                        missing = new ArrayList<>();
                    }
                    if (!missing.contains(scope)) {
                        missing.add(scope);
                    }
                }
            }
        }
        return missing == null ? List.of() : missing;
    }

    /** The scopes of {@code first}, then those of {@code second} it lacks: what a login asks for. */
    static List<String> union(Collection<String> first, Collection<String> second) {
        Set<String> all = new LinkedHashSet<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }

    private static boolean applies(String pattern, String path, boolean hasPathInfo) {
        return !(hasPathInfo && pattern.startsWith("*.")) && PathRules.matches(pattern, path);
    }
}
