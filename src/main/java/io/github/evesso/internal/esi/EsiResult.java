package io.github.evesso.internal.esi;

import io.github.evesso.EsiResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A successful call before its body is mapped.
 *
 * @param status     the status of the answer the body came with
 * @param headers    its headers (case-insensitive names)
 * @param body       the raw body, possibly empty
 * @param source     where it came from
 * @param freshUntil until when the cache serves it without a call, or {@code null} when it is not cached fresh
 */
public record EsiResult(int status, Map<String, List<String>> headers, byte[] body, EsiResponse.Source source,
        Instant freshUntil) {
}
