package io.github.evesso.internal.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.support.FakeRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which return URLs are kept (application-relative, unchanged) and which are refused (anything that could leave). */
class ReturnUrlsTest {

    @ParameterizedTest(name = "accepts {0}")
    @ValueSource(strings = {
        "/",
        "/x",
        "/protected/home?tab=1",
        "/a/b.c/d",
        "/a..b/...",
        "/~pilot",
        "/search?q=a+b",
        "/search?q=a%20b&r=%26",
        "/p?next=/elsewhere",
        "/p?u=https://evil.example",
        "/p?up=../x",
        "/a%2Fb",
        "/x?y=%252541",
        "/discount?q=100%25",
        "/caf%C3%A9",
        "/wiki/%E3%83%89%E3%83%83%E3%82%B0"
    })
    void acceptsApplicationRelativeUrls(String value) {
        assertThat(ReturnUrls.sanitize(value)).contains(value);
    }

    @ParameterizedTest(name = "refuses {0}")
    @NullAndEmptySource
    @ValueSource(strings = {
        "//evil.example",
        "///evil.example",
        "https://evil.example",
        "http:/evil.example",
        "javascript:alert(1)",
        "evil.example",
        "x",
        "?a=1",
        "/\\evil.example",
        "\\\\evil.example",
        "%2F%2Fevil.example",
        "/%2F%2Fevil.example",
        "/%252F%252Fevil.example",
        "/%5Cevil.example",
        "/%0d%0aSet-Cookie:x=y",
        "/\r\nSet-Cookie:x=y",
        "/\tx",
        "/x\u0000",
        "/x\u007f",
        "/../other",
        "/a/../b",
        "/a/../../other",
        "/a/..",
        "/./x",
        "/%2e%2e/other",
        "/%252e%252e/other",
        "/caf\u00e9",
        "/x?q=\u00e9",
        "/%",
        "/%zz",
        "/%25252541"
    })
    void refusesAnythingThatCouldLeaveTheApplication(String value) {
        assertThat(ReturnUrls.sanitize(value)).isEmpty();
    }

    @Test
    void refusesUrlsLongerThanTheLimit() {
        assertThat(ReturnUrls.sanitize("/" + "a".repeat(ReturnUrls.MAX_LENGTH - 1))).isPresent();
        assertThat(ReturnUrls.sanitize("/" + "a".repeat(ReturnUrls.MAX_LENGTH))).isEmpty();
    }

    @Test
    void requestUrlIsItsPathWithinTheContextAndItsQuery() {
        assertThat(ReturnUrls.of(new FakeRequest().uri("/app", "/app/x/y", "a=1&b=%2F").build()))
                .contains("/x/y?a=1&b=%2F");
        assertThat(ReturnUrls.of(new FakeRequest().uri("/app", "/app/x", null).build())).contains("/x");
        assertThat(ReturnUrls.of(new FakeRequest().uri("", "/x", "q=1").build())).contains("/x?q=1");
    }

    @Test
    void requestUrlThatWouldLeaveIsRefused() {
        assertThat(ReturnUrls.of(new FakeRequest().uri("/app", "/app//evil.example", null).build())).isEmpty();
        assertThat(ReturnUrls.of(new FakeRequest().uri("", "//evil.example", null).build())).isEmpty();
        assertThat(ReturnUrls.of(new FakeRequest().uri("/app", "/app/%2F%2Fevil.example", null).build())).isEmpty();
        assertThat(ReturnUrls.of(new FakeRequest().uri("/app", "/app/x", "a=%0d%0aSet-Cookie:x=y").build())).isEmpty();
        assertThat(ReturnUrls.of(new FakeRequest().uri("/app", "/app", null).build())).isEmpty();
        assertThat(ReturnUrls.of(new FakeRequest().uri("/app", "/other/x", null).build())).isEmpty();
    }
}
