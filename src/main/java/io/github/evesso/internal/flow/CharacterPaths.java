package io.github.evesso.internal.flow;

import io.github.evesso.EveSsoConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The paths that change which characters a session holds, each answered by its own step: logout (all of them),
 * switch (which one is active) and remove (one of them).
 */
public final class CharacterPaths {
    private final EveSsoConfig config;
    private final LogoutHandler logout;
    private final SwitchCharacterHandler switcher;
    private final RemoveCharacterHandler remover;

    /** Creates the steps of {@code config}'s paths. */
    public CharacterPaths(EveSsoConfig config, LogoutHandler logout, SwitchCharacterHandler switcher,
            RemoveCharacterHandler remover) {
        this.config = config;
        this.logout = logout;
        this.switcher = switcher;
        this.remover = remover;
    }

    /** Answers {@code request} if {@code path} is one of these paths; whether it did. */
    boolean handles(String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (path.equals(config.logoutPath())) {
            logout.handle(request, response);
        } else if (path.equals(config.switchPath())) {
            switcher.handle(request, response);
        } else if (path.equals(config.removePath())) {
            remover.handle(request, response);
        } else {
            return false;
        }
        return true;
    }
}
