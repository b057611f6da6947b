package io.github.evesso.internal.flow;

import io.github.evesso.EveSsoConfig;
import io.github.evesso.internal.login.EveLogin;
import io.github.evesso.internal.login.EveLogins;
import io.github.evesso.internal.login.SessionLogin;
import io.github.evesso.internal.web.ErrorResponses;
import io.github.evesso.internal.web.Failure;
import io.github.evesso.internal.web.Redirects;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * The form the switch and remove paths take: a POST from the application's own page ({@link StateChangingPost})
 * naming one of the session's characters by id ({@code character}), and an optional {@code return} URL.
 *
 * @param session the session
 * @param logins its characters
 * @param target the login of the character named
 */
record PostedCharacter(HttpSession session, EveLogins logins, EveLogin target) {
    /** The form parameter naming the character. */
    static final String PARAMETER = "character";

    /**
     * Reads the form of {@code request}; if it is refused (not a POST, another site's, no login, a character the
     * session does not hold), the answer has been sent and the result is {@code null}.
     */
    static PostedCharacter read(HttpServletRequest request, HttpServletResponse response, EveSsoConfig config,
            ErrorResponses errors) throws IOException {
        if (!StateChangingPost.admits(request, response, errors, false, config.callbackUrl())) {
            return null;
        }
        HttpSession session = request.getSession(false);
        EveLogins logins = SessionLogin.current(session);
        EveLogin target = logins == null ? null : logins.find(characterId(request.getParameter(PARAMETER)));
        if (target == null) {
            errors.send(request, response, Failure.CHARACTER_UNKNOWN, null, 0);
            return null;
        }
        return new PostedCharacter(session, logins, target);
    }

    /** Redirects (303) to the form's sanitized {@code return} URL, else the default page. */
    static void returnTo(HttpServletRequest request, HttpServletResponse response, EveSsoConfig config) {
        String page = ReturnUrls.sanitize(request.getParameter("return")).orElse(config.defaultUrl());
        Redirects.send(response, HttpServletResponse.SC_SEE_OTHER, Redirects.applicationUrl(request, page));
    }

    /** A character id (a positive number of at most 19 digits), or 0 for anything else. */
    private static long characterId(String value) {
        if (value == null || value.isEmpty() || value.length() > 19 || !value.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException tooLarge) {
            return 0;
        }
    }
}
