package io.github.evesso.internal.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SsoHttp} bounds a whole call, body included: an SSO that sends its headers and then stalls the body fails
 * the call as unavailable within the read timeout (plus its small margin), and a body that arrives in time is read.
 * A raw socket server on 127.0.0.1 plays the SSO, since the local SSO cannot stall in the middle of a body.
 */
class SsoHttpDeadlineTest {
    private static final Duration READ_TIMEOUT = Duration.ofMillis(400);
    private final CountDownLatch release = new CountDownLatch(1);
    private ServerSocket server;
    private Thread serverThread;

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        if (server != null) {
            server.close();
        }
        if (serverThread != null) {
            serverThread.join(5_000);
        }
    }

    @Test
    void aBodyThatStallsAfterTheHeadersFailsAsUnavailableByTheDeadline() throws Exception {
        URI uri = serve("{\"partial\":", false);
        try (SsoHttp http = new SsoHttp(Duration.ofSeconds(2), READ_TIMEOUT)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> http.get(uri, "JWKS"))
                    .isInstanceOf(SsoUnavailableException.class)
                    .hasMessage("JWKS: no answer within " + READ_TIMEOUT.toMillis() + " ms");
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(elapsedMillis).as("failed by the deadline (read timeout + 500 ms), not by the server")
                    .isGreaterThanOrEqualTo(READ_TIMEOUT.toMillis()).isLessThan(READ_TIMEOUT.toMillis() + 3_000);
        }
    }

    @Test
    void aBodyThatArrivesInTimeIsRead() throws Exception {
        URI uri = serve("{\"keys\":[]}", true);
        try (SsoHttp http = new SsoHttp(Duration.ofSeconds(2), READ_TIMEOUT)) {
            SsoHttp.Response response = http.get(uri, "JWKS");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"keys\":[]}");
        }
    }

    /**
     * Answers one request with a 200 announcing a 100-byte body, sends {@code body} and, unless {@code complete}
     * (then the body is sent exactly), holds the connection open until the test ends.
     */
    private URI serve(String body, boolean complete) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int announced = complete ? bytes.length : 100;
        serverThread = new Thread(() -> {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                readHeaders(in);
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + announced
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.flush();
                release.await(10, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                // the test closed the server
            }
        }, "stalling-sso");
        serverThread.setDaemon(true);
        serverThread.start();
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/oauth/jwks");
    }

    private static void readHeaders(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        }
    }
}
