package io.github.evesso.internal.path;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.internal.path.AppRelativeUrl.Flaw;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one rule for application-relative URLs (configured pages and paths, and return URLs): what it keeps, what it
 * refuses, and which flaw it names — written or hidden behind percent-encoding alike.
 */
class AppRelativeUrlTest {

    @ParameterizedTest(name = "accepts {0}")
    @ValueSource(strings = {
        "/",
        "/x",
        "/sso/login",
        "/error.jsp",
        "/WEB-INF/error.jsp",
        "/bye?x=1",
        "/a/b.c/d",
        "/a..b/...",
        "/.well-known/x",
        "/a%2Fb",
        "/caf%C3%A9",
        "/search?q=a+b",
        "/p?up=../x",
        "/p?u=https://evil.example",
        "/x?y=%252541",
        "/a b"
    })
    void acceptsPathsInsideTheApplication(String url) {
        assertThat(AppRelativeUrl.flaw(url)).isEmpty();
        assertThat(AppRelativeUrl.isSafe(url)).isTrue();
    }

    @ParameterizedTest(name = "refuses {0}")
    @NullAndEmptySource
    @ValueSource(strings = {"//host", "//host/x", "///host", "https://evil.example", "javascript:alert(1)", "home",
        "?a=1", "\\x", "/\\host", "/a\\b", "/a\tb", "/a\u007f", "/x?\r\nSet-Cookie:x=y"})
    void refusesWhatIsNoApplicationPathAsWritten(String url) {
        assertThat(AppRelativeUrl.flaw(url)).contains(Flaw.NOT_RELATIVE);
        assertThat(AppRelativeUrl.isSafe(url)).isFalse();
    }

    @ParameterizedTest(name = "refuses {0}")
    @ValueSource(strings = {"/a/../b", "/./x", "/..", "/a/..", "/a/.", "/../other", "/a/./b?x=1", "/%2e%2e/other",
        "/%2E%2E/other", "/a/%2e/b", "/a/%2e%2e", "/%252e%252e/other", "/x%2F..%2Fy"})
    void refusesDotSegmentsWrittenOrPercentEncoded(String url) {
        assertThat(AppRelativeUrl.flaw(url)).contains(Flaw.DOT_SEGMENT);
    }

    @ParameterizedTest(name = "refuses {0}")
    @ValueSource(strings = {"/%2F%2Fevil.example", "/%2f%2fhost", "/%252F%252Fevil.example", "/%5Cevil.example",
        "/%5chost", "/%0d%0aSet-Cookie:x=y", "/x%00", "/x?a=%0d%0aSet-Cookie:x=y"})
    void refusesEscapesHiddenBehindPercentEncoding(String url) {
        assertThat(AppRelativeUrl.flaw(url)).contains(Flaw.ENCODED_ESCAPE);
    }

    @ParameterizedTest(name = "refuses {0}")
    @ValueSource(strings = {"/..;/other/x", "/%2e%2e;/other", "/.;/x", "/x/..;/..;/other", "/a;b/c", "/a;jsessionid=1",
        "/%3B/x", "/..%3B/other", "/%253B"})
    void refusesPathParametersWhichContainersReadAsDotSegments(String url) {
        assertThat(AppRelativeUrl.flaw(url)).contains(Flaw.PATH_PARAMETER);
    }

    @Test
    void aSemicolonInTheQueryIsNoPathParameter() {
        assertThat(AppRelativeUrl.flaw("/x?a=1;b=2")).isEmpty();
    }

    @ParameterizedTest(name = "refuses {0}")
    @ValueSource(strings = {"/%", "/%zz", "/100%", "/x?q=%", "/%25252541"})
    void refusesBrokenOrTooDeepPercentEncoding(String url) {
        assertThat(AppRelativeUrl.flaw(url)).contains(Flaw.BAD_ENCODING);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "NOT_RELATIVE | must be an application-relative path starting with a single '/'",
        "DOT_SEGMENT | must not contain a '.' or '..' path segment, not even percent-encoded",
        "PATH_PARAMETER | must not carry a ';' path parameter, not even percent-encoded",
        "ENCODED_ESCAPE | must not percent-encode a leading '//', a backslash or a control character",
        "BAD_ENCODING | has a malformed or too deeply nested percent-encoding",
    })
    void everyFlawIsWordedToFollowTheNameOfWhatBreaksIt(Flaw flaw, String description) {
        assertThat(flaw.description()).isEqualTo(description);
    }
}
