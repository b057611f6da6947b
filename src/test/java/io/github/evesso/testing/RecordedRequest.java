package io.github.evesso.testing;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A request the local EVE SSO received, recorded before any fault or normal handling. Immutable. */
public final class RecordedRequest {

    private final Endpoint endpoint;
    private final String method;
    private final String path;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> headers;
    private final String body;
    private final Map<String, List<String>> form;

    RecordedRequest(Endpoint endpoint, String method, String path, String rawQuery,
                    Map<String, List<String>> headers, byte[] body) {
        this.endpoint = endpoint;
        this.method = method;
        this.path = path;
        this.query = FormEncoding.decode(rawQuery);
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> h.merge(k, List.copyOf(v), (a, b) -> {
            List<String> all = new java.util.ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
        }));
        this.headers = Collections.unmodifiableMap(h);
        this.body = new String(body, StandardCharsets.UTF_8);
        String contentType = header("Content-Type");
        this.form = contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                ? FormEncoding.decode(this.body) : Map.of();
    }

    /** The endpoint that received this request. */
    public Endpoint endpoint() {
        return endpoint;
    }

    /** The HTTP method, e.g. {@code POST}. */
    public String method() {
        return method;
    }

    /** The path without the query, e.g. {@code /v2/oauth/token}. */
    public String path() {
        return path;
    }

    /** The decoded query parameters (empty when there is no query). */
    public Map<String, List<String>> query() {
        return query;
    }

    /** The first value of the decoded query parameter {@code name}, or {@code null}. */
    public String queryValue(String name) {
        return FormEncoding.single(query, name);
    }

    /** The first value of header {@code name} (case-insensitive), or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** All headers; names are case-insensitive. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The body as UTF-8 text (empty when there is none). */
    public String body() {
        return body;
    }

    /** The decoded form parameters when the body is {@code application/x-www-form-urlencoded}, else empty. */
    public Map<String, List<String>> form() {
        return form;
    }

    /** The first value of the decoded form parameter {@code name}, or {@code null}. */
    public String formValue(String name) {
        return FormEncoding.single(form, name);
    }

    /** Method and path only: never the body, headers or query (they carry secrets and tokens). */
    @Override
    public String toString() {
        return method + " " + path;
    }
}
