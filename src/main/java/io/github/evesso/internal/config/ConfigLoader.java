package io.github.evesso.internal.config;

import io.github.evesso.EveSsoConfig;
import jakarta.servlet.ServletContext;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads {@link EveSsoConfig} from, highest first: the component's init-params, the context-params, and MicroProfile
 * Config (which also maps environment variables such as {@code EVE_SSO_CLIENT_ID}). Without a MicroProfile Config
 * implementation only the first two are read. The strings go through {@link EveSsoConfig.Builder#property} (that is,
 * {@link PropertyBinder}), so a value that does not read and a value that breaks a rule end up in one report.
 */
public final class ConfigLoader {
    private static final System.Logger LOG = System.getLogger(ConfigLoader.class.getName());
    private static final String PREFIX = "eve.sso.";
    /** The switch for the drop-in registration ({@code false} turns it off); read here, acted on at start-up. */
    public static final String AUTO_REGISTER = "eve.sso.auto-register";

    private ConfigLoader() {
    }

    /**
     * Builds the configuration.
     *
     * @param initParams the filter's or servlet's init-params ({@code name -> value or null})
     * @throws io.github.evesso.EveSsoConfigException listing every problem
     */
    public static EveSsoConfig load(ServletContext context, Function<String, String> initParams) {
        Function<String, Optional<String>> lookup = lookup(context, initParams);
        EveSsoConfig.Builder builder = EveSsoConfig.builder();
        // a mistyped eve.sso.* context-param is reported (as the builder does), not silently ignored
        unknownContextParams(context).forEach(name -> builder.property(name, context.getInitParameter(name)));
        for (EveSsoConfig.Key key : EveSsoConfig.Key.values()) {
            lookup.apply(key.property()).ifPresent(value -> builder.property(key.property(), value));
        }
        return builder.build();
    }

    /**
     * Whether the application has any EVE SSO setting outside a component's init-params: a known {@code eve.sso.*}
     * setting in the context-params or MicroProfile Config, or any other {@code eve.sso.*} context-param (a typo
     * must fail the start, not leave the application without login).
     */
    public static boolean configured(ServletContext context) {
        Function<String, Optional<String>> lookup = lookup(context, name -> null);
        return !unknownContextParams(context).isEmpty()
                || Arrays.stream(EveSsoConfig.Key.values()).anyMatch(key -> lookup.apply(key.property()).isPresent());
    }

    private static List<String> unknownContextParams(ServletContext context) {
        return Collections.list(context.getInitParameterNames()).stream()
                .filter(name -> name.startsWith(PREFIX) && !name.equals(AUTO_REGISTER))
                .filter(name -> PropertyBinder.key(name).isEmpty())
                .toList();
    }

    /** The first non-blank value of {@code property} across the sources, highest first. */
    public static Optional<String> value(ServletContext context, Function<String, String> initParams, String property) {
        return lookup(context, initParams).apply(property);
    }

    private static Function<String, Optional<String>> lookup(ServletContext context,
            Function<String, String> initParams) {
        Config mp = microProfileConfig(context.getClassLoader());
        return property -> {
            String value = initParams.apply(property);
            if (value == null || value.isBlank()) {
                value = context.getInitParameter(property);
            }
            if ((value == null || value.isBlank()) && mp != null) {
                value = mp.getOptionalValue(property, String.class).orElse(null);
            }
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
        };
    }

    private static Config microProfileConfig(ClassLoader loader) {
        try {
            return ConfigProvider.getConfig(loader);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.INFO, "No MicroProfile Config implementation found ({0}); reading EVE SSO settings from"
                    + " init-params and context-params only", e.getClass().getSimpleName());
            return null;
        }
    }
}
