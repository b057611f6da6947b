package io.github.evesso.internal.runtime;

import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionCookieConfig;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * The session cookie the login needs: {@code HttpOnly} and, unless the application chose otherwise,
 * {@code SameSite=Lax}. {@code Lax} because the callback is a cross-site top-level GET from EVE SSO, which
 * {@code Strict} would strip of the session cookie; without any {@code SameSite} (Tomcat's default), a cross-site POST
 * carries the cookie and any site can end the user's login. The container adds {@code Secure} on HTTPS requests.
 *
 * <p>The Servlet specification lets the cookie be configured only until the context is initialised: while
 * {@link Registration} installs the library and from the library's initializer (which sees the filters declared in
 * {@code web.xml} and by annotation). {@link #hardenOrWarn} is the last chance, when the filter starts.
 */
final class SessionCookieHardening {
    private static final String SAME_SITE = "SameSite";
    private static final System.Logger LOG = System.getLogger(SessionCookieHardening.class.getName());

    private SessionCookieHardening() {
    }

    /**
     * Makes the cookie {@code HttpOnly} and {@code SameSite=Lax}, keeping a {@code SameSite} the application set.
     *
     * @throws IllegalStateException when the container no longer allows changes to the cookie
     */
    static void harden(SessionCookieConfig cookie) {
        if (!cookie.isHttpOnly()) {
            cookie.setHttpOnly(true);
        }
        if (cookie.getAttribute(SAME_SITE) == null) {
            cookie.setAttribute(SAME_SITE, "Lax");
        }
    }

    /**
     * Hardens the cookie if that has not been done; when the container no longer allows it, logs a WARNING naming
     * what is missing and how to set it. A filter started by a container that starts filters late (after the
     * context is initialised) and that the initializer did not see ends up here.
     */
    static void hardenOrWarn(ServletContext context) {
        SessionCookieConfig cookie = context.getSessionCookieConfig();
        List<String> missing = new ArrayList<>();
        if (!cookie.isHttpOnly()) {
            missing.add("HttpOnly");
        }
        if (cookie.getAttribute(SAME_SITE) == null) {
            missing.add("SameSite=Lax");
        }
        if (missing.isEmpty()) {
            return;
        }
        try {
            harden(cookie);
        } catch (IllegalStateException | UnsupportedOperationException tooLate) {
            LOG.log(Level.WARNING, "EVE SSO could not set {0} on the session cookie of {1}: the container no longer"
                    + " allows changes to it when EveSsoFilter starts ({2}). Without SameSite a cross-site POST carries"
                    + " the session cookie, so any site can log the user out. Set it in web.xml: <session-config>"
                    + "<cookie-config><http-only>true</http-only><attribute><attribute-name>SameSite</attribute-name>"
                    + "<attribute-value>Lax</attribute-value></attribute></cookie-config></session-config> (or with"
                    + " the cookie settings of the container). Lax, not Strict: Strict breaks the callback from EVE SSO.",
                    String.join(" and ", missing), contextName(context), tooLate.getMessage());
        }
    }

    static String contextName(ServletContext context) {
        return context.getContextPath().isEmpty() ? "the root application" : "application " + context.getContextPath();
    }
}
