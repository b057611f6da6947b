package io.github.evesso.internal.esi;

import io.github.evesso.EveAccessToken;
import java.net.URI;

/**
 * One call the application asked for.
 *
 * @param method   {@code GET} or {@code POST}
 * @param path     the path as given, after the base URL (query included)
 * @param uri      the full URL
 * @param jsonBody the JSON body of a POST, {@code null} for a GET
 * @param token    the character's token, {@code null} for a public route
 */
public record EsiCall(String method, String path, URI uri, byte[] jsonBody, EveAccessToken token) {

    /** A GET of {@code path} under {@code baseUrl}. */
    public static EsiCall get(URI baseUrl, String path, EveAccessToken token) {
        return new EsiCall("GET", path, resolve(baseUrl, path), null, token);
    }

    /** A POST of {@code jsonBody} to {@code path} under {@code baseUrl}. */
    public static EsiCall post(URI baseUrl, String path, byte[] jsonBody, EveAccessToken token) {
        return new EsiCall("POST", path, resolve(baseUrl, path), jsonBody, token);
    }

    /**
     * {@code baseUrl + path}.
     *
     * @throws IllegalArgumentException when {@code path} does not start with a single {@code /}, carries a fragment
     *                                  or is no valid URI reference (encode query values with {@code URLEncoder})
     */
    static URI resolve(URI baseUrl, String path) {
        java.util.Objects.requireNonNull(path, "path");
        if (!path.startsWith("/") || path.startsWith("//") || path.indexOf('#') >= 0) {
            throw new IllegalArgumentException("an ESI path starts with a single '/' and has no fragment: " + path);
        }
        return URI.create(baseUrl + path);
    }

    /** Whether sending it twice does no harm: only then is a 502/503/504 retried, and the answer cached. */
    public boolean idempotent() {
        return method.equals("GET");
    }

    /** The call in messages and logs: method and path without the query (never a token). */
    public String describe() {
        int query = path.indexOf('?');
        return "ESI " + method + " " + (query < 0 ? path : path.substring(0, query));
    }

    /** The cache key: the URL and the character of the token (none for a public call). */
    ResponseCache.Key cacheKey() {
        return new ResponseCache.Key(uri, token == null ? null : token.character().id());
    }

    /** {@link #describe()}: never the body or the token. */
    @Override
    public String toString() {
        return describe();
    }
}
