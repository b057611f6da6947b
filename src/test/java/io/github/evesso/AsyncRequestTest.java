package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.internal.login.SessionLogin;
import io.github.evesso.support.Browser;
import io.github.evesso.support.EchoServlet;
import io.github.evesso.support.Page;
import io.github.evesso.support.Scenario;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An asynchronous request whose code refreshes the token after {@code startAsync}: the rotated refresh token still
 * reaches the session (which a replicating session manager then sees), when the request completes.
 */
class AsyncRequestTest {
    @AutoClose
    private Scenario scenario;
    private final Browser browser = new Browser();
    /** How often the session's login attribute was replaced: what a replicating manager is told. */
    private final AtomicInteger loginWrites = new AtomicInteger();

    /**
     * Goes async, then, once the request has left the filter, forces a refresh on a container thread and completes.
     * (Should the filter be slower than the pause, its own write-back sees the refresh: the test can then only pass
     * for the wrong reason, never fail for one.)
     */
    static final class AsyncTokenServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            AsyncContext async = request.startAsync();
            EveAccessToken token = EveSso.token(request).orElseThrow();
            async.start(() -> {
                try {
                    Thread.sleep(300);
                    String fingerprint = EchoServlet.fingerprint(
                            request.getParameter("refresh") != null ? token.refresh() : token.accessToken());
                    response.setContentType("text/plain");
                    response.getWriter().println("token=" + fingerprint);
                    response.getWriter().println("expiresAt=" + token.expiresAt());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    async.complete();
                }
            });
        }
    }

    private void start() {
        scenario = Scenario.start(sso -> {
        }, app -> {
        }, (connector, context) -> {
            Wrapper async = Tomcat.addServlet(context, "async", new AsyncTokenServlet());
            async.setAsyncSupported(true);
            context.addServletMappingDecoded("/async/*", "async");
            context.addServletContainerInitializer((classes, ctx) -> ctx.addListener(
                    new HttpSessionAttributeListener() {
                        @Override
                        public void attributeReplaced(HttpSessionBindingEvent event) {
                            if (SessionLogin.ATTRIBUTE.equals(event.getName())) {
                                loginWrites.incrementAndGet();
                            }
                        }
                    }), null);
        });
    }

    @Test
    @Timeout(30)
    void aRefreshAfterStartAsyncIsWrittenBackToTheSessionWhenTheRequestCompletes() throws Exception {
        start();
        Page login = scenario.logIn(browser);
        Page before = browser.get(scenario.url("/async/token"));
        assertThat(before.line("token")).isEqualTo(login.line("token"));
        int writes = loginWrites.get();

        Page after = browser.get(scenario.url("/async/token?refresh"));

        assertThat(after.status()).isEqualTo(200);
        assertThat(after.line("token")).isNotEqualTo(login.line("token"));
        for (int i = 0; i < 200 && loginWrites.get() == writes; i++) {
            Thread.sleep(10); // onComplete may run just after the response was sent
        }
        assertThat(loginWrites.get()).as("the refreshed login was stored again").isGreaterThan(writes);
        assertThat(browser.get(scenario.url("/protected/home")).line("token")).isEqualTo(after.line("token"));
    }
}
