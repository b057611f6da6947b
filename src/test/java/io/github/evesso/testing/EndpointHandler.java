package io.github.evesso.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** Serves one endpoint after the request was recorded and any answering fault was played. */
interface EndpointHandler {

    /**
     * Answers {@code ex}.
     *
     * @param request the recorded request (body already read)
     * @param fault   the fault being played on top of the normal answer ({@link Fault#accessToken(String)} is the
     *                only setting a handler honours), or {@link Fault#NONE}
     */
    void handle(HttpExchange ex, RecordedRequest request, Fault fault) throws IOException;
}
