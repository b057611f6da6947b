package io.github.evesso.internal.event;

import io.github.evesso.EveAccessToken;
import io.github.evesso.EveCharacter;
import io.github.evesso.EveSsoConfig;
import io.github.evesso.EveSsoConfigException;
import io.github.evesso.EveSsoListener;
import io.github.evesso.EveTokenStore;
import io.github.evesso.EveTokenStoreException;
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
 * owner hash last seen per character: in the token store when the application has one (so that exactly one node sees a
 * change, across nodes and restarts), else on this node (a bounded, in-memory map; also while the store is down).
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

    private final EveTokenStore ownerHistory;

    LoginEvents(List<EveSsoListener> listeners, EveTokenStore ownerHistory) {
        this.listeners = List.copyOf(listeners);
        this.ownerHistory = ownerHistory;
    }

    /**
     * Collects the listeners of {@code config} and those {@link ServiceLoader} finds through {@code loader}.
     *
     * @throws EveSsoConfigException when a configured class cannot be instantiated as a listener
     */
    public static LoginEvents load(EveSsoConfig config, ClassLoader loader) {
        return load(config, loader, null);
    }

    /**
     * As {@link #load(EveSsoConfig, ClassLoader)}, keeping the owner-hash history in {@code ownerHistory}.
     *
     * @param ownerHistory the application's token store, or {@code null} for this node's memory
     */
    public static LoginEvents load(EveSsoConfig config, ClassLoader loader, EveTokenStore ownerHistory) {
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
        return new LoginEvents(all, ownerHistory);
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
        String previous = previousOwner(character);
        if (previous != null && !previous.equals(character.ownerHash())) {
            LOG.log(Level.WARNING, "EVE character {0,number,#} ({1}) has a new owner hash: it changed accounts",
                    character.id(), character.name());
            fire("onOwnerHashChanged", l -> l.onOwnerHashChanged(character, previous));
        }
    }

    /** Records the character's owner hash and returns the one recorded before, or {@code null}. */
    private String previousOwner(EveCharacter character) {
        if (ownerHistory != null) {
            try {
                return ownerHistory.recordOwnerHash(character.id(), character.ownerHash()).orElse(null);
            } catch (EveTokenStoreException e) {
                LOG.log(Level.WARNING, "The EVE token store could not record the owner hash of character {0,number,#}"
                        + " ({1}); this node checks it against its own memory", character.id(), e.getMessage());
            }
        }
        synchronized (lastOwner) {
            return lastOwner.put(character.id(), character.ownerHash());
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
