package io.github.evesso.bench;

import io.github.evesso.internal.login.EveLogin;
import io.github.evesso.internal.login.EveLogins;
import io.github.evesso.internal.login.SessionLogin;
import io.github.evesso.support.Serialization;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.Session;

/**
 * Part 5: what the library keeps in a logged-in session, serialized with Java serialization the way Tomcat persists
 * a session (attribute names and values in one stream, so shared objects are written once), minus the raw token
 * strings (their size is the SSO's, not ours). Each attribute alone is also given ({@link Serialization}).
 */
final class SessionFootprint {
    /** The outcome. */
    record Result(int totalBytes, int tokenBytes, Map<String, Integer> perAttribute) {
        int withoutTokens() {
            return totalBytes - tokenBytes;
        }
    }

    private SessionFootprint() {
    }

    static Result measure(Context context) {
        for (Session s : context.getManager().findSessions()) {
            HttpSession session = s.getSession();
            EveLogins logins = SessionLogin.current(session);
            if (logins != null) {
                EveLogin login = logins.active();
                Map<String, Object> attributes = new LinkedHashMap<>();
                for (String name : Collections.list(session.getAttributeNames())) {
                    attributes.put(name, session.getAttribute(name));
                }
                Map<String, Integer> each = new LinkedHashMap<>();
                attributes.forEach((name, value) -> each.put(name, Serialization.serialize(value).length));
                int total = asTomcatWrites(attributes);
                int tokens = utf8(login.tokens().accessToken())
                        + (login.tokens().refreshToken() == null ? 0 : utf8(login.tokens().refreshToken()));
                return new Result(total, tokens, each);
            }
        }
        throw new IllegalStateException("no logged-in session in " + context.getPath());
    }

    /** Names and values one after the other in one stream, as Tomcat's {@code StandardSession} persists them. */
    private static int asTomcatWrites(Map<String, Object> attributes) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            for (Map.Entry<String, Object> e : attributes.entrySet()) {
                out.writeObject(e.getKey());
                out.writeObject(e.getValue());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.size();
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * What one more character adds to the serialized session, its token strings aside: the characters' set with five
     * characters less the set with one, over four (tokens given as empty strings, so that nothing needs subtracting).
     */
    static int bytesPerExtraCharacter() {
        java.time.Instant now = java.time.Instant.now();
        io.github.evesso.internal.login.EveLogins logins = null;
        int one = 0;
        for (long i = 0; i < 5; i++) {
            io.github.evesso.EveCharacter character = new io.github.evesso.EveCharacter(90000001L + i,
                    "Character " + i, "owner-hash-" + i + "-0123456789abcdef=", java.util.Set.copyOf(BenchServer.SCOPES));
            EveLogin login = new EveLogin(new io.github.evesso.internal.login.Tokens(character, "", "",
                    now.plusSeconds(1200), now));
            if (logins == null) {
                logins = new io.github.evesso.internal.login.EveLogins(login);
                one = Serialization.serialize(logins).length;
            } else {
                logins.put(login, 20);
            }
        }
        return (Serialization.serialize(logins).length - one) / 4;
    }
}
