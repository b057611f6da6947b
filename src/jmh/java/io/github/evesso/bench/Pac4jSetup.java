package io.github.evesso.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.pac4j.core.client.Clients;
import org.pac4j.core.config.Config;
import org.pac4j.core.matching.matcher.PathMatcher;
import org.pac4j.core.profile.CommonProfile;
import org.pac4j.core.profile.ProfileManager;
import org.pac4j.jee.context.JEEContext;
import org.pac4j.jee.context.JEEFrameworkParameters;
import org.pac4j.jee.context.session.JEESessionStoreFactory;
import org.pac4j.jee.filter.SecurityFilter;
import org.pac4j.oauth.client.GenericOAuth20Client;

/**
 * pac4j for comparison: its Jakarta EE {@link SecurityFilter} with an OAuth 2.0 client pointed at the same local
 * SSO, a path matcher excluding {@code /public/*} (like the EVE SSO set-up) and the {@code isAuthenticated}
 * authorizer, so that the measured request is pac4j's "already authenticated" path: profile read from the session,
 * path matched, authorization checked, request wrapped. {@link LoginServlet} logs a session in by saving a profile
 * with pac4j's {@link ProfileManager}, as pac4j's callback would.
 */
final class Pac4jSetup {
    static final String CLIENT_NAME = "EveSso";
    static final String MATCHER = "excludePublic";
    static final String AUTHORIZERS = "isAuthenticated";
    /** Where pac4j keeps the profiles, in the session and (per request) as a request attribute. */
    static final String PROFILES_ATTRIBUTE = org.pac4j.core.util.Pac4jConstants.USER_PROFILES;

    private Pac4jSetup() {
    }

    static SecurityFilter securityFilter(String ssoAuthorizeUrl, String ssoTokenUrl, String profileUrl,
            String callbackUrl, String clientId, String secret, List<String> scopes) {
        GenericOAuth20Client client = new GenericOAuth20Client();
        client.setName(CLIENT_NAME);
        client.setKey(clientId);
        client.setSecret(secret);
        client.setAuthUrl(ssoAuthorizeUrl);
        client.setTokenUrl(ssoTokenUrl);
        client.setProfileUrl(profileUrl);
        client.setScope(String.join(" ", scopes));
        Config config = new Config(new Clients(callbackUrl, client));
        config.addMatcher(MATCHER, new PathMatcher().excludeBranch("/public"));
        return new SecurityFilter(config, CLIENT_NAME, AUTHORIZERS, MATCHER);
    }

    /** Saves a character's profile in the request's session with pac4j's {@link ProfileManager}. */
    static void saveProfile(HttpServletRequest request, HttpServletResponse response) {
        JEEContext context = new JEEContext(request, response);
        ProfileManager profiles = new ProfileManager(context,
                JEESessionStoreFactory.INSTANCE.newSessionStore(new JEEFrameworkParameters(request, response)));
        CommonProfile profile = new CommonProfile();
        profile.setId("CHARACTER:EVE:90000001");
        profile.setClientName(CLIENT_NAME);
        profile.addAttribute("name", "Aura Testpilot");
        profile.addAttribute("owner", "bench-owner-hash");
        profile.addAttribute("scp", List.of("esi-skills.read_skills.v1", "esi-wallet.read_character_wallet.v1"));
        profiles.save(true, profile, false);
    }

    /** Logs a session in by saving a profile (a login without the SSO round trip). */
    static final class LoginServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            saveProfile(request, response);
            response.setContentType("text/plain");
            response.getWriter().print("logged in\n");
        }
    }
}
