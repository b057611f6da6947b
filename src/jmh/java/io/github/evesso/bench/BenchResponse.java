package io.github.evesso.bench;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A hand-written response for the in-process benchmarks: records the status and headers the library sets; every
 * other method throws (the wrapped delegate is {@link Unsupported}). The filter's logged-in path never touches it.
 */
final class BenchResponse extends HttpServletResponseWrapper {
    private final Map<String, String> headers = new LinkedHashMap<>();
    private int status = 200;

    BenchResponse() {
        super(Unsupported.of(HttpServletResponse.class));
    }

    void reset0() {
        headers.clear();
        status = 200;
    }

    @Override
    public void setStatus(int sc) {
        status = sc;
    }

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public void setHeader(String name, String value) {
        headers.put(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        headers.merge(name, value, (a, b) -> a + ", " + b);
    }

    @Override
    public String getHeader(String name) {
        return headers.get(name);
    }

    @Override
    public void resetBuffer() {
        // nothing is buffered
    }

    @Override
    public boolean isCommitted() {
        return false;
    }
}
