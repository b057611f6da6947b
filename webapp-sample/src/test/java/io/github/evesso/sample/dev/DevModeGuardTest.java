package io.github.evesso.sample.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.evesso.sample.dev.DevLauncher.Mode;
import io.github.evesso.sample.dev.DevLauncher.Options;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dev mode cannot be switched on by accident: explicit flag, loopback only, and real credentials win. */
class DevModeGuardTest {

    private static Options options(boolean devFlag, String bind, Map<String, String> config) {
        return new Options(devFlag, bind, 0, 0, false, Path.of("missing.war"), null, null, config::get);
    }

    @Test
    void devModeNeedsTheExplicitFlag() {
        assertThatThrownBy(() -> DevLauncher.mode(options(false, "127.0.0.1", Map.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("EVE_SSO_CLIENT_ID")
                .hasMessageContaining("-Pdev");
        assertThat(DevLauncher.mode(options(true, "127.0.0.1", Map.of()))).isEqualTo(Mode.DEV);
    }

    @Test
    void devModeRunsOnLoopbackAddressesOnly() {
        assertThat(DevLauncher.mode(options(true, "localhost", Map.of()))).isEqualTo(Mode.DEV);
        assertThat(DevLauncher.mode(options(true, "::1", Map.of()))).isEqualTo(Mode.DEV);
        for (String bind : new String[] {"0.0.0.0", "::", "192.0.2.10"}) {
            assertThatThrownBy(() -> DevLauncher.mode(options(true, bind, Map.of())))
                    .as(bind)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Dev mode refused")
                    .hasMessageContaining("127.0.0.1");
        }
    }

    @Test
    void aRefusedDevModeStartsNothing() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Options wideOpen = new Options(true, "0.0.0.0", port, 0, false, Path.of("missing.war"), null,
                null, Map.<String, String>of()::get);

        assertThatThrownBy(() -> DevLauncher.start(wideOpen)).hasMessageContaining("Dev mode refused");

        try (ServerSocket stillFree = new ServerSocket(port)) {
            assertThat(stillFree.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void configuredEveCredentialsMeanTheRealSsoEvenWithTheDevFlag() {
        Map<String, String> env = Map.of("EVE_SSO_CLIENT_ID", "abc123");
        assertThat(DevLauncher.mode(options(true, "127.0.0.1", env))).isEqualTo(Mode.REAL_SSO);
        assertThat(DevLauncher.mode(options(false, "0.0.0.0", env))).isEqualTo(Mode.REAL_SSO);
        assertThat(DevLauncher.mode(options(false, "127.0.0.1", Map.of("eve.sso.client-id", "abc"))))
                .isEqualTo(Mode.REAL_SSO);
    }
}
