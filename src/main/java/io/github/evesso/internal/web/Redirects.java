package io.github.evesso.internal.web;

import jakarta.servlet.http.HttpServletResponse;

/** Every redirect the library sends: a status, a {@code Location} and {@code Cache-Control: no-store}. */
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
}
