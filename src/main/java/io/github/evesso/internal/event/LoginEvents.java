package io.github.evesso.internal.event;

import io.github.evesso.EveAccessToken;
import io.github.evesso.EveCharacter;
import io.github.evesso.EveSsoConfig;
import io.github.evesso.EveSsoConfigException;
import io.github.evesso.EveSsoListener;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Delivers login events to the registered {@link EveSsoListener}s (config class names, {@link ServiceLoader},
 * programmatic), isolating the application from a failing listener, and detects owner-hash changes against the
 * owner hash last seen per character on this node (a bounded, in-memory map).
 */
public final class LoginEvents {
    private static final System.Logger LOG = System.getLogger(LoginEvents.class.getName());
    /** How many characters' owner hashes are remembered. */
    static final int OWNER_MEMORY = 10_000;

    private final List<EveSsoListener> listeners;
    private final Map<Long, String> lastOwner = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
            return size() > OWNER_MEMORY;
        }
    };

    LoginEvents(List<EveSsoListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Collects the listeners of {@code config} and those {@link ServiceLoader} finds through {@code loader}.
     *
     * @throws EveSsoConfigException when a configured class cannot be instantiated as a listener
     */
    public static LoginEvents load(EveSsoConfig config, ClassLoader loader) {
        List<EveSsoListener> all = new ArrayList<>(config.listeners());
        List<String> problems = new ArrayList<>();
        for (String name : config.listenerClassNames()) {
            try {
                Class<?> type = Class.forName(name, true, loader);
                all.add((EveSsoListener) type.getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
                problems.add(EveSsoConfig.Key.LISTENERS + ": cannot create an EveSsoListener from " + name + " ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new EveSsoConfigException(problems);
        }
        ServiceLoader.load(EveSsoListener.class, loader).forEach(all::add);
        return new LoginEvents(all);
    }

    /** A character logged in: checks its owner hash, then tells the listeners. */
    public void loggedIn(EveCharacter character, EveAccessToken token) {
        checkOwner(character);
        fire("onLogin", l -> l.onLogin(character, token));
    }

    /** Tokens were refreshed: checks the owner hash, then tells the listeners. */
    public void refreshed(EveCharacter character, EveAccessToken token) {
        checkOwner(character);
        fire("onTokenRefreshed", l -> l.onTokenRefreshed(character, token));
    }

    /** The session's active character changed. */
    public void switched(EveCharacter from, EveCharacter to) {
        fire("onCharacterSwitched", l -> l.onCharacterSwitched(from, to));
    }

    /** A character's login ended. */
    public void loggedOut(EveCharacter character, EveSsoListener.LogoutReason reason) {
        fire("onLogout", l -> l.onLogout(character, reason));
    }

    private void checkOwner(EveCharacter character) {
        String previous;
        synchronized (lastOwner) {
            previous = lastOwner.put(character.id(), character.ownerHash());
        }
        if (previous != null && !previous.equals(character.ownerHash())) {
            LOG.log(Level.WARNING, "EVE character {0,number,#} ({1}) has a new owner hash: it changed accounts",
                    character.id(), character.name());
            fire("onOwnerHashChanged", l -> l.onOwnerHashChanged(character, previous));
        }
    }

    private void fire(String event, Consumer<EveSsoListener> call) {
        for (EveSsoListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "EveSsoListener " + listener.getClass().getName() + "." + event + " failed: "
                        + e.getClass().getName(), e);
            }
        }
    }
}
