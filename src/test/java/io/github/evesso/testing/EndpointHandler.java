package io.github.evesso.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** Serves one endpoint after the request was recorded and any answering fault was played. */
interface EndpointHandler {

    /**
     * Answers {@code ex}.
     *
     * @param request the recorded request (body already read)
     * @param fault   an {@link Fault#accessToken(String)} fault to honour, else {@code null}
     */
    void handle(HttpExchange ex, RecordedRequest request, Fault fault) throws IOException;
}
