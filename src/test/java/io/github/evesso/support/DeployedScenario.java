package io.github.evesso.support;

import static io.github.evesso.support.WebappDir.WebXml.params;

import io.github.evesso.testing.LocalEveSso;
import java.util.Map;

/**
 * The set-up of a test that deploys a real webapp: the local EVE SSO on 127.0.0.1, a {@link DeployedApp} whose
 * callback is registered there, and the {@link WebappDir} to write before {@link DeployedApp#deploy}. Close it after
 * each test.
 */
public final class DeployedScenario implements AutoCloseable {
    /** The local EVE SSO. */
    public final LocalEveSso sso;
    /** The Tomcat the webapp goes to (port bound, nothing deployed yet). */
    public final DeployedApp app;
    /** The webapp directory. */
    public final WebappDir webapp = WebappDir.create();

    private DeployedScenario() {
        sso = LocalEveSso.builder().build().start();
        app = DeployedApp.create();
        sso.registerClient(TestApp.CLIENT_ID, TestApp.CLIENT_SECRET, app.callbackUrl().toString());
    }

    /** Starts the SSO and binds the application's port. */
    public static DeployedScenario create() {
        return new DeployedScenario();
    }

    /**
     * Every setting a working deployment needs, as {@code eve.sso.*} properties (a new, modifiable map each time):
     * the test client, its secret, the callback, the local SSO's metadata and {@code /public/*} excluded.
     */
    public Map<String, String> settings() {
        return params(
                "eve.sso.client-id", TestApp.CLIENT_ID,
                "eve.sso.client-secret", TestApp.CLIENT_SECRET,
                "eve.sso.callback-url", app.callbackUrl().toString(),
                "eve.sso.metadata-url", sso.metadataUrl(),
                "eve.sso.excluded-paths", "/public/*",
                "eve.sso.login-min-age", "0"); // the local SSO approves at once, faster than a person
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            try {
                webapp.close();
            } finally {
                sso.close();
            }
        }
    }
}
