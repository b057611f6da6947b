package io.github.evesso.internal.flow;

import io.github.evesso.EveSsoConfig;
import io.github.evesso.EveSsoListener;
import io.github.evesso.internal.event.LoginEvents;
import io.github.evesso.internal.login.EveLogin;
import io.github.evesso.internal.login.SessionLogin;
import io.github.evesso.internal.web.ErrorResponses;
import io.github.evesso.internal.web.Failure;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Removes one of the session's characters on the remove path ({@code POST character=<id>}, from the application's
 * own page): its login ends, its refresh token is revoked, the listeners hear {@code REMOVED}. When it was active,
 * the first usable character becomes active; removing the only character (or the last usable one) is a logout.
 */
public final class RemoveCharacterHandler {
    private final EveSsoConfig config;
    private final LogoutHandler logout;
    private final LoginEvents events;
    private final ErrorResponses errors;

    /** Creates the step. */
    public RemoveCharacterHandler(EveSsoConfig config, LogoutHandler logout, LoginEvents events,
            ErrorResponses errors) {
        this.config = config;
        this.logout = logout;
        this.events = events;
        this.errors = errors;
    }

    /** Handles a request to the remove path. */
    public void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PostedCharacter form = PostedCharacter.read(request, response, config, errors);
        if (form == null) {
            return;
        }
        EveLogin before = form.logins().active();
        long id = form.target().character().id();
        EveLogin removed = form.logins().remove(id);
        if (removed == null) {
            if (form.logins().find(id) == null) {
                errors.send(request, response, Failure.CHARACTER_UNKNOWN, null, 0); // removed by another tab
            } else {
                logout.logOut(request, response); // the only character: removing it logs out
            }
            return;
        }
        logout.end(removed, EveSsoListener.LogoutReason.REMOVED, "character removed");
        if (!form.logins().anyUsable()) {
            logout.logOut(request, response);
            return;
        }
        EveLogin now = form.logins().active();
        try {
            SessionLogin.store(form.session(), form.logins());
        } catch (IllegalStateException invalidated) {
            errors.send(request, response, Failure.CHARACTER_UNKNOWN, null, 0); // a logout in another tab
            return;
        }
        if (now != before) {
            events.switched(removed.character(), now.character());
        }
        PostedCharacter.returnTo(request, response, config);
    }
}
