package io.github.evesso.internal.jwt;

import com.nimbusds.jose.proc.SecurityContext;
import java.util.Set;

/** Carries the issuers accepted for one validation into the claims verifier. */
record IssuerContext(Set<String> acceptedIssuers) implements SecurityContext {
}
