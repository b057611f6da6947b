package io.github.evesso;

import io.github.evesso.internal.runtime.EveSsoRuntime;
import jakarta.servlet.ServletException;
import jakarta.servlet.UnavailableException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Completes EVE SSO logins: map it to the path of {@code eve.sso.callback-url}. It checks {@code state}, exchanges
 * the code, validates the access token, logs the character in and redirects to the page the user wanted.
 */
public class EveSsoCallbackServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private transient EveSsoRuntime runtime;

    @Override
    public void init() throws ServletException {
        try {
            runtime = EveSsoRuntime.obtain(getServletContext(), this::getInitParameter);
        } catch (EveSsoConfigException e) {
            throw new UnavailableException(e.getMessage());
        }
    }

    /** A HEAD must not spend the state and the code of a login: only GET completes one. */
    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Allow", "GET");
        response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        runtime.callback().handle(request, response);
    }
}
