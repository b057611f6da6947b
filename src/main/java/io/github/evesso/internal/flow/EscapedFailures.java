package io.github.evesso.internal.flow;

import io.github.evesso.EveLoginExpiredException;
import io.github.evesso.EveSsoUnavailableException;
import io.github.evesso.internal.web.ErrorResponses;
import io.github.evesso.internal.web.Failure;
import io.github.evesso.internal.web.RequestKind;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Answers the library's own exceptions when they escape the application's code through the filter, as the filter
 * answers its own failures: {@link EveLoginExpiredException} sends a browser's GET through login again (back to the
 * same page), shows other browser requests the login-expired page and gives API calls a 401; and
 * {@link EveSsoUnavailableException} gives the 503 page with {@code Retry-After}. Only while the response is not
 * committed; anything else is left to the container.
 */
final class EscapedFailures {
    /** How deep into a chain of causes (a servlet's wrapping) the exceptions are looked for. */
    private static final int MAX_CAUSES = 8;

    private final AuthorizationRedirect redirect;
    private final ErrorResponses errors;

    EscapedFailures(AuthorizationRedirect redirect, ErrorResponses errors) {
        this.redirect = redirect;
        this.errors = errors;
    }

    /**
     * Answers {@code escaped} if it is (or wraps) one of the library's exceptions and the response can still be
     * changed.
     *
     * @return whether it was answered; if not, the caller rethrows it
     */
    boolean answer(HttpServletRequest request, HttpServletResponse response, Throwable escaped) throws IOException {
        if (response.isCommitted()) {
            return false;
        }
        Throwable cause = escaped;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            if (cause instanceof EveLoginExpiredException) {
                loginExpired(request, response);
                return true;
            }
            if (cause instanceof EveSsoUnavailableException) {
                errors.send(request, response, Failure.SSO_UNAVAILABLE, null, ErrorResponses.RETRY_AFTER_SECONDS);
                return true;
            }
        }
        return false;
    }

    private void loginExpired(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (RequestKind.isApi(request)) {
            errors.send(request, response, Failure.LOGIN_REQUIRED, null, 0);
        } else if ("GET".equals(request.getMethod())) {
            redirect.start(request, response, ReturnUrls.of(request).orElse(null));
        } else {
            errors.send(request, response, Failure.LOGIN_EXPIRED, null, 0);
        }
    }
}
