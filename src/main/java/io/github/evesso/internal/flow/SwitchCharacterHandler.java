package io.github.evesso.internal.flow;

import io.github.evesso.EveSsoConfig;
import io.github.evesso.internal.event.LoginEvents;
import io.github.evesso.internal.login.EveLogin;
import io.github.evesso.internal.login.SessionLogin;
import io.github.evesso.internal.web.ErrorResponses;
import io.github.evesso.internal.web.Failure;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Switches the session's active character on the switch path ({@code POST character=<id>}, from the application's
 * own page): the character must be one of the session's and usable (a character whose grant EVE ended must log in
 * again first). The listeners hear of the switch; the browser returns to the sanitized {@code return} URL.
 */
public final class SwitchCharacterHandler {
    private final EveSsoConfig config;
    private final LoginEvents events;
    private final ErrorResponses errors;

    /** Creates the step. */
    public SwitchCharacterHandler(EveSsoConfig config, LoginEvents events, ErrorResponses errors) {
        this.config = config;
        this.events = events;
        this.errors = errors;
    }

    /** Handles a request to the switch path. */
    public void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PostedCharacter form = PostedCharacter.read(request, response, config, errors);
        if (form == null) {
            return;
        }
        EveLogin before = form.logins().active();
        EveLogin now = form.logins().activate(form.target().character().id());
        if (now == null) {
            errors.send(request, response, Failure.CHARACTER_NEEDS_LOGIN, null, 0);
            return;
        }
        if (now != before) {
            try {
                SessionLogin.store(form.session(), form.logins());
            } catch (IllegalStateException invalidated) {
                errors.send(request, response, Failure.CHARACTER_UNKNOWN, null, 0); // a logout in another tab
                return;
            }
            events.switched(before.character(), now.character());
        }
        PostedCharacter.returnTo(request, response, config);
    }
}
