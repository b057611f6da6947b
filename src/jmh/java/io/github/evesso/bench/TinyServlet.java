package io.github.evesso.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The measured page: reads the principal and looks at its session (as an application would; {@code null} without a
 * session cookie) and answers a fixed 3-byte body.
 */
final class TinyServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final byte[] BODY = "ok\n".getBytes(StandardCharsets.US_ASCII);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.getUserPrincipal();
        request.getSession(false);
        response.setContentType("text/plain");
        response.setContentLength(BODY.length);
        response.getOutputStream().write(BODY);
    }
}
