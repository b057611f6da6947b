package io.github.evesso.support;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP response as a browser saw it: final status, URL, headers and body, and every URL it was redirected
 * through.
 *
 * @param redirects the URLs of the redirect responses followed, in order (empty when none)
 */
public record Page(int status, URI uri, HttpHeaders headers, String body, List<URI> redirects) {

    /** The first value of a header, or {@code null}. */
    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    /** The body's {@code key=value} lines (as written by {@link EchoServlet}). */
    public Map<String, String> lines() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                map.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return map;
    }

    /** The value of one {@link EchoServlet} line, or {@code null}. */
    public String line(String key) {
        return lines().get(key);
    }

    @Override
    public String toString() {
        return "Page{" + status + " " + uri + ", redirects=" + redirects + "}";
    }
}
