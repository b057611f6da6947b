package io.github.evesso.testing;

/** How the local EVE SSO answers a browser arriving at the authorize endpoint. */
public enum AuthorizeMode {
    /** Log in at once (302 back with a code) as the chosen character: no page is shown. */
    AUTO_APPROVE,
    /** Show an HTML page to pick a character or decline, like the real SSO's character selection. */
    INTERACTIVE,
    /** Decline at once: 302 back with {@code error=access_denied}. */
    DENY
}
