package io.github.evesso.internal.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.evesso.EveCharacter;
import io.github.evesso.EveSsoConfig;
import io.github.evesso.internal.sso.LocalSsoFixture;
import io.github.evesso.internal.sso.SsoEndpoints;
import io.github.evesso.internal.sso.SsoException;
import io.github.evesso.internal.sso.SsoHttp;
import io.github.evesso.support.TestClock;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.Fault;
import io.github.evesso.testing.JwtMinter;
import io.github.evesso.testing.LocalEveSso;
import io.github.evesso.testing.TestCharacter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The access-token rules of {@link AccessTokenValidator}, one test per rule: the real validator, wired like
 * {@code EveSsoRuntime} wires it, reads the metadata and the JWKS of a started {@link LocalEveSso} over real HTTP and
 * judges tokens minted by {@link JwtMinter}. Bad tokens must end in {@link InvalidAccessTokenException} (whose message
 * never holds the token); SSO outages in an {@link SsoException}, never the other way round.
 */
class AccessTokenValidatorTest {
    private static final String CLIENT_ID = LocalSsoFixture.CLIENT_ID;
    private static final String SKILLS = "esi-skills.read_skills.v1";
    private static final String WALLET = LocalEveSso.WALLET_SCOPE;

    @AutoClose
    private final LocalSsoFixture local = new LocalSsoFixture();
    private final TestClock clock = local.clock;
    private final LocalEveSso sso = local.sso;
    private final JwtMinter jwt = sso.jwt();
    private final TestCharacter pilot = sso.characters().get(0);

    /** A validator built exactly as {@code EveSsoRuntime} builds it, against the local SSO's metadata. */
    private AccessTokenValidator validator(Consumer<EveSsoConfig.Builder> customize) {
        EveSsoConfig config = local.config(customize);
        SsoHttp http = local.http(config);
        return new AccessTokenValidator(config, new SsoEndpoints(config, http, local.jsonb()), http);
    }

    private AccessTokenValidator validator() {
        return validator(b -> {
        });
    }

    /** The claims the SSO would issue now to {@link #CLIENT_ID} for the first character with two scopes. */
    private JWTClaimsSet.Builder claims() {
        return jwt.standardClaims(pilot, CLIENT_ID, List.of(SKILLS, WALLET));
    }

    private String valid() {
        return jwt.sign(claims().build());
    }

    /** Asserts {@code token} is refused as invalid, with a message that does not quote it. */
    private static InvalidAccessTokenException rejected(AccessTokenValidator validator, String token) {
        Throwable thrown = catchThrowable(() -> validator.validate(token));
        assertThat(thrown).as("validation of a bad token").isInstanceOf(InvalidAccessTokenException.class);
        assertThat(thrown.getMessage()).isNotBlank();
        if (token != null) {
            for (String part : token.split("\\.")) {
                if (part.length() >= 12) {
                    assertThat(thrown.getMessage()).doesNotContain(part);
                }
            }
        }
        return (InvalidAccessTokenException) thrown;
    }

    private static RSAKey attackerKey(String kid) throws JOSEException {
        return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
    }

    private static JWSHeader.Builder rs256() {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT);
    }

    // ---------------------------------------------------------------- good tokens and scopes

    @Test
    void validTokenGivesTheCharacterItsScopesAndTheExpiry() throws Exception {
        ValidatedToken result = validator().validate(valid());

        EveCharacter character = result.character();
        assertThat(character.id()).isEqualTo(pilot.id());
        assertThat(character.name()).isEqualTo(pilot.name());
        assertThat(character.ownerHash()).isEqualTo(pilot.ownerHash());
        assertThat(character.scopes()).containsExactlyInAnyOrder(SKILLS, WALLET);
        assertThat(result.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(20)));
    }

    @Test
    void scpAsArrayBecomesTheScopeSet() throws Exception {
        String token = jwt.sign(claims().claim("scp", List.of(SKILLS, WALLET, "esi-mail.read_mail.v1")).build());

        assertThat(validator().validate(token).character().scopes())
                .containsExactlyInAnyOrder(SKILLS, WALLET, "esi-mail.read_mail.v1");
    }

    @Test
    void scpAsSingleStringBecomesOneScope() throws Exception {
        String token = jwt.sign(jwt.standardClaims(pilot, CLIENT_ID, List.of(WALLET)).build());

        assertThat(validator().validate(token).character().scopes()).containsExactly(WALLET);
    }

    @Test
    void absentScpMeansNoScopes() throws Exception {
        String token = jwt.sign(jwt.standardClaims(pilot, CLIENT_ID, List.of()).build());

        assertThat(validator().validate(token).character().scopes()).isEmpty();
    }

    @Test
    void scpOfAnotherTypeIsRejected() {
        AccessTokenValidator validator = validator();

        rejected(validator, jwt.sign(claims().claim("scp", 42).build()));
        rejected(validator, jwt.sign(claims().claim("scp", List.of(SKILLS, 7)).build()));
    }

    // ---------------------------------------------------------------- signature and keys

    @Test
    void tokenSignedByAnUnpublishedKeyIsRejected() {
        rejected(validator(), jwt.signWithUnpublishedKey(claims().build()));
    }

    @Test
    void unknownKidIsRejectedThenAcceptedAfterKeyRotationWithoutRestart() throws Exception {
        AccessTokenValidator validator = validator();
        validator.validate(valid());
        String nextKeyToken = jwt.signWithUnknownKid(claims().build());
        rejected(validator, nextKeyToken);

        sso.rotateKey();
        rejected(validator, nextKeyToken); // two fetches already made within the 30 s refetch interval
        assertThat(sso.requestCount(Endpoint.JWKS)).isEqualTo(2);
        clock.advance(Duration.ofSeconds(31)); // the rate limit follows the configured clock
        ValidatedToken result = validator.validate(nextKeyToken);

        assertThat(result.character().id()).isEqualTo(pilot.id());
        assertThat(jwt.currentKid()).isNotEqualTo("JWT-Signature-Key");
        assertThat(validator.validate(valid()).character().id()).isEqualTo(pilot.id()); // minted with the new key
        assertThat(sso.requestCount(Endpoint.JWKS)).isEqualTo(3);
    }

    @Test
    void floodOfUnknownKidTokensFetchesTheJwksAtMostTwiceAndEachIsInvalidNotAnOutage() throws Exception {
        AccessTokenValidator validator = validator(b -> b.jwksRefetchInterval(Duration.ofSeconds(30)));
        String good = valid();
        validator.validate(good);

        RSAKey key = attackerKey("unused");
        List<String> flood = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            SignedJWT token = new SignedJWT(rs256().keyID("unknown-kid-" + i).build(), claims().build());
            token.sign(new RSASSASigner(key));
            flood.add(token.serialize());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Throwable>> results = new ArrayList<>();
            for (String token : flood) {
                results.add(pool.submit(() -> catchThrowable(() -> validator.validate(token))));
            }
            for (Future<Throwable> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isInstanceOf(InvalidAccessTokenException.class);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(sso.requestCount(Endpoint.JWKS)).isLessThanOrEqualTo(2);
        assertThat(validator.validate(good).character().id()).isEqualTo(pilot.id()); // known kids still work
    }

    @Test
    void unsecuredAlgNoneTokenIsRejected() {
        rejected(validator(), jwt.unsecured(claims().build()));
    }

    @Test
    void hs256SignedWithThePublicKeyAsSecretIsRejected() {
        rejected(validator(), jwt.signHs256WithPublicKey(claims().build()));
    }

    @Test
    void es256TokenIsRejectedByDefault() {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(jwt.es256PublicKey().getKeyID())
                .type(JOSEObjectType.JWT).build();

        rejected(validator(), jwt.sign(header, claims().build()));
    }

    @Test
    void es256TokenIsAcceptedWhenEnabled() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(jwt.es256PublicKey().getKeyID())
                .type(JOSEObjectType.JWT).build();
        AccessTokenValidator validator = validator(b -> b.es256Enabled(true));

        assertThat(validator.validate(jwt.sign(header, claims().build())).character().id()).isEqualTo(pilot.id());
        assertThat(validator.validate(valid()).character().id()).isEqualTo(pilot.id()); // RS256 still accepted
    }

    @Test
    void keyHeadersPointingAtAnAttackerKeyAreIgnored() throws Exception {
        RSAKey attacker = attackerKey(jwt.currentKid());
        JWSHeader header = rs256().keyID(jwt.currentKid())
                .jwkURL(URI.create("http://127.0.0.1:1/attacker/jwks"))
                .x509CertURL(URI.create("http://127.0.0.1:1/attacker/cert.pem"))
                .jwk(attacker.toPublicJWK())
                .build();
        SignedJWT forged = new SignedJWT(header, claims().build());
        forged.sign(new RSASSASigner(attacker));

        rejected(validator(), forged.serialize());
    }

    @Test
    void keyHeadersOnATokenSignedByTheRealKeyAreOnlyIgnored() throws Exception {
        JWSHeader header = rs256().keyID(jwt.currentKid())
                .jwkURL(URI.create("http://127.0.0.1:1/attacker/jwks"))
                .x509CertURL(URI.create("http://127.0.0.1:1/attacker/cert.pem"))
                .jwk(attackerKey("attacker").toPublicJWK())
                .build();

        assertThat(validator().validate(jwt.sign(header, claims().build())).character().id()).isEqualTo(pilot.id());
    }

    @Test
    void encryptedJwtIsRejected() throws Exception {
        EncryptedJWT jwe = new EncryptedJWT(new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                .keyID(jwt.currentKid()).type(JOSEObjectType.JWT).build(), claims().build());
        jwe.encrypt(new RSAEncrypter(jwt.currentPublicKey()));

        rejected(validator(), jwe.serialize());
    }

    @ParameterizedTest
    @ValueSource(strings = {"at+jwt", "JOSE+JSON", "JWE"})
    void wrongTypIsRejected(String typ) {
        JWSHeader header = rs256().keyID(jwt.currentKid()).type(new JOSEObjectType(typ)).build();

        rejected(validator(), jwt.sign(header, claims().build()));
    }

    @Test
    void absentTypIsAccepted() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(jwt.currentKid()).build();

        assertThat(validator().validate(jwt.sign(header, claims().build())).character().id()).isEqualTo(pilot.id());
    }

    // ---------------------------------------------------------------- issuer

    @Test
    void wrongIssuerIsRejected() {
        rejected(validator(), jwt.sign(claims().issuer("https://login.evil.example").build()));
    }

    @Test
    void missingIssuerIsRejected() {
        rejected(validator(), jwt.sign(claims().issuer(null).build()));
    }

    @Test
    void eachOfEvesIssuerFormsIsAcceptedByDefault() throws Exception {
        AccessTokenValidator validator = validator();
        assertThat(EveSsoConfig.EVE_ISSUERS).containsExactlyInAnyOrder("login.eveonline.com",
                "https://login.eveonline.com", "https://login.eveonline.com/");

        for (String issuer : EveSsoConfig.EVE_ISSUERS) {
            assertThat(validator.validate(jwt.sign(claims().issuer(issuer).build())).character().id())
                    .as(issuer).isEqualTo(pilot.id());
        }
        assertThat(validator.validate(jwt.sign(claims().issuer(sso.issuer()).build())).character().id())
                .as("the metadata's issuer").isEqualTo(pilot.id());
    }

    @Test
    void explicitAcceptedIssuersReplaceTheDefault() throws Exception {
        AccessTokenValidator validator = validator(b -> b.acceptedIssuers(Set.of("https://login.eveonline.com")));

        assertThat(validator.validate(jwt.sign(claims().issuer("https://login.eveonline.com").build())).character()
                .id()).isEqualTo(pilot.id());
        rejected(validator, jwt.sign(claims().issuer("https://login.eveonline.com/").build()));
        rejected(validator, jwt.sign(claims().issuer("login.eveonline.com").build()));
        rejected(validator, valid()); // the metadata's issuer is no longer added
    }

    // ---------------------------------------------------------------- audience and authorized party

    @Test
    void audienceWithoutTheClientIdIsRejected() {
        rejected(validator(), jwt.sign(claims().audience(List.of("EVE Online")).build()));
    }

    @Test
    void audienceWithoutEveOnlineIsRejected() {
        rejected(validator(), jwt.sign(claims().audience(List.of(CLIENT_ID)).build()));
    }

    @Test
    void audienceAsASingleStringIsRejectedBecauseItCannotHoldBoth() {
        AccessTokenValidator validator = validator();

        rejected(validator, jwt.sign(claims().audience(CLIENT_ID).build()));
        rejected(validator, jwt.sign(claims().audience("EVE Online").build()));
    }

    @Test
    void tokenIssuedToAnotherClientIsRejected() {
        rejected(validator(), jwt.sign(jwt.standardClaims(pilot, "another-client", List.of(SKILLS)).build()));
    }

    @Test
    void authorizedPartyOfAnotherClientIsRejected() {
        rejected(validator(), jwt.sign(claims().claim("azp", "another-client").build()));
    }

    // ---------------------------------------------------------------- expiry

    @Test
    void expiredTokenIsRejected() {
        String token = valid();
        clock.advance(Duration.ofHours(2));

        rejected(validator(), token);
    }

    @Test
    void tokenExpiredWithinTheClockSkewIsAccepted() throws Exception {
        String token = valid();
        clock.advance(Duration.ofMinutes(20).plusSeconds(59)); // default skew 60 s

        assertThat(validator().validate(token).character().id()).isEqualTo(pilot.id());
    }

    @Test
    void tokenExpiredJustBeyondTheClockSkewIsRejected() {
        String token = valid();
        clock.advance(Duration.ofMinutes(20).plusSeconds(61));

        rejected(validator(), token);
    }

    @Test
    void expiryMoreThanAnHourAheadIsRejected() {
        Date farAhead = Date.from(clock.instant().plus(Duration.ofHours(1)).plusSeconds(60));

        rejected(validator(), jwt.sign(claims().expirationTime(farAhead).build()));
    }

    @Test
    void missingExpiryIsRejected() {
        rejected(validator(), jwt.sign(claims().expirationTime(null).build()));
    }

    // ---------------------------------------------------------------- subject, name, owner

    @ParameterizedTest
    @ValueSource(strings = {"CHARACTER:EVE:abc", "CORPORATION:EVE:1", "CHARACTER:EVE:", "CHARACTER:EVE:12345678901234567890",
            "CHARACTER:EVE:-1", "CHARACTER:EVE:1:2", "character:eve:90000001", "90000001"})
    void malformedSubjectIsRejected(String subject) {
        rejected(validator(), jwt.sign(claims().subject(subject).build()));
    }

    @Test
    void missingSubjectIsRejected() {
        rejected(validator(), jwt.sign(claims().subject(null).build()));
    }

    @Test
    void missingOrBlankNameIsRejected() {
        AccessTokenValidator validator = validator();

        rejected(validator, jwt.sign(claims().claim("name", null).build()));
        rejected(validator, jwt.sign(claims().claim("name", " ").build()));
        rejected(validator, jwt.sign(claims().claim("name", 5).build()));
    }

    @Test
    void missingOrBlankOwnerIsRejected() {
        AccessTokenValidator validator = validator();

        rejected(validator, jwt.sign(claims().claim("owner", null).build()));
        rejected(validator, jwt.sign(claims().claim("owner", "").build()));
    }

    // ---------------------------------------------------------------- not a JWT at all

    @ParameterizedTest
    @ValueSource(strings = {".x", "x", "!!!", " ", "\n", "==", ".", "%00"})
    void trailingGarbageAfterTheTokenIsRejected(String garbage) {
        rejected(validator(), valid() + garbage);
    }

    @Test
    void leadingGarbageBeforeTheTokenIsRejected() {
        rejected(validator(), " " + valid());
    }

    @Test
    void nonJwtEmptyNullAndHugeStringsAreRejected() {
        AccessTokenValidator validator = validator();

        rejected(validator, "this is not a JWT");
        rejected(validator, "a.b.c");
        rejected(validator, "");
        rejected(validator, null);
        rejected(validator, "x".repeat(20 * 1024));
        rejected(validator, valid() + "A".repeat(20 * 1024));
        rejected(validator, "a" + ".".repeat(16 * 1024 - 1)); // just within the length limit: no regex blow-up
        rejected(validator, "a" + ".b".repeat(8 * 1024 - 1));
        rejected(validator, ".." + valid());
    }

    // ---------------------------------------------------------------- outages are not bad tokens

    @Test
    void jwksDownOnFirstUseIsAnOutageNotAnInvalidToken() throws Exception {
        sso.failUntilCleared(Endpoint.JWKS, Fault.status(503));
        AccessTokenValidator validator = validator();
        String token = valid();

        for (int attempt = 0; attempt < 5; attempt++) {
            assertThatThrownBy(() -> validator.validate(token)).as("attempt " + attempt)
                    .isInstanceOf(SsoException.class)
                    .isNotInstanceOf(InvalidAccessTokenException.class);
        }

        sso.clearFaults();
        clock.advance(Duration.ofSeconds(31));
        assertThat(validator.validate(token).character().id()).isEqualTo(pilot.id());
    }

    @Test
    void metadataDownOnFirstUseIsAnOutageNotAnInvalidToken() {
        sso.failUntilCleared(Endpoint.METADATA, Fault.disconnect());
        AccessTokenValidator validator = validator();

        assertThatThrownBy(() -> validator.validate(valid())).isInstanceOf(SsoException.class);
    }

    @Test
    void cachedJwksKeepsValidatingKnownKidsThroughAJwksOutage() throws Exception {
        AccessTokenValidator validator = validator();
        validator.validate(valid());
        int fetches = sso.requestCount(Endpoint.JWKS);
        sso.failUntilCleared(Endpoint.JWKS, Fault.status(500));

        assertThat(validator.validate(valid()).character().id()).isEqualTo(pilot.id());
        clock.advance(Duration.ofMinutes(15));
        assertThat(validator.validate(valid()).character().id()).isEqualTo(pilot.id());
        assertThat(sso.requestCount(Endpoint.JWKS)).isEqualTo(fetches);
    }

    @Test
    void staleJwksKeepsValidatingKnownKidsWhenTheOutageOutlastsTheCacheTtl() throws Exception {
        AccessTokenValidator validator = validator(b -> b.metadataCacheTtl(Duration.ofMinutes(10)));
        validator.validate(valid());
        sso.failUntilCleared(Endpoint.JWKS, Fault.status(503));

        clock.advance(Duration.ofMinutes(30)); // the JWKS is now stale, the SSO down
        String token = valid();

        assertThat(validator.validate(token).character().id()).isEqualTo(pilot.id());
        assertThat(sso.requestCount(Endpoint.JWKS)).isGreaterThanOrEqualTo(2); // it did try to refetch
    }

    @Test
    void tokensSignedByAnUnpublishedKeyAreInvalidEvenDuringAJwksOutage() throws Exception {
        AccessTokenValidator validator = validator();
        validator.validate(valid());
        sso.failUntilCleared(Endpoint.JWKS, Fault.status(503));

        rejected(validator, jwt.signWithUnpublishedKey(claims().build()));
    }

    @Test
    void invalidTokenMessagesNeverQuoteTheToken() {
        AccessTokenValidator validator = validator();
        Instant now = clock.instant();
        List<String> bad = List.of(
                jwt.signWithUnpublishedKey(claims().build()),
                jwt.sign(claims().issuer("https://evil.example").build()),
                jwt.sign(claims().subject("CHARACTER:EVE:abc").build()),
                jwt.sign(claims().expirationTime(Date.from(now.minusSeconds(3600))).build()),
                jwt.unsecured(claims().build()),
                valid() + "x");

        for (String token : bad) {
            InvalidAccessTokenException e = rejected(validator, token);
            assertThat(e.getMessage()).doesNotContain(token).doesNotContain(SKILLS).doesNotContain(pilot.ownerHash());
        }
    }
}
