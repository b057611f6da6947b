package io.github.evesso.support;

import io.github.evesso.EveSsoFilter;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.annotation.WebInitParam;

/**
 * An application's own filter, found by annotation scanning once copied into {@code WEB-INF/classes}
 * ({@link WebappDir#copyClasses}); the values known only at run time (ports) come from context-params. The secret in
 * an annotation is for the test only.
 */
@WebFilter(urlPatterns = "/*", initParams = {
        @WebInitParam(name = "eve.sso.client-secret", value = TestApp.CLIENT_SECRET),
        @WebInitParam(name = "eve.sso.excluded-paths", value = "/public/*"),
        @WebInitParam(name = "eve.sso.login-min-age", value = "0")})
public class AnnotatedFilter extends EveSsoFilter {
}
