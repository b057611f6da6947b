package io.github.evesso.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.sample.SampleApp.Style;
import io.github.evesso.testing.TestCharacter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.catalina.Session;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sample's background job ({@code /jobs/wallets}) on embedded Tomcat with the sample's token store (an H2 file,
 * a JNDI {@code <Resource>}), for both configuration styles: characters whose browser session ended are still read
 * with their stored tokens; a logout removes a character.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class BackgroundJobIT {
    @TempDir
    Path data;
    private SampleApp app;
    private final HtmlBrowsers browsers = new HtmlBrowsers();

    @AfterEach
    void tearDown() {
        browsers.close();
        if (app != null) {
            app.close();
        }
    }

    private WebClient browser() {
        return browsers.open();
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void aStoredCharactersWalletIsReadByTheBackgroundJobAfterItsSessionEnded(Style style) throws Exception {
        app = SampleApp.startWithTokenStore(style, data);
        TestCharacter aura = app.sso.characters().get(0);
        TestCharacter kestrel = app.sso.characters().get(1);
        TestCharacter third = app.sso.characters().get(2);
        // a main and an alt log in in one browser, whose session then times out: no logout
        WebClient first = browser();
        first.<HtmlPage>getPage(app.url("/").toURL()).getHtmlElementById("login-main").click();
        app.sso.nextLoginAs(kestrel.id());
        first.<HtmlPage>getPage(app.url("/characters").toURL()).getHtmlElementById("add-character").click();
        expireEverySession();
        assertThat(app.sso.revokedTokens()).as("a session's end keeps the grants").isEmpty();

        // someone else logs in and runs the job
        app.sso.nextLoginAs(third.id());
        HtmlPage job = browser().getPage(app.url("/jobs/wallets").toURL());
        assertThat(job.getUrl().getPath()).isEqualTo("/jobs/wallets");
        assertThat(column(job, "name")).containsOnlyKeys(aura.id(), kestrel.id(), third.id());
        assertThat(column(job, "balance")).containsValues("not read yet");

        HtmlPage ran = job.<HtmlButton>getHtmlElementById("run-job").click();

        assertThat(ran.getUrl().getPath()).isEqualTo("/jobs/wallets");
        assertThat(column(ran, "balance")).containsExactlyInAnyOrderEntriesOf(Map.of(
                aura.id(), app.expectedBalance(aura), kestrel.id(), app.expectedBalance(kestrel),
                third.id(), app.expectedBalance(third)));
        assertThat(column(ran, "status")).containsValues("OK").doesNotContainValue("needs login");
        assertThat(column(ran, "expires")).allSatisfy((id, expires) -> assertThat(expires).endsWith("UTC"));
        assertThat(column(ran, "read-at")).allSatisfy((id, at) -> assertThat(at).endsWith("UTC"));
        assertThat(ran.getHtmlElementById("last-run").getTextContent()).contains("3 wallets read, 0 failed");
        assertThat(ran.getWebResponse().getContentAsString()).doesNotContain("eyJ")
                .doesNotContain(SampleApp.CLIENT_SECRET);
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void aLogoutRemovesTheCharacterFromTheJobsPage(Style style) throws Exception {
        app = SampleApp.startWithTokenStore(style, data);
        TestCharacter aura = app.sso.characters().get(0);
        TestCharacter kestrel = app.sso.characters().get(1);
        TestCharacter third = app.sso.characters().get(2);
        WebClient first = browser();
        first.<HtmlPage>getPage(app.url("/").toURL()).getHtmlElementById("login-main").click();
        expireEverySession();
        WebClient second = browser();
        app.sso.nextLoginAs(kestrel.id());
        HtmlPage job = second.<HtmlPage>getPage(app.url("/jobs/wallets").toURL())
                .<HtmlButton>getHtmlElementById("run-job").click();
        assertThat(column(job, "name")).containsOnlyKeys(aura.id(), kestrel.id());

        job.<HtmlButton>getHtmlElementById("logout").click();
        app.sso.nextLoginAs(third.id());
        HtmlPage after = second.getPage(app.url("/jobs/wallets").toURL());

        assertThat(app.sso.revokedTokens()).as("kestrel's, at the logout").hasSize(1);
        assertThat(column(after, "name")).containsOnlyKeys(aura.id(), third.id());
        assertThat(column(after, "balance")).containsEntry(aura.id(), app.expectedBalance(aura));
    }

    /** Ends every session as the container does when they time out. */
    private void expireEverySession() {
        Session[] sessions = app.server.context().getManager().findSessions();
        assertThat(sessions).isNotEmpty();
        for (Session session : sessions) {
            session.expire();
        }
    }

    /** One column of the stored characters' table: character id to the cell's text. */
    private static Map<Long, String> column(HtmlPage page, String cssClass) {
        return page.<DomNode>querySelectorAll("tr.stored-character").stream().collect(Collectors.toMap(
                row -> Long.parseLong(((HtmlElement) row).getAttribute("data-id")),
                row -> row.querySelector("td." + cssClass) == null ? ""
                        : row.querySelector("td." + cssClass).getTextContent()));
    }
}
