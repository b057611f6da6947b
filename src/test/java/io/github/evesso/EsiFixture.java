package io.github.evesso;

import io.github.evesso.support.TestClock;
import io.github.evesso.testing.LocalEveSso;
import io.github.evesso.testing.TestCharacter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The ESI client's test bench: the local EVE SSO and its fake ESI on a {@link TestClock}, clients pointed at the fake
 * ESI whose waits move that clock instead of sleeping (each wait is recorded), and access tokens of the SSO's
 * characters. Hold it in a test's {@code @AutoClose} field: closing it closes every client, then the SSO.
 */
final class EsiFixture implements AutoCloseable {
    /** The client id the tokens are minted for. */
    static final String CLIENT_ID = "esi-test-client";
    /** A user agent that follows CCP's rule. */
    static final String USER_AGENT = "esi-client-tests/1.0 (tests@example.com)";

    /** The clock of the SSO, the fake ESI and every client made here. */
    final TestClock clock = new TestClock();
    /** The started local SSO. */
    final LocalEveSso sso = LocalEveSso.builder().clock(clock).client(CLIENT_ID, "esi-test-secret",
            "http://localhost/cb").build().start();
    /** Every wait of every client, in order. */
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final List<EsiClient> clients = new ArrayList<>();

    /** The builder of {@link #client()}: the fake ESI, {@link #USER_AGENT}, the test clock, recorded waits. */
    EsiClient.Builder builder() {
        return EsiClient.builder()
                .baseUrl(URI.create(sso.esiBaseUrl()))
                .userAgent(USER_AGENT)
                .clock(clock)
                .readTimeout(Duration.ofSeconds(5))
                .sleeper(wait -> {
                    waits.add(wait);
                    clock.advance(wait);
                });
    }

    /** A client with the defaults of {@link #builder()}. */
    EsiClient client() {
        return client(b -> b);
    }

    /** A client with the defaults of {@link #builder()} changed by {@code settings}; closed with the fixture. */
    EsiClient client(UnaryOperator<EsiClient.Builder> settings) {
        EsiClient client = settings.apply(builder()).build();
        clients.add(client);
        return client;
    }

    /** The SSO's first character. */
    TestCharacter pilot() {
        return sso.characters().get(0);
    }

    /** A token of {@code character} granting {@code scopes}, as the library's login hands one out. */
    MintedToken token(TestCharacter character, String... scopes) {
        return new MintedToken(character, List.of(scopes));
    }

    /** A token of the first character with the wallet scope. */
    MintedToken walletToken() {
        return token(pilot(), LocalEveSso.WALLET_SCOPE);
    }

    /** The wallet route of {@code character}. */
    static String walletPath(TestCharacter character) {
        return "/characters/" + character.id() + "/wallet/";
    }

    @Override
    public void close() {
        clients.forEach(EsiClient::close);
        sso.close();
    }

    /**
     * An {@link EveAccessToken} holding one access token the local SSO signed: what a login hands the application
     * while its token is fresh. Counts {@link #accessToken()} calls.
     */
    final class MintedToken implements EveAccessToken {
        private final EveCharacter character;
        private final String accessToken;
        private final Instant obtainedAt = clock.instant();
        private final AtomicInteger uses = new AtomicInteger();

        private MintedToken(TestCharacter character, List<String> scopes) {
            this.character = new EveCharacter(character.id(), character.name(), character.ownerHash(),
                    Set.copyOf(scopes));
            this.accessToken = sso.jwt().sign(sso.jwt().standardClaims(character, CLIENT_ID, scopes).build());
        }

        @Override
        public String accessToken() {
            uses.incrementAndGet();
            return accessToken;
        }

        /** How often {@link #accessToken()} was called. */
        int uses() {
            return uses.get();
        }

        @Override
        public String refresh() {
            throw new EveSsoUnavailableException("a minted test token cannot be refreshed");
        }

        @Override
        public Instant expiresAt() {
            return obtainedAt.plus(Duration.ofMinutes(20));
        }

        @Override
        public Instant obtainedAt() {
            return obtainedAt;
        }

        @Override
        public Set<String> scopes() {
            return character.scopes();
        }

        @Override
        public EveCharacter character() {
            return character;
        }

        @Override
        public Optional<String> refreshToken() {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "MintedToken[" + character.id() + "]";
        }
    }
}
