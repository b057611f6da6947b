package io.github.evesso.internal.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.EveSsoConfig;
import io.github.evesso.support.FakeRequest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Servlet-style URL patterns ({@code /} exact: the context root) and the protected-minus-excluded rule. */
class PathRulesTest {

    private static PathRules rules(List<String> protectedPaths, List<String> excludedPaths) {
        return new PathRules(EveSsoConfig.builder()
                .clientId("id").clientSecret("secret").callbackUrl(URI.create("https://app.example/sso/callback"))
                .protectedPaths(protectedPaths).excludedPaths(excludedPaths).build());
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        "/,           /,               true",
        "/,           /any/thing,      false",
        "/*,          /any/thing,      true",
        "/about,      /about,          true",
        "/about,      /about/,         false",
        "/about,      /aboutx,         false",
        "/public/*,   /public,         true",
        "/public/*,   /public/,        true",
        "/public/*,   /public/a/b,     true",
        "/public/*,   /publicity,      false",
        "/public/*,   /x/public/a,     false",
        "*.css,       /a/b/site.css,   true",
        "*.css,       /site.css,       true",
        "*.css,       /a.css/b,        false",
        "*.css,       /a/site.css.map, false",
        "*.css,       /a/sitecss,      false"
    })
    void servletPatternsMatchAsTheSpecificationSays(String pattern, String path, boolean expected) {
        assertThat(PathRules.matches(pattern, path)).isEqualTo(expected);
    }

    @Test
    void everythingIsProtectedExceptTheExcludedPaths() {
        PathRules rules = rules(List.of("/*"), List.of("/public/*", "*.css", "/health"));

        assertThat(rules.isProtected("/", false)).isTrue();
        assertThat(rules.isProtected("/protected/home", false)).isTrue();
        assertThat(rules.isProtected("/publicity", false)).isTrue();
        assertThat(rules.isProtected("/health/deep", false)).isTrue();
        assertThat(rules.isProtected("/public/x", false)).isFalse();
        assertThat(rules.isProtected("/public", false)).isFalse();
        assertThat(rules.isProtected("/styles/site.css", false)).isFalse();
        assertThat(rules.isProtected("/health", false)).isFalse();
    }

    @Test
    void restrictedProtectedPathsLeaveTheRestOpen() {
        PathRules rules = rules(List.of("/protected/*", "/admin"), List.of("/protected/open/*"));

        assertThat(rules.isProtected("/protected/x", false)).isTrue();
        assertThat(rules.isProtected("/protected", false)).isTrue();
        assertThat(rules.isProtected("/admin", false)).isTrue();
        assertThat(rules.isProtected("/other", false)).isFalse();
        assertThat(rules.isProtected("/admin/x", false)).isFalse();
        assertThat(rules.isProtected("/", false)).isFalse();
        assertThat(rules.isProtected("/protected/open/doc", false)).isFalse();
    }

    @Test
    void excludingTheRootExcludesOnlyTheLandingPage() {
        PathRules rules = rules(List.of("/*"), List.of("/", "/static/*"));

        assertThat(rules.isProtected("/", false)).isFalse();
        assertThat(rules.isProtected("/static/app.css", false)).isFalse();
        assertThat(rules.isProtected("/character", false)).isTrue();
        assertThat(rules.isProtected("/any/new/page", false)).isTrue();
    }

    @Test
    void extensionExclusionsDoNotOpenPathsServedWithPathInfo() {
        PathRules rules = rules(List.of("/*"), List.of("*.css"));

        assertThat(rules.isProtected("/static/site.css", false)).isFalse();
        assertThat(rules.isProtected("/api/wallet.css", true)).as("a servlet mapped to /api/* with path info").isTrue();
    }

    @Test
    void excludedWinsOverProtected() {
        assertThat(rules(List.of("/a/*"), List.of("/a/*")).isProtected("/a/b", false)).isFalse();
    }

    @Test
    void pathOfJoinsServletPathAndPathInfo() {
        assertThat(PathRules.pathOf(new FakeRequest().paths("/public", "/x").build())).isEqualTo("/public/x");
        assertThat(PathRules.pathOf(new FakeRequest().paths("/about", null).build())).isEqualTo("/about");
        assertThat(PathRules.pathOf(new FakeRequest().paths("", "/x").build())).isEqualTo("/x");
        assertThat(PathRules.pathOf(new FakeRequest().paths("", null).build())).isEqualTo("/");
        assertThat(PathRules.pathOf(new FakeRequest().paths(null, null).build())).isEqualTo("/");
    }

    @Test
    void theContextRootServedAsAWelcomeFileIsTheRootPath() {
        FakeRequest welcome = new FakeRequest().paths("/index.html", null).uri("/app", "/app/", null);
        assertThat(PathRules.pathOf(welcome.build())).isEqualTo("/");
        FakeRequest withSessionId = new FakeRequest().paths("/index.html", null)
                .uri("/app", "/app/;jsessionid=ABC", null);
        assertThat(PathRules.pathOf(withSessionId.build())).isEqualTo("/");
        FakeRequest rootContext = new FakeRequest().uri("", "/", null).paths("/index.html", null);
        assertThat(PathRules.pathOf(rootContext.uri("", "/", null).build())).isEqualTo("/");
        FakeRequest file = new FakeRequest().paths("/index.html", null);
        assertThat(PathRules.pathOf(file.build())).as("the file by its own name").isEqualTo("/index.html");
    }
}
