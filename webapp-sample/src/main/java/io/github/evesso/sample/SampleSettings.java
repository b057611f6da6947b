package io.github.evesso.sample;

import jakarta.servlet.ServletContext;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The sample's own settings, looked up like the library's: a context-param first, then MicroProfile Config (which
 * also maps environment variables, e.g. {@code SAMPLE_ESI_BASE_URL}), then the default.
 */
final class SampleSettings {
    /** Base URL of ESI; the dev launcher points it at the local EVE SSO's fake ESI. */
    static final String ESI_BASE_URL = "sample.esi-base-url";
    /** Who to contact about the sample's ESI calls, sent in its {@code User-Agent} (CCP asks for one). */
    static final String ESI_CONTACT = "sample.esi-contact";
    /** Portrait URL pattern with {@code {id}}; an application-relative path (dev mode) gets the context path. */
    static final String PORTRAIT_URL = "sample.portrait-url";

    static final String DEFAULT_ESI_BASE_URL = "https://esi.evetech.net/latest";
    static final String DEFAULT_ESI_CONTACT = "admin@example.com";
    static final String DEFAULT_PORTRAIT_URL = "https://images.evetech.net/characters/{id}/portrait?size=128";

    private SampleSettings() {
    }

    static String get(ServletContext context, String key, String defaultValue) {
        String value = context.getInitParameter(key);
        if (value == null || value.isBlank()) {
            value = microProfile(context, key).orElse(null);
        }
        return value == null || value.isBlank() ? defaultValue : value.strip();
    }

    private static Optional<String> microProfile(ServletContext context, String key) {
        try {
            return ConfigProvider.getConfig(context.getClassLoader()).getOptionalValue(key, String.class);
        } catch (RuntimeException | LinkageError noMicroProfileConfig) {
            return Optional.empty();
        }
    }
}
