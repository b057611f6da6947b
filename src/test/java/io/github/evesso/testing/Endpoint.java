package io.github.evesso.testing;

/** The endpoints of the local EVE SSO (and its fake ESI), used to address faults and recorded requests. */
public enum Endpoint {
    /** {@code GET /.well-known/oauth-authorization-server}: the RFC 8414 metadata document. */
    METADATA("/.well-known/oauth-authorization-server"),
    /** {@code GET|POST /v2/oauth/authorize}: the browser-facing login (and the interactive picker's POST). */
    AUTHORIZE("/v2/oauth/authorize"),
    /** {@code POST /v2/oauth/token}: code exchange and refresh. */
    TOKEN("/v2/oauth/token"),
    /** {@code GET /oauth/jwks}: the published signing keys. */
    JWKS("/oauth/jwks"),
    /** {@code POST /v2/oauth/revoke}: refresh token revocation. */
    REVOKE("/v2/oauth/revoke"),
    /** Everything under {@code /latest/}: the fake ESI ({@link FakeEsi} lists its routes). */
    ESI("/latest");

    private final String path;

    Endpoint(String path) {
        this.path = path;
    }

    /** The path of this endpoint on the server (a prefix for {@link #ESI}). */
    public String path() {
        return path;
    }

    /** The endpoint serving {@code rawPath}, or {@code null} when no endpoint does (answered 404). */
    static Endpoint forPath(String rawPath) {
        for (Endpoint e : values()) {
            if (e != ESI && e.path.equals(rawPath)) {
                return e;
            }
        }
        return rawPath.startsWith(ESI.path + "/") ? ESI : null;
    }
}
