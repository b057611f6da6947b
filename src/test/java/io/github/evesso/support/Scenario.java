package io.github.evesso.support;

import io.github.evesso.EveSsoConfig;
import io.github.evesso.testing.LocalEveSso;
import java.net.URI;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The usual test set-up in one value: a {@link TestClock}, the local EVE SSO on 127.0.0.1 and the {@link TestApp}
 * on localhost, sharing the clock. Close it after each test.
 */
public final class Scenario implements AutoCloseable {
    /** The clock shared by the application and the SSO. */
    public final TestClock clock = new TestClock();
    /** The local EVE SSO. */
    public final LocalEveSso sso;
    /** The application under test. */
    public final TestApp app;

    private Scenario(Consumer<LocalEveSso.Builder> ssoSettings, Consumer<EveSsoConfig.Builder> appSettings) {
        this(ssoSettings, appSettings, TestApp.ContainerSettings.DEFAULT);
    }

    private Scenario(Consumer<LocalEveSso.Builder> ssoSettings, Consumer<EveSsoConfig.Builder> appSettings,
            TestApp.ContainerSettings container) {
        this(ssoSettings, (sso, clock) -> TestApp.start(sso, clock, appSettings, container));
    }

    private Scenario(Consumer<LocalEveSso.Builder> ssoSettings, BiFunction<LocalEveSso, TestClock, TestApp> app) {
        LocalEveSso.Builder builder = LocalEveSso.builder().clock(clock);
        ssoSettings.accept(builder);
        sso = builder.build().start();
        try {
            this.app = app.apply(sso, clock);
        } catch (RuntimeException e) {
            sso.close();
            throw e;
        }
    }

    /** Default SSO and application. */
    public static Scenario start() {
        return new Scenario(b -> {
        }, b -> {
        });
    }

    /** Default SSO and application, deployed as the root application (context path ""). */
    public static Scenario startAtRoot() {
        return new Scenario(b -> {
        }, (sso, clock) -> TestApp.startAtRoot(sso, clock, b -> {
        }));
    }

    /** Default SSO, customised application. */
    public static Scenario start(Consumer<EveSsoConfig.Builder> appSettings) {
        return new Scenario(b -> {
        }, appSettings);
    }

    /** Default SSO, application customised with the scenario's clock at hand (e.g. for a token store on it). */
    public static Scenario start(BiConsumer<EveSsoConfig.Builder, TestClock> appSettings) {
        return new Scenario(b -> {
        }, (sso, clock) -> TestApp.start(sso, clock, b -> appSettings.accept(b, clock)));
    }

    /** Customised SSO and application. */
    public static Scenario start(Consumer<LocalEveSso.Builder> ssoSettings, Consumer<EveSsoConfig.Builder> appSettings) {
        return new Scenario(ssoSettings, appSettings);
    }

    /** Customised SSO, application and container (session manager, connector). */
    public static Scenario start(Consumer<LocalEveSso.Builder> ssoSettings, Consumer<EveSsoConfig.Builder> appSettings,
            TestApp.ContainerSettings container) {
        return new Scenario(ssoSettings, appSettings, container);
    }

    /** An application URL. */
    public URI url(String path) {
        return app.url(path);
    }

    /**
     * Logs {@code browser} in through the whole redirect chain by opening {@code /protected/home}.
     *
     * @return the protected page the browser lands on
     * @throws AssertionError when the login does not end on that page with 200
     */
    public Page logIn(Browser browser) {
        Page page = browser.get(url("/protected/home"));
        if (page.status() != 200 || !"/protected/home".equals(page.line("path"))) {
            throw new AssertionError("login failed: " + page + "\n" + page.body());
        }
        return page;
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            sso.close();
        }
    }
}
