package io.github.evesso.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one {@link HttpHandler}: finds the endpoint, records the request, answers {@code 500} to a refresh beyond the
 * concurrent-refresh limit (as EVE does beyond 5), plays the next fault, then lets the endpoint's handler answer. A
 * refresh counts as running for its whole handling, fault delays included. Whatever happens, the exchange is answered
 * or closed.
 */
final class Router implements HttpHandler {

    private final Map<Endpoint, EndpointHandler> handlers;
    private final RequestJournal journal;
    private final FaultPlan faults;
    private final ConcurrencyLimit refreshes;

    Router(Map<Endpoint, EndpointHandler> handlers, RequestJournal journal, FaultPlan faults,
           ConcurrencyLimit refreshes) {
        this.handlers = new EnumMap<>(handlers);
        this.journal = journal;
        this.faults = faults;
        this.refreshes = refreshes;
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
        if (endpoint != Endpoint.TOKEN || !"refresh_token".equals(request.formValue("grant_type"))) {
            play(ex, endpoint, request);
        } else if (refreshes.tryEnter()) {
            AtomicBoolean exited = new AtomicBoolean();
            Runnable exit = () -> {
                if (exited.compareAndSet(false, true)) {
                    refreshes.exit();
                }
            };
            Http.BEFORE_ANSWER.set(exit);
            try {
                play(ex, endpoint, request);
            } finally {
                Http.BEFORE_ANSWER.remove();
                exit.run();
            }
        } else {
            Http.send(ex, 500, Fault.JSON, Fault.EVE_ERROR_BODY, Map.of());
        }
    }

    /** Plays the next fault of {@code endpoint}, if any, and lets its handler answer unless the fault replaces it. */
    private void play(HttpExchange ex, Endpoint endpoint, RecordedRequest request)
            throws IOException, InterruptedException {
        Fault fault = faults.next(endpoint);
        if (fault == null) {
            handlers.get(endpoint).handle(ex, request, Fault.NONE);
            return;
        }
        Thread.sleep(fault.delay().toMillis());
        if (fault.disconnectMode() == Fault.Disconnect.BEFORE_ANSWER) {
            return; // closing an unanswered exchange drops the connection
        }
        fault.headers().forEach((name, value) -> ex.getResponseHeaders().set(name, value));
        if (fault.disconnectMode() == Fault.Disconnect.AFTER_HEADERS) {
            withholdBody(ex);
        }
        if (fault.replacesAnswer()) {
            Http.send(ex, fault.status(), fault.contentType(), fault.body(), Map.of());
        } else {
            handlers.get(endpoint).handle(ex, request, fault);
        }
    }

    /**
     * Whatever is written as the body is dropped, and closing the body fails: the JDK server then closes the
     * connection instead of finishing the exchange, so the client sees the status line and headers, then the end of
     * the stream.
     */
    private static void withholdBody(HttpExchange ex) {
        ex.getResponseBody(); // creates the exchange's own stream, which the headers need, before it is replaced
        ex.setStreams(null, new OutputStream() {
            @Override
            public void write(int b) {
                // withheld
            }

            @Override
            public void write(byte[] b, int off, int len) {
                // withheld
            }

            @Override
            public void close() throws IOException {
                throw new IOException("body withheld by Fault.disconnectAfterHeaders()");
            }
        });
    }
}
