package io.github.evesso.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * The one {@link HttpHandler}: finds the endpoint, records the request, plays the next fault, then lets the
 * endpoint's handler answer. Whatever happens, the exchange is answered or closed.
 */
final class Router implements HttpHandler {

    private final Map<Endpoint, EndpointHandler> handlers;
    private final RequestJournal journal;
    private final FaultPlan faults;

    Router(Map<Endpoint, EndpointHandler> handlers, RequestJournal journal, FaultPlan faults) {
        this.handlers = new EnumMap<>(handlers);
        this.journal = journal;
        this.faults = faults;
    }

    @Override
    public void handle(HttpExchange ex) {
        try {
            route(ex);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down: close without an answer
        } catch (IOException e) {
            // the client went away: nothing to answer
        } catch (RuntimeException | Error e) {
            System.err.println("LocalEveSso: " + ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath()
                    + " failed: " + e);
            e.printStackTrace();
            if (!Http.responded(ex)) {
                try {
                    Http.send(ex, 500, Fault.JSON, Fault.EVE_ERROR_BODY, Map.of());
                } catch (IOException | RuntimeException ignored) {
                    // closing below
                }
            }
        } finally {
            ex.close();
        }
    }

    private void route(HttpExchange ex) throws IOException, InterruptedException {
        String path = ex.getRequestURI().getRawPath();
        Endpoint endpoint = Endpoint.forPath(path == null ? "" : path);
        if (endpoint == null) {
            Http.send(ex, 404, Fault.JSON, "{\"error\":\"Not found.\"}", Map.of());
            return;
        }
        byte[] body = Http.readBody(ex);
        if (body == null) {
            Http.send(ex, 413, Fault.JSON, "{\"error\":\"Request too large.\"}", Map.of());
            return;
        }
        RecordedRequest request = new RecordedRequest(endpoint, ex.getRequestMethod(), path,
                ex.getRequestURI().getRawQuery(), ex.getRequestHeaders(), body);
        journal.record(request);
        Fault fault = faults.next(endpoint);
        if (fault != null) {
            switch (fault.kind()) {
                case RESPOND -> {
                    Http.send(ex, fault.status(), fault.contentType(), fault.body(), fault.headers());
                    return;
                }
                case DISCONNECT -> {
                    return; // closing an unanswered exchange drops the connection
                }
                case DELAY -> {
                    Thread.sleep(fault.delayDuration().toMillis());
                    fault = null;
                }
                case ACCESS_TOKEN -> {
                    // honoured by the token handler
                }
            }
        }
        handlers.get(endpoint).handle(ex, request, fault);
    }
}
