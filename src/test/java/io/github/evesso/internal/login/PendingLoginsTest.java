package io.github.evesso.internal.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.EveSsoConfig;
import io.github.evesso.support.FakeRequest;
import io.github.evesso.support.TestClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The pending logins of a session: bounded slots (oldest dropped), single use, expiry, and a lookup that compares
 * every entry; plus the repository that creates them with random state and PKCE verifier.
 */
class PendingLoginsTest {
    private static final Duration TTL = Duration.ofMinutes(10);
    private static final Instant T0 = Instant.parse("2025-01-01T11:00:00Z");

    private static PendingLogin login(String state, Instant createdAt) {
        return new PendingLogin(state, "verifier-" + state, "/return/" + state, createdAt, LoginIntent.login(List.of()));
    }

    private static String state(int i) {
        return "state-%040d".formatted(i);
    }

    // ------------------------------------------------------------------ PendingLogins

    @Test
    void takeReturnsTheMatchingLoginOnce() {
        PendingLogins logins = new PendingLogins();
        logins.add(login(state(1), T0), 5);

        PendingLogins.Taken first = logins.take(state(1), T0.plusSeconds(5), TTL);
        PendingLogins.Taken second = logins.take(state(1), T0.plusSeconds(6), TTL);

        assertThat(first.status()).isEqualTo(PendingLogins.Status.OK);
        assertThat(first.login().returnPath()).isEqualTo("/return/" + state(1));
        assertThat(second.status()).isEqualTo(PendingLogins.Status.UNKNOWN);
        assertThat(second.login()).isNull();
        assertThat(logins.size()).isZero();
    }

    @Test
    void slotsAreBoundedAndTheOldestIsDropped() {
        PendingLogins logins = new PendingLogins();
        for (int i = 1; i <= 6; i++) {
            logins.add(login(state(i), T0.plusSeconds(i)), 5);
        }

        assertThat(logins.size()).isEqualTo(5);
        assertThat(logins.take(state(1), T0.plusSeconds(10), TTL).status()).isEqualTo(PendingLogins.Status.UNKNOWN);
        for (int i = 2; i <= 6; i++) {
            assertThat(logins.take(state(i), T0.plusSeconds(10), TTL).login().state()).isEqualTo(state(i));
        }
    }

    @Test
    void aSingleSlotKeepsOnlyTheNewest() {
        PendingLogins logins = new PendingLogins();
        logins.add(login(state(1), T0), 1);
        logins.add(login(state(2), T0), 1);

        assertThat(logins.size()).isEqualTo(1);
        assertThat(logins.take(state(2), T0, TTL).status()).isEqualTo(PendingLogins.Status.OK);
    }

    @Test
    void loginExpiresExactlyAtItsTimeToLiveAndIsRemoved() {
        PendingLogins logins = new PendingLogins();
        logins.add(login(state(1), T0), 5);
        logins.add(login(state(2), T0), 5);

        assertThat(logins.take(state(1), T0.plus(TTL).minusMillis(1), TTL).status())
                .isEqualTo(PendingLogins.Status.OK);
        PendingLogins.Taken expired = logins.take(state(2), T0.plus(TTL), TTL);
        assertThat(expired.status()).isEqualTo(PendingLogins.Status.EXPIRED);
        assertThat(expired.login()).isNull();
        assertThat(logins.take(state(2), T0, TTL).status()).isEqualTo(PendingLogins.Status.UNKNOWN);
    }

    @Test
    void purgeRemovesOnlyExpiredLogins() {
        PendingLogins logins = new PendingLogins();
        logins.add(login(state(1), T0), 5);
        logins.add(login(state(2), T0.plus(Duration.ofMinutes(5))), 5);

        logins.purgeExpired(T0.plus(TTL), TTL);

        assertThat(logins.size()).isEqualTo(1);
        assertThat(logins.take(state(2), T0.plus(TTL), TTL).status()).isEqualTo(PendingLogins.Status.OK);
    }

    @Test
    void nearMissesAreUnknownAndLeaveEveryLoginInPlace() {
        PendingLogins logins = new PendingLogins();
        for (int i = 1; i <= 5; i++) {
            logins.add(login(state(i), T0), 5);
        }
        String real = state(3);
        List<String> nearMisses = List.of(
                real.substring(0, real.length() - 1) + "X", // differs in the last character only
                "X" + real.substring(1), // differs in the first character only
                real.substring(0, real.length() - 1), // a prefix
                real + "0", // an extension
                real.toUpperCase(), "", " " + real, real + "\u00e9", "\u0000".repeat(real.length()));

        for (String candidate : nearMisses) {
            assertThat(logins.take(candidate, T0, TTL).status()).as(candidate).isEqualTo(PendingLogins.Status.UNKNOWN);
        }

        assertThat(logins.size()).isEqualTo(5);
        assertThat(logins.take(real, T0, TTL).login().state()).isEqualTo(real);
    }

    @Test
    void theMatchAmongManyIsFoundWhereverItSits() {
        for (int position = 1; position <= 5; position++) {
            PendingLogins logins = new PendingLogins();
            for (int i = 1; i <= 5; i++) {
                logins.add(login(state(i), T0), 5);
            }
            PendingLogins.Taken taken = logins.take(state(position), T0, TTL);
            assertThat(taken.login().state()).isEqualTo(state(position));
            assertThat(logins.size()).isEqualTo(4);
        }
    }

    @Test
    void pendingLoginsSurviveSessionSerialization() throws Exception {
        PendingLogins logins = new PendingLogins();
        logins.add(login(state(1), T0), 5);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(logins);
        }

        PendingLogins copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (PendingLogins) in.readObject();
        }

        assertThat(copy.take(state(1), T0, TTL).login()).isEqualTo(login(state(1), T0));
    }

    @Test
    void toStringShowsNeitherStateNorVerifier() {
        PendingLogin login = new PendingLogin("secret-state", "secret-verifier", "/home", T0,
                LoginIntent.login(List.of()));

        assertThat(login.toString()).contains("/home").doesNotContain("secret-state").doesNotContain("secret-verifier");
    }

    // ------------------------------------------------------------------ PendingLoginRepository

    private static PendingLoginRepository repository(TestClock clock, int slots, boolean pkce) {
        return new PendingLoginRepository(EveSsoConfig.builder()
                .clientId("id").clientSecret("secret").callbackUrl(URI.create("https://app.example/sso/callback"))
                .clock(clock).stateSlots(slots).pkce(pkce).build());
    }

    @Test
    void repositoryCreatesRandomStateAndVerifierInTheSession() throws Exception {
        TestClock clock = new TestClock(T0);
        PendingLoginRepository repository = repository(clock, 5, true);
        FakeRequest request = new FakeRequest();

        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            PendingLogin login = repository.create(request.build(), "/r" + i, LoginIntent.login(List.of()));
            assertThat(login.state()).matches("[A-Za-z0-9_-]{43}");
            assertThat(login.codeVerifier()).matches("[A-Za-z0-9_-]{43}");
            assertThat(seen.add(login.state())).isTrue();
            assertThat(seen.add(login.codeVerifier())).isTrue();
            assertThat(login.createdAt()).isEqualTo(T0);
        }
        assertThat(request.sessionAttributes().get(PendingLoginRepository.ATTRIBUTE))
                .isInstanceOf(PendingLogins.class);
    }

    @Test
    void challengeIsBase64UrlSha256OfTheVerifier() throws Exception {
        String verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"; // RFC 7636 appendix B
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));

        assertThat(PendingLoginRepository.challenge(verifier))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
                .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(hash));
    }

    @Test
    void repositoryWithoutPkceMakesNoVerifier() {
        PendingLogin login = repository(new TestClock(T0), 5, false).create(new FakeRequest().build(), "/",
                LoginIntent.login(List.of()));

        assertThat(login.codeVerifier()).isNull();
    }

    @Test
    void repositoryTakesEachLoginOnceAndHonoursSlotsAndExpiry() {
        TestClock clock = new TestClock(T0);
        PendingLoginRepository repository = repository(clock, 3, true);
        FakeRequest request = new FakeRequest();
        List<PendingLogin> created = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            created.add(repository.create(request.build(), "/r" + i, LoginIntent.login(List.of())));
        }

        assertThat(repository.take(request.build(), created.get(0).state()).status())
                .isEqualTo(PendingLogins.Status.UNKNOWN);
        assertThat(repository.take(request.build(), created.get(1).state()).login()).isEqualTo(created.get(1));
        assertThat(repository.take(request.build(), created.get(1).state()).status())
                .isEqualTo(PendingLogins.Status.UNKNOWN);

        clock.advance(Duration.ofMinutes(10));
        assertThat(repository.take(request.build(), created.get(2).state()).status())
                .isEqualTo(PendingLogins.Status.EXPIRED);
    }

    @Test
    void creatingALoginPurgesExpiredOnes() {
        TestClock clock = new TestClock(T0);
        PendingLoginRepository repository = repository(clock, 5, true);
        FakeRequest request = new FakeRequest();
        repository.create(request.build(), "/old", LoginIntent.login(List.of()));
        clock.advance(Duration.ofMinutes(11));

        repository.create(request.build(), "/new", LoginIntent.login(List.of()));

        assertThat(((PendingLogins) request.sessionAttributes().get(PendingLoginRepository.ATTRIBUTE)).size())
                .isEqualTo(1);
    }

    @Test
    void repositoryAnswersUnknownWithoutSessionOrForOversizedState() {
        PendingLoginRepository repository = repository(new TestClock(T0), 5, true);
        assertThat(repository.take(new FakeRequest().build(), "anything").status())
                .isEqualTo(PendingLogins.Status.UNKNOWN);

        FakeRequest request = new FakeRequest();
        PendingLogin login = repository.create(request.build(), "/", LoginIntent.login(List.of()));
        String oversized = login.state() + "A".repeat(PendingLoginRepository.MAX_STATE_LENGTH);

        assertThat(repository.take(request.build(), oversized).status()).isEqualTo(PendingLogins.Status.UNKNOWN);
        assertThat(repository.take(request.build(), login.state()).status()).isEqualTo(PendingLogins.Status.OK);
    }

    @Test
    void sessionWithoutPendingLoginsAnswersUnknown() {
        FakeRequest request = new FakeRequest().withSession();

        assertThat(repository(new TestClock(T0), 5, true).take(request.build(), "x").status())
                .isEqualTo(PendingLogins.Status.UNKNOWN);
    }
}
