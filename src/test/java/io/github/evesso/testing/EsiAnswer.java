package io.github.evesso.testing;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.time.Duration;
import java.util.Map;

/**
 * What a route of the fake ESI answers, before the headers every answer gets.
 *
 * @param status   the HTTP status
 * @param json     the JSON body
 * @param cacheFor how long a 200 stays fresh ({@code Expires}), {@code null} for errors
 * @param pages    the {@code X-Pages} of a paged route, 0 for an unpaged one
 */
record EsiAnswer(int status, String json, Duration cacheFor, int pages) {

    /** A 200 of an unpaged route, fresh for {@code cacheFor}. */
    static EsiAnswer ok(String json, Duration cacheFor) {
        return new EsiAnswer(200, json, cacheFor, 0);
    }

    /** ESI's error answer {@code {"error":"<message>"}}. */
    static EsiAnswer error(int status, String message) {
        return new EsiAnswer(status, JSONObjectUtils.toJSONString(Map.of("error", message)), null, 0);
    }

    /** Whether it counts against the error limit (a 4xx or 5xx). */
    boolean isError() {
        return status >= 400;
    }
}
