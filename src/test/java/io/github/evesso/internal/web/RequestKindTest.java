package io.github.evesso.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.support.FakeRequest;
import org.junit.jupiter.api.Test;

/** Browser navigation versus API/AJAX calls, by request headers. */
class RequestKindTest {

    private static boolean isApi(FakeRequest request) {
        return RequestKind.isApi(request.build());
    }

    @Test
    void browserNavigationIsNotApi() {
        assertThat(isApi(new FakeRequest().header("Accept",
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"))).isFalse();
        assertThat(isApi(new FakeRequest().header("Accept", "TEXT/HTML"))).isFalse();
    }

    @Test
    void requestWithoutAcceptCountsAsBrowser() {
        assertThat(isApi(new FakeRequest())).isFalse();
        assertThat(isApi(new FakeRequest().header("Accept", "  "))).isFalse();
    }

    @Test
    void xmlHttpRequestIsApiWhateverItAccepts() {
        assertThat(isApi(new FakeRequest().header("X-Requested-With", "XMLHttpRequest")
                .header("Accept", "text/html"))).isTrue();
        assertThat(isApi(new FakeRequest().header("X-Requested-With", "xmlhttprequest"))).isTrue();
    }

    @Test
    void otherRequestedWithValuesDoNotCount() {
        assertThat(isApi(new FakeRequest().header("X-Requested-With", "com.example.app")
                .header("Accept", "text/html"))).isFalse();
    }

    @Test
    void jsfPartialRequestIsApi() {
        assertThat(isApi(new FakeRequest().header("Faces-Request", "partial/ajax")
                .header("Accept", "text/html"))).isTrue();
        assertThat(isApi(new FakeRequest().header("Faces-Request", "Partial/Process"))).isTrue();
    }

    @Test
    void acceptWithoutHtmlIsApi() {
        assertThat(isApi(new FakeRequest().header("Accept", "application/json"))).isTrue();
        assertThat(isApi(new FakeRequest().header("Accept", "application/xml, text/xml"))).isTrue();
        assertThat(isApi(new FakeRequest().header("Accept", "*/*"))).isTrue();
    }
}
