package io.github.evesso.sample;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.SessionTrackingMode;
import jakarta.servlet.annotation.WebListener;
import java.util.EnumSet;

/**
 * The session cookie settings of the no-XML style (the web.xml style has them in {@code <session-config>}): the
 * session id travels only in an HttpOnly, SameSite=Lax cookie, never in a URL. Lax (not Strict) so that the browser
 * still sends the cookie when EVE SSO redirects it back to the callback.
 */
@WebListener
public class SessionCookieSettings implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        context.setSessionTrackingModes(EnumSet.of(SessionTrackingMode.COOKIE));
        SessionCookieConfig cookie = context.getSessionCookieConfig();
        cookie.setHttpOnly(true);
        cookie.setAttribute("SameSite", "Lax");
    }
}
