package io.github.evesso.internal.jwt;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * EVE's claim rules on top of Nimbus's {@code exp}/{@code nbf} checks: {@code iss} accepted, {@code aud} holding an
 * accepted client id (this application's, or for bearer tokens one the operator trusts) AND {@code "EVE Online"},
 * {@code azp} (when present) that client id, {@code sub} a character, {@code name}
 * and {@code owner} present, and {@code exp} not absurdly far ahead.
 */
final class EveClaimsVerifier extends DefaultJWTClaimsVerifier<IssuerContext> {
    static final String EVE_AUDIENCE = "EVE Online";
    static final Pattern SUBJECT = Pattern.compile("CHARACTER:EVE:(\\d{1,18})");
    /** EVE tokens live 20 minutes; anything valid for longer than this is not an EVE access token. */
    static final Duration MAX_LIFETIME = Duration.ofHours(1);

    private final Set<String> acceptedClients;
    private final Clock clock;

    EveClaimsVerifier(Set<String> acceptedClients, Duration clockSkew, Clock clock) {
        super(null, null, Set.of("sub", "exp", "iss", "aud", "name", "owner"), null);
        this.acceptedClients = Set.copyOf(acceptedClients);
        this.clock = clock;
        setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, clockSkew.toSeconds()));
    }

    @Override
    protected Date currentTime() {
        return Date.from(clock.instant());
    }

    @Override
    public void verify(JWTClaimsSet claims, IssuerContext context) throws BadJWTException {
        super.verify(claims, context);
        if (!context.acceptedIssuers().contains(claims.getIssuer())) {
            throw new BadJWTException("JWT iss claim is not an accepted issuer");
        }
        List<String> audience = claims.getAudience();
        String client = audience.stream().filter(acceptedClients::contains).findFirst().orElse(null);
        if (client == null) {
            throw new BadJWTException(acceptedClients.size() == 1
                    ? "JWT aud claim does not contain this application's client id"
                    : "JWT aud claim does not contain an accepted client id");
        }
        if (!audience.contains(EVE_AUDIENCE)) {
            throw new BadJWTException("JWT aud claim does not contain \"EVE Online\"");
        }
        Object azp = claims.getClaim("azp");
        if (azp != null && !(azp instanceof String party && audience.contains(party)
                && acceptedClients.contains(party))) {
            throw new BadJWTException("JWT azp claim is another client");
        }
        if (!SUBJECT.matcher(claims.getSubject()).matches()) {
            throw new BadJWTException("JWT sub claim is not CHARACTER:EVE:<id>");
        }
        if (!(claims.getClaim("name") instanceof String name) || name.isBlank()) {
            throw new BadJWTException("JWT name claim is not a string");
        }
        if (!(claims.getClaim("owner") instanceof String owner) || owner.isBlank()) {
            throw new BadJWTException("JWT owner claim is not a string");
        }
        if (claims.getExpirationTime().toInstant().isAfter(clock.instant().plus(MAX_LIFETIME))) {
            throw new BadJWTException("JWT exp claim is too far in the future");
        }
        Object scp = claims.getClaim("scp");
        if (scp != null && !(scp instanceof String) && !(scp instanceof List<?> list
                && list.stream().allMatch(String.class::isInstance))) {
            throw new BadJWTException("JWT scp claim is neither a string nor an array of strings");
        }
    }
}
