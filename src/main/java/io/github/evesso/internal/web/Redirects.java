package io.github.evesso.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Every redirect the library sends: a status, a {@code Location} and {@code Cache-Control: no-store}; and the one
 * rule for the application's own URLs in them.
 */
public final class Redirects {
    private Redirects() {
    }

    /**
     * Redirects to {@code location}.
     *
     * @param status 302 or 303
     * @param location an absolute URL or a path that starts with the application's context path
     */
    public static void send(HttpServletResponse response, int status, String location) {
        response.setStatus(status);
        response.setHeader("Location", location);
        response.setHeader("Cache-Control", "no-store");
    }

    /**
     * The URL of the application-relative {@code path}: the servlet context's own path, never
     * {@code request.getContextPath()}, which echoes the client's spelling (e.g. {@code //app} or {@code /%61pp}).
     *
     * @param path an application-relative path starting with {@code /}
     */
    public static String applicationUrl(HttpServletRequest request, String path) {
        return request.getServletContext().getContextPath() + path;
    }
}
