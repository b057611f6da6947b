package io.github.evesso;

import io.github.evesso.ConfigValues.StoreKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of the later groups of {@link EveSsoConfig.Builder}, held for {@link ConfigBuilder} (which extends
 * this class, so that neither file grows too long): the token store, several characters and scopes, bearer mode and
 * listeners. Each setter implements the {@link EveSsoConfig.Builder} method of the same name, takes its value as
 * given (validation comes at {@code build()}) and returns {@link #self()}. The fields are read by
 * {@link ConfigBuilder#build()}.
 */
abstract class ConfigBuilderGroups {
    String tokenStoreDataSource;
    final List<StoreKey> tokenStoreKeys = new ArrayList<>();
    String tokenStoreCurrentKey;
    boolean tokenStorePlaintext;
    int refreshConcurrency;
    EveTokenStore tokenStore;
    int maxCharacters;
    Map<String, List<String>> requiredScopes = Map.of();
    List<String> optionalScopes = List.of();
    List<String> bearerPaths = List.of();
    List<String> bearerOrSessionPaths = List.of();
    List<String> bearerClients = List.of();
    Map<String, List<String>> bearerRequiredScopes = Map.of();
    List<String> listenerClassNames = List.of();
    final List<EveSsoListener> listeners = new ArrayList<>();

    /** The builder these setters belong to, which each of them returns. */
    abstract EveSsoConfig.Builder self();

    // ---------------------------------------------------------------- token store

    /** Implements {@link EveSsoConfig.Builder#tokenStoreDataSource(String)}. */
    public EveSsoConfig.Builder tokenStoreDataSource(String jndiName) {
        tokenStoreDataSource = jndiName;
        return self();
    }

    /** Implements {@link EveSsoConfig.Builder#tokenStoreKey(String, String)}. */
    public EveSsoConfig.Builder tokenStoreKey(String keyId, String base64Key) {
        tokenStoreKeys.add(new StoreKey(keyId, base64Key == null ? null : base64Key.strip()));
        return self();
    }

    /** Implements {@link EveSsoConfig.Builder#tokenStoreCurrentKey(String)}. */
    public EveSsoConfig.Builder tokenStoreCurrentKey(String keyId) {
        tokenStoreCurrentKey = keyId;
        return self();
    }

    /** Implements {@link EveSsoConfig.Builder#tokenStorePlaintext(boolean)}. */
    public EveSsoConfig.Builder tokenStorePlaintext(boolean value) {
        tokenStorePlaintext = value;
        return self();
    }

    /** Implements {@link EveSsoConfig.Builder#refreshConcurrency(int)}. */
    public EveSsoConfig.Builder refreshConcurrency(int value) {
        refreshConcurrency = value;
        return self();
    }

    /** Implements {@link EveSsoConfig.Builder#tokenStore(EveTokenStore)}. */
    public EveSsoConfig.Builder tokenStore(EveTokenStore store) {
        tokenStore = Objects.requireNonNull(store, "tokenStore");
        return self();
    }

    // ---------------------------------------------------------------- several characters and scopes

    /** Implements {@link EveSsoConfig.Builder#maxCharacters(int)}. */
    public EveSsoConfig.Builder maxCharacters(int value) {
        maxCharacters = value;
        return self();
    }

    /** Implements {@link EveSsoConfig.Builder#requiredScopes(Map)}. */
    public EveSsoConfig.Builder requiredScopes(Map<String, List<String>> value) {
        requiredScopes = copyScopeRules(value);
        return self();
    }

    /** Implements {@link EveSsoConfig.Builder#optionalScopes(List)}. */
    public EveSsoConfig.Builder optionalScopes(List<String> value) {
        optionalScopes = List.copyOf(value);
        return self();
    }

    // ---------------------------------------------------------------- bearer mode

    /** Implements {@link EveSsoConfig.Builder#bearerPaths(List)}. */
    public EveSsoConfig.Builder bearerPaths(List<String> value) {
        bearerPaths = List.copyOf(value);
        return self();
    }

    /** Implements {@link EveSsoConfig.Builder#bearerOrSessionPaths(List)}. */
    public EveSsoConfig.Builder bearerOrSessionPaths(List<String> value) {
        bearerOrSessionPaths = List.copyOf(value);
        return self();
    }

    /** Implements {@link EveSsoConfig.Builder#bearerClients(List)}. */
    public EveSsoConfig.Builder bearerClients(List<String> value) {
        bearerClients = List.copyOf(value);
        return self();
    }

    /** Implements {@link EveSsoConfig.Builder#bearerRequiredScopes(Map)}. */
    public EveSsoConfig.Builder bearerRequiredScopes(Map<String, List<String>> value) {
        bearerRequiredScopes = copyScopeRules(value);
        return self();
    }

    private static Map<String, List<String>> copyScopeRules(Map<String, List<String>> value) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        value.forEach((pattern, scopes) -> copy.put(pattern, List.copyOf(scopes)));
        return copy;
    }

    // ---------------------------------------------------------------- listeners

    /** Implements {@link EveSsoConfig.Builder#listenerClassNames(List)}. */
    public EveSsoConfig.Builder listenerClassNames(List<String> value) {
        listenerClassNames = List.copyOf(value);
        return self();
    }

    /** Implements {@link EveSsoConfig.Builder#listener(EveSsoListener)}. */
    public EveSsoConfig.Builder listener(EveSsoListener value) {
        listeners.add(Objects.requireNonNull(value, "listener"));
        return self();
    }
}
