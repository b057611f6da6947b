package io.github.evesso;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ESI's answer to one call, its body mapped to the caller's type. Immutable (the body is as immutable as its type:
 * prefer records, and lists over arrays).
 *
 * @param <T> the body's type
 */
public final class EsiResponse<T> {

    /** Where the body came from. */
    public enum Source {
        /** From ESI, just now: a 2xx answer. */
        NETWORK,
        /** From the client's cache without any HTTP call: the cached answer was still fresh. */
        CACHE,
        /** From the client's cache after ESI confirmed it with {@code 304 Not Modified} (one call, no body). */
        REVALIDATED
    }

    private final int status;
    private final T body;
    private final Map<String, List<String>> headers;
    private final Source source;
    private final Instant expires;

    EsiResponse(int status, T body, Map<String, List<String>> headers, Source source, Instant expires) {
        this.status = status;
        this.body = body;
        this.headers = headers;
        this.source = source;
        this.expires = expires;
    }

    /** The status of the answer the body came with (200 for a cached answer too). */
    public int status() {
        return status;
    }

    /**
     * The body mapped to the requested type ({@code String}: the JSON text as it came); {@code null} when ESI
     * answered without a body (204) or {@code Void} was asked for.
     */
    public T body() {
        return body;
    }

    /**
     * The answer's headers; names are case-insensitive. For an answer ESI confirmed with 304, the cached headers
     * updated with the 304's ({@code ETag}, {@code Expires}, the error-limit headers).
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of header {@code name} (case-insensitive), when present. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * How many pages the route has ({@code X-Pages}); 1 when the route is not paged. Ask for pages 2 to
     * {@code pages()} with {@link EsiClient#getPage}.
     */
    public int pages() {
        return header("X-Pages").map(EsiResponse::positiveInt).orElse(1);
    }

    /** Where the body came from: ESI now, the cache without a call, or the cache confirmed by a 304. */
    public Source source() {
        return source;
    }

    /** Whether the body came from the client's cache ({@link Source#CACHE} or {@link Source#REVALIDATED}). */
    public boolean fromCache() {
        return source != Source.NETWORK;
    }

    /**
     * Until when the client serves this answer from its cache without calling ESI (from {@code Cache-Control:
     * max-age} or {@code Expires}); empty when the answer is not cached fresh (POST, {@code no-store}, no freshness).
     */
    public Optional<Instant> expires() {
        return Optional.ofNullable(expires);
    }

    /** The answer's {@code ETag}, when it has one. */
    public Optional<String> etag() {
        return header("ETag");
    }

    private static int positiveInt(String value) {
        try {
            int n = Integer.parseInt(value.strip());
            return Math.max(n, 1);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** Status, source and pages: never the body or the headers. */
    @Override
    public String toString() {
        return "EsiResponse[" + status + ", " + source.name().toLowerCase(java.util.Locale.ROOT)
                + (pages() > 1 ? ", " + pages() + " pages" : "") + "]";
    }
}
