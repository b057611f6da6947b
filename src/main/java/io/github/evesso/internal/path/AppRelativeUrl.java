package io.github.evesso.internal.path;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one rule for an application-relative URL: a path inside the application, optionally followed by a query. It is
 * applied to configured pages and paths ({@code eve.sso.default-url}, {@code post-logout-url}, {@code login-path},
 * {@code logout-path}, {@code error-page}) and to return URLs remembered from a request.
 *
 * <p>The path starts with a single {@code /} and has no backslash, no control character, no {@code ;} path
 * parameter and no {@code .} or {@code ..} segment; it is checked as written and again after every percent-decoding (at most three levels), so
 * that {@code /%2F%2Fevil.example}, {@code /%2e%2e/x} or {@code /%5Cx} are refused like their plain forms. The query
 * may hold anything that decodes to no control character: only the path decides where a redirect goes. Depends on
 * nothing else in the library.
 */
public final class AppRelativeUrl {
    /** Percent-encoding deeper than this is refused: nobody encodes a path four times by accident. */
    private static final int MAX_DECODING_ROUNDS = 3;

    /** Why a value is not an application-relative URL; the description completes "the value ...". */
    public enum Flaw {
        /** No leading single {@code /}, or a backslash or control character as written. */
        NOT_RELATIVE("must be an application-relative path starting with a single '/'"),
        /** A {@code .} or {@code ..} path segment, written or percent-encoded: it can climb out of the application. */
        DOT_SEGMENT("must not contain a '.' or '..' path segment, not even percent-encoded"),
        /**
         * A {@code ;} path parameter, written or percent-encoded: servlet containers read {@code /..;/} as
         * {@code /../}, which leads into another application of the host.
         */
        PATH_PARAMETER("must not carry a ';' path parameter, not even percent-encoded"),
        /** Percent-encoding that decodes to a leading {@code //}, a backslash or a control character. */
        ENCODED_ESCAPE("must not percent-encode a leading '//', a backslash or a control character"),
        /** A {@code %} without two hex digits after it, or percent-encoding more than three levels deep. */
        BAD_ENCODING("has a malformed or too deeply nested percent-encoding");

        private final String description;

        Flaw(String description) {
            this.description = description;
        }

        /** The rule the value breaks, worded to follow its name, e.g. {@code "must not contain ..."}. */
        public String description() {
            return description;
        }
    }

    private AppRelativeUrl() {
    }

    /** Whether {@code url} is an application-relative URL; {@code null} is not. */
    public static boolean isSafe(String url) {
        return flaw(url).isEmpty();
    }

    /** What makes {@code url} unsafe, or empty when it is an application-relative URL. {@code null} is not one. */
    public static Optional<Flaw> flaw(String url) {
        if (url == null || url.chars().anyMatch(AppRelativeUrl::isControl)) {
            return Optional.of(Flaw.NOT_RELATIVE);
        }
        int query = url.indexOf('?');
        String path = query < 0 ? url : url.substring(0, query);
        Optional<Flaw> pathFlaw = pathFlaw(path);
        return pathFlaw.isPresent() || query < 0 ? pathFlaw : queryFlaw(url.substring(query + 1));
    }

    private static Optional<Flaw> pathFlaw(String path) {
        if (!path.startsWith("/") || path.startsWith("//") || path.indexOf('\\') >= 0) {
            return Optional.of(Flaw.NOT_RELATIVE);
        }
        String value = path;
        for (int round = 0; round <= MAX_DECODING_ROUNDS; round++) {
            if (hasDotSegment(value)) {
                return Optional.of(Flaw.DOT_SEGMENT);
            }
            if (value.indexOf(';') >= 0) {
                return Optional.of(Flaw.PATH_PARAMETER);
            }
            if (!value.startsWith("/") || value.startsWith("//") || value.indexOf('\\') >= 0
                    || value.chars().anyMatch(AppRelativeUrl::isControl)) {
                return Optional.of(Flaw.ENCODED_ESCAPE);
            }
            Optional<String> decoded = decode(value);
            if (decoded.isEmpty()) {
                return Optional.of(Flaw.BAD_ENCODING);
            }
            if (decoded.get().equals(value)) {
                return Optional.empty();
            }
            value = decoded.get();
        }
        return Optional.of(Flaw.BAD_ENCODING);
    }

    /** A query never moves a redirect elsewhere: it must merely decode, and to no control character. */
    private static Optional<Flaw> queryFlaw(String query) {
        Optional<String> decoded = decode(query);
        if (decoded.isEmpty()) {
            return Optional.of(Flaw.BAD_ENCODING);
        }
        return decoded.get().chars().anyMatch(AppRelativeUrl::isControl) ? Optional.of(Flaw.ENCODED_ESCAPE)
                : Optional.empty();
    }

    private static boolean hasDotSegment(String path) {
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** One round of percent-decoding; a {@code +} stays a {@code +} (it is no space in a path). */
    private static Optional<String> decode(String value) {
        try {
            return Optional.of(URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private static boolean isControl(int c) {
        return c < 0x20 || c == 0x7f;
    }
}
