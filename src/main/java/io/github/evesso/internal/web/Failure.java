package io.github.evesso.internal.web;

/**
 * Every way a login request can fail, with its HTTP status, a stable reason code (shown to users and API clients)
 * and a human sentence. Nothing here ever carries a token or a secret.
 */
public enum Failure {
    /** A protected resource was requested without a login by an API/AJAX client. */
    LOGIN_REQUIRED(401, "login_required", "Log in with EVE Online to use this.", "Login required"),
    /** The application met the end of the login (EVE ended it) while handling a request that cannot be replayed. */
    LOGIN_EXPIRED(401, "login_expired", "Your EVE SSO login has ended. Please log in again.", "Login expired"),
    /** A bearer path was called without {@code Authorization: Bearer <token>}. */
    TOKEN_MISSING(401, "token_missing", "This API needs an EVE access token: Authorization: Bearer <token>.",
            "Token required"),
    /** The bearer token was malformed, badly signed, for another audience or issuer, or expired. */
    INVALID_TOKEN(401, "invalid_token", "The EVE access token was refused.", "Invalid token"),
    /** The bearer token (or the login) lacks a scope the path requires. */
    INSUFFICIENT_SCOPE(403, "insufficient_scope", "The EVE access token lacks a scope this needs.",
            "Insufficient scope"),
    /** A login asked for a scope the application is not configured to ask for. */
    UNKNOWN_SCOPE(400, "unknown_scope", "This application does not ask EVE SSO for that scope.", "Unknown scope"),
    /** A step-up login came back as another character than the one that needed more scopes. */
    WRONG_CHARACTER(409, "wrong_character", "You logged in with another character than the one that needs more"
            + " scopes, so nothing changed. Log in again with the same character.", "Wrong character"),
    /** A step-up login came back with fewer scopes than it asked for. */
    SCOPES_NOT_GRANTED(403, "scopes_not_granted", "EVE SSO did not grant every scope this page needs, so nothing"
            + " changed.", "Scopes not granted"),
    /** Adding a character to a session that holds the most characters allowed. */
    TOO_MANY_CHARACTERS(409, "too_many_characters", "This session holds the most characters allowed. Remove one"
            + " before you add another.", "Too many characters"),
    /** A switch or a removal named a character the session does not hold (or there is no login). */
    CHARACTER_UNKNOWN(400, "character_unknown", "That character is not logged in here.", "Unknown character"),
    /** A switch to a character whose grant EVE ended. */
    CHARACTER_NEEDS_LOGIN(409, "character_needs_login", "EVE SSO has ended that character's login. Log it in again"
            + " to use it.", "Log in again"),
    /** A state-changing POST (switch, remove, logout) came from another site's page. */
    CROSS_SITE_REQUEST(403, "cross_site_request", "This request came from another site's page, so it was refused.",
            "Request refused"),
    /** The callback came without {@code state}. */
    STATE_MISSING(400, "state_missing", "The login response from EVE SSO carried no state. Please log in again.",
            "Login failed"),
    /** The callback's {@code state} is not pending in this session. */
    STATE_UNKNOWN(400, "state_unknown", "This login link is unknown, was already used, or belongs to another"
            + " browser session. Please log in again.", "Login failed"),
    /** The callback's {@code state} was pending but too old. */
    STATE_EXPIRED(400, "state_expired", "This login took too long and has expired. Please log in again.",
            "Login expired"),
    /** A callback parameter was repeated. */
    DUPLICATE_PARAMETER(400, "duplicate_parameter", "The login response carried a parameter twice. Please log in"
            + " again.", "Login failed"),
    /** The callback came without a usable {@code code}. */
    CODE_MISSING(400, "code_missing", "The login response from EVE SSO carried no authorization code. Please log in"
            + " again.", "Login failed"),
    /** The user declined at the SSO. */
    ACCESS_DENIED(403, "access_denied", "You declined the login at EVE SSO. You can try again whenever you like.",
            "Login cancelled"),
    /** The SSO reported another error on the callback. */
    SSO_ERROR(400, "sso_error", "EVE SSO could not complete the login. Please try again.", "Login failed"),
    /** The callback came sooner after its login started than a person can log in at the SSO; nothing was sent. */
    LOGIN_TOO_FAST(400, "login_too_fast", "This login came back from EVE SSO faster than a person can log in, so it"
            + " was refused. Please log in again.", "Login refused"),
    /** Too many code exchanges of this session or client address were refused lately; nothing was sent. */
    TOO_MANY_FAILED_LOGINS(429, "too_many_failed_logins", "Too many logins from here failed in a short time. Please"
            + " wait a few minutes, then log in again.", "Too many failed logins"),
    /** The SSO refused the authorization code. */
    CODE_REJECTED(400, "code_rejected", "EVE SSO did not accept this login (it may have been used already or have"
            + " expired). Please log in again.", "Login failed"),
    /** The SSO returned an access token that failed validation. */
    TOKEN_INVALID(401, "token_invalid", "The access token from EVE SSO failed validation, so the login was refused.",
            "Login refused"),
    /** The SSO answered with something unusable. */
    SSO_BAD_RESPONSE(502, "sso_bad_response", "EVE SSO sent a response this application could not use. Please try"
            + " again in a moment.", "EVE SSO error"),
    /** The SSO is unreachable or failing. */
    SSO_UNAVAILABLE(503, "sso_unavailable", "EVE SSO is unavailable right now. Please try again in a few minutes.",
            "EVE SSO unavailable"),
    /** A method the logout, switch or remove path does not accept. */
    METHOD_NOT_ALLOWED(405, "method_not_allowed", "Use the button on the page for this (a POST request).",
            "Method not allowed");

    private final int status;
    private final String code;
    private final String message;
    private final String title;

    Failure(int status, String code, String message, String title) {
        this.status = status;
        this.code = code;
        this.message = message;
        this.title = title;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The stable reason code. */
    public String code() {
        return code;
    }

    /** The human sentence. */
    public String message() {
        return message;
    }

    /** The page title. */
    public String title() {
        return title;
    }
}
