package io.github.evesso.internal.config;

import io.github.evesso.EveSsoConfig;
import io.github.evesso.EveSsoConfigKeys.Key;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Binds settings in their string form (init-params, context-params, MicroProfile Config, a map) to the typed setters
 * of an {@link EveSsoConfig.Builder}. A value that does not read is not thrown but returned as a problem, which the
 * builder reports together with its own checks in one {@link io.github.evesso.EveSsoConfigException}.
 */
public final class PropertyBinder {
    private PropertyBinder() {
    }

    /** The setting named {@code property} (e.g. {@code eve.sso.client-id}), or empty when there is none. */
    public static Optional<Key> key(String property) {
        return Arrays.stream(Key.values()).filter(key -> key.property().equals(property)).findFirst();
    }

    /**
     * Sets the setting {@code property} on {@code builder} from {@code value}. A {@code null} or blank value changes
     * nothing; surrounding whitespace is ignored.
     *
     * @return the problem when {@code property} is no setting or {@code value} does not read as its kind
     */
    public static Optional<String> bind(EveSsoConfig.Builder builder, String property, String value) {
        Optional<Key> key = key(property);
        if (key.isEmpty()) {
            return Optional.of(property + " is not a known setting");
        }
        return value == null || value.isBlank() ? Optional.empty() : bind(builder, key.get(), value.strip());
    }

    private static Optional<String> bind(EveSsoConfig.Builder b, Key key, String v) {
        return switch (key) {
            case CLIENT_ID -> set(b::clientId, v);
            case CLIENT_SECRET -> set(b::clientSecret, v);
            case CALLBACK_URL -> uri(key, v, b::callbackUrl);
            case SCOPES -> set(b::scopes, ValueSyntax.spaceOrCommaList(v));
            case PROTECTED_PATHS -> set(b::protectedPaths, ValueSyntax.commaList(v));
            case EXCLUDED_PATHS -> set(b::excludedPaths, ValueSyntax.commaList(v));
            case DEFAULT_URL -> set(b::defaultUrl, v);
            case POST_LOGOUT_URL -> set(b::postLogoutUrl, v);
            case LOGIN_PATH -> set(b::loginPath, v);
            case LOGOUT_PATH -> set(b::logoutPath, v);
            case LOGOUT_ALLOW_GET -> bool(key, v, b::logoutAllowGet);
            case SWITCH_PATH -> set(b::switchPath, v);
            case REMOVE_PATH -> set(b::removePath, v);
            case ERROR_PAGE -> set(b::errorPage, v);
            case METADATA_URL -> uri(key, v, b::metadataUrl);
            case AUTHORIZATION_ENDPOINT -> uri(key, v, b::authorizationEndpoint);
            case TOKEN_ENDPOINT -> uri(key, v, b::tokenEndpoint);
            case JWKS_URI -> uri(key, v, b::jwksUri);
            case REVOCATION_ENDPOINT -> uri(key, v, b::revocationEndpoint);
            case ACCEPTED_ISSUERS -> set(b::acceptedIssuers, new LinkedHashSet<>(ValueSyntax.commaList(v)));
            case ES256_ENABLED -> bool(key, v, b::es256Enabled);
            case CLOCK_SKEW -> duration(key, v, b::clockSkew);
            case REFRESH_WINDOW -> duration(key, v, b::refreshWindow);
            case CONNECT_TIMEOUT -> duration(key, v, b::connectTimeout);
            case READ_TIMEOUT -> duration(key, v, b::readTimeout);
            case METADATA_CACHE_TTL -> duration(key, v, b::metadataCacheTtl);
            case JWKS_REFETCH_INTERVAL -> duration(key, v, b::jwksRefetchInterval);
            case MAX_RETRY_BACKOFF -> duration(key, v, b::maxRetryBackoff);
            case STATE_TTL -> duration(key, v, b::stateTtl);
            case STATE_SLOTS -> wholeNumber(key, v, b::stateSlots);
            case PKCE -> bool(key, v, b::pkce);
            case LOGIN_MIN_AGE -> duration(key, v, b::loginMinAge);
            case FAILED_LOGINS_PER_SESSION -> wholeNumber(key, v, b::failedLoginsPerSession);
            case FAILED_LOGINS_PER_ADDRESS -> wholeNumber(key, v, b::failedLoginsPerAddress);
            case FAILED_LOGIN_WINDOW -> duration(key, v, b::failedLoginWindow);
            case REVOKE_ON_SESSION_END -> bool(key, v, b::revokeOnSessionEnd);
            case TOKEN_STORE_DATASOURCE -> set(b::tokenStoreDataSource, v);
            case TOKEN_STORE_KEYS -> tokenStoreKeys(key, v, b);
            case TOKEN_STORE_CURRENT_KEY -> set(b::tokenStoreCurrentKey, v);
            case TOKEN_STORE_PLAINTEXT -> bool(key, v, b::tokenStorePlaintext);
            case REFRESH_CONCURRENCY -> wholeNumber(key, v, b::refreshConcurrency);
            case MAX_CHARACTERS -> wholeNumber(key, v, b::maxCharacters);
            case REQUIRED_SCOPES -> scopeRules(key, v, b::requiredScopes);
            case OPTIONAL_SCOPES -> set(b::optionalScopes, ValueSyntax.spaceOrCommaList(v));
            case BEARER_PATHS -> set(b::bearerPaths, ValueSyntax.commaList(v));
            case BEARER_OR_SESSION_PATHS -> set(b::bearerOrSessionPaths, ValueSyntax.commaList(v));
            case BEARER_CLIENTS -> set(b::bearerClients, ValueSyntax.commaList(v));
            case BEARER_REQUIRED_SCOPES -> scopeRules(key, v, b::bearerRequiredScopes);
            case LISTENERS -> set(b::listenerClassNames, ValueSyntax.commaList(v));
        };
    }

    /** Sets a value that any text is (the text itself, or a list of its items). */
    private static <T> Optional<String> set(Consumer<T> setter, T value) {
        setter.accept(value);
        return Optional.empty();
    }

    private static Optional<String> uri(Key key, String v, Consumer<URI> setter) {
        return read(ValueSyntax.uri(v), setter, key + " is not a valid URL: " + v);
    }

    private static Optional<String> bool(Key key, String v, Consumer<Boolean> setter) {
        return read(ValueSyntax.bool(v), setter, key + " must be true or false, not " + v);
    }

    private static Optional<String> wholeNumber(Key key, String v, Consumer<Integer> setter) {
        return read(ValueSyntax.wholeNumber(v), setter, key + " must be a whole number, not " + v);
    }

    private static Optional<String> scopeRules(Key key, String v, Consumer<Map<String, List<String>>> setter) {
        return read(ValueSyntax.scopeRules(v), setter, key + " must be 'pattern=scope scope; pattern=scope', not " + v);
    }

    /** Adds every pair, or none when one does not read; the problem never repeats the text (it holds keys). */
    private static Optional<String> tokenStoreKeys(Key key, String v, EveSsoConfig.Builder builder) {
        Optional<List<Map.Entry<String, String>>> pairs = ValueSyntax.keyPairs(v);
        pairs.ifPresent(list -> list.forEach(pair -> builder.tokenStoreKey(pair.getKey(), pair.getValue())));
        return pairs.isPresent() ? Optional.empty()
                : Optional.of(key + " must be comma-separated keyId:base64Key pairs (the value is not shown: it holds"
                        + " keys)");
    }

    private static Optional<String> duration(Key key, String v, Consumer<Duration> setter) {
        return read(ValueSyntax.duration(v), setter,
                key + " must be a duration such as " + ValueSyntax.DURATION_EXAMPLES + ", not " + v);
    }

    private static <T> Optional<String> read(Optional<T> value, Consumer<T> setter, String problem) {
        value.ifPresent(setter);
        return value.isPresent() ? Optional.empty() : Optional.of(problem);
    }
}
