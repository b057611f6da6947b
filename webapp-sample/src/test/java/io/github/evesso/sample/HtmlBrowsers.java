package io.github.evesso.sample;

import java.util.ArrayList;
import java.util.List;
import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;

/**
 * The HtmlUnit browsers of the sample's ITs, set up alike (Firefox, no CSS, an error status as a page rather than an
 * exception, 15 s timeout) and closed together.
 */
public final class HtmlBrowsers implements AutoCloseable {
    private final List<WebClient> opened = new ArrayList<>();

    /** A new browser, with its own cookies. */
    public WebClient open() {
        WebClient browser = new WebClient(BrowserVersion.FIREFOX);
        browser.getOptions().setCssEnabled(false);
        browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
        browser.getOptions().setTimeout(15_000);
        opened.add(browser);
        return browser;
    }

    /** Closes every browser opened. */
    @Override
    public void close() {
        opened.forEach(WebClient::close);
        opened.clear();
    }
}
