package io.github.evesso.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A real HTTP client that behaves like a browser for these tests: it keeps cookies per host and follows redirects
 * itself (at most {@link #MAX_REDIRECTS}), recording each hop. Sends {@code Accept: text/html} unless told otherwise.
 */
public final class Browser {
    /** Longest redirect chain followed. */
    public static final int MAX_REDIRECTS = 10;
    private static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** GETs {@code url} and follows redirects. */
    public Page get(URI url) {
        return follow(request(url).GET(), url);
    }

    /** GETs {@code url} without following a redirect. */
    public Page getNoFollow(URI url) {
        return send(request(url).GET(), url);
    }

    /** GETs {@code url} as an AJAX call ({@code X-Requested-With}, {@code Accept: application/json}), no redirects. */
    public Page ajax(URI url) {
        return send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("X-Requested-With", "XMLHttpRequest").header("Accept", "application/json").GET(), url);
    }

    /** POSTs a form to {@code url} and follows the redirects. */
    public Page post(URI url, Map<String, String> form) {
        return follow(request(url).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))), url);
    }

    /** POSTs a form to {@code url} without following a redirect. */
    public Page postNoFollow(URI url, Map<String, String> form) {
        return send(request(url).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))), url);
    }

    /** Sends any request without following a redirect. */
    public Page send(HttpRequest.Builder request, URI url) {
        try {
            HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Page(r.statusCode(), url, r.headers(), r.body(), List.of());
        } catch (IOException e) {
            throw new IllegalStateException("request to " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The value of cookie {@code name} stored for {@code url}'s host, or {@code null}. */
    public String cookie(URI url, String name) {
        return cookies.getCookieStore().get(url).stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    /** Forgets every cookie (a new browser profile). */
    public void clearCookies() {
        cookies.getCookieStore().removeAll();
    }

    private static HttpRequest.Builder request(URI url) {
        return HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).header("Accept", HTML);
    }

    private Page follow(HttpRequest.Builder first, URI url) {
        List<URI> hops = new ArrayList<>();
        Page page = send(first, url);
        while (page.status() >= 300 && page.status() < 400 && page.header("Location") != null) {
            if (hops.size() == MAX_REDIRECTS) {
                throw new IllegalStateException("more than " + MAX_REDIRECTS + " redirects: " + hops);
            }
            URI next = page.uri().resolve(page.header("Location"));
            hops.add(page.uri());
            Page nextPage = send(request(next).GET(), next);
            page = new Page(nextPage.status(), next, nextPage.headers(), nextPage.body(), List.copyOf(hops));
        }
        return page;
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> java.net.URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
