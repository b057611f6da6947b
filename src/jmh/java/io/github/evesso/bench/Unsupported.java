package io.github.evesso.bench;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.SessionCookieConfig;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stand-ins for what the benchmarks never call on their hot paths: a {@link Proxy} that throws on every method (the
 * delegate of the request/response wrappers, so only their overridden methods work), and a servlet context and filter
 * config used once at set-up. No proxy is ever invoked while a benchmark measures.
 */
final class Unsupported {
    private Unsupported() {
    }

    /** An implementation of {@code type} whose every method throws {@link UnsupportedOperationException}. */
    static <T> T of(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(Unsupported.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "Unsupported" + type.getSimpleName();
                    default -> throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
                }));
    }

    /** A servlet context with attributes, a context path and a class loader (all the library's start-up uses). */
    static ServletContext servletContext(String contextPath) {
        Map<String, Object> attributes = Collections.synchronizedMap(new HashMap<>());
        return (ServletContext) Proxy.newProxyInstance(Unsupported.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> {
                        attributes.put((String) args[0], args[1]);
                        yield null;
                    }
                    case "removeAttribute" -> {
                        attributes.remove((String) args[0]);
                        yield null;
                    }
                    case "getContextPath" -> contextPath;
                    case "getClassLoader" -> Unsupported.class.getClassLoader();
                    case "getInitParameter" -> null;
                    case "getInitParameterNames" -> Collections.emptyEnumeration();
                    // a started application: its session cookie hardened, a default servlet, listeners accepted
                    case "getSessionCookieConfig" -> hardenedCookie();
                    case "getServletRegistrations" -> Map.of("default", defaultServlet());
                    case "addListener" -> null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "BenchServletContext[" + contextPath + "]";
                    default -> throw new UnsupportedOperationException("ServletContext." + method.getName());
                });
    }

    /** A session cookie configuration that is already {@code HttpOnly} and {@code SameSite=Lax}. */
    private static SessionCookieConfig hardenedCookie() {
        return (SessionCookieConfig) Proxy.newProxyInstance(Unsupported.class.getClassLoader(),
                new Class<?>[] {SessionCookieConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isHttpOnly" -> true;
                    case "getAttribute" -> "SameSite".equalsIgnoreCase((String) args[0]) ? "Lax" : null;
                    default -> throw new UnsupportedOperationException("SessionCookieConfig." + method.getName());
                });
    }

    /** The registration of a default servlet (mapped to {@code /}). */
    private static ServletRegistration defaultServlet() {
        return (ServletRegistration) Proxy.newProxyInstance(Unsupported.class.getClassLoader(),
                new Class<?>[] {ServletRegistration.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getMappings" -> List.of("/");
                    default -> throw new UnsupportedOperationException("ServletRegistration." + method.getName());
                });
    }

    /** A filter config of {@code context} without init-params. */
    static FilterConfig filterConfig(ServletContext context) {
        return new FilterConfig() {
            @Override
            public String getFilterName() {
                return "EveSsoFilter";
            }

            @Override
            public ServletContext getServletContext() {
                return context;
            }

            @Override
            public String getInitParameter(String name) {
                return null;
            }

            @Override
            public java.util.Enumeration<String> getInitParameterNames() {
                return Collections.emptyEnumeration();
            }
        };
    }
}
