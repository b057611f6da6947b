package io.github.evesso.sample.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.evesso.sample.dev.DevLauncher.Options;
import io.github.evesso.testing.TestCharacter;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dev-mode sample in a real browser: headless Chromium logs in through the local EVE SSO's character picker,
 * sees the live countdown tick, refreshes the tokens, reads the wallet and logs out. Screenshots go to {@code target/screenshots/}.
 * Skipped when {@code /usr/bin/chromium} or {@code /usr/bin/chromedriver} is missing
 * ({@code apt-get install -y chromium chromium-driver}).
 */
class ChromiumIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path profile;
    private DevLauncher.Running running;
    private WebDriver chrome;

    @BeforeEach
    void start() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium not installed (apt-get install -y chromium chromium-driver)");
        running = DevLauncher.start(new Options(true, "127.0.0.1", 0, 0, true,
                Path.of(System.getProperty("sample.war")), Path.of(System.getProperty("sample.context-xml")), null,
                Map.<String, String>of()::get));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1100,800", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() {
        if (chrome != null) {
            chrome.quit();
        }
        if (running != null) {
            running.close();
        }
    }

    @Test
    void aNewcomerLogsInWithTheCharacterPickerAndSeesALiveCountdown() throws IOException {
        TestCharacter mira = running.sso().characters().get(2);
        // A click that loads a new page can leave a just-found element stale: the wait looks again instead of failing.
        WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(10));
        wait.ignoring(StaleElementReferenceException.class);

        chrome.get(running.url("/").toString());
        screenshot("1-landing");
        chrome.findElement(By.id("login-main")).click();
        wait.until(ExpectedConditions.urlContains(running.sso().authorizeUrl()));
        screenshot("2-local-sso-picker");
        chrome.findElement(By.cssSelector("button[name=character_id][value='" + mira.id() + "']")).click();

        wait.until(ExpectedConditions.urlToBe(running.url("/character").toString()));
        assertThat(chrome.findElement(By.id("character-name")).getText()).isEqualTo(mira.name());
        String first = chrome.findElement(By.id("expires")).getText();
        assertThat(first).matches("in (19|20):\\d\\d");
        wait.until(driver -> !driver.findElement(By.id("expires")).getText().equals(first)); // the script ticks
        assertThat(chrome.findElement(By.cssSelector("img.portrait")).getAttribute("naturalWidth")).isEqualTo("128");
        chrome.findElement(By.id("refresh-now")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("refreshed")));
        screenshot("3-character");

        chrome.findElement(By.linkText("Wallet")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("balance")));
        assertThat(chrome.findElement(By.id("balance")).getText()).matches("-?[\\d,]+\\.\\d\\d");
        screenshot("4-wallet");

        TestCharacter kestrel = running.sso().characters().get(1);
        chrome.findElement(By.linkText("Characters")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("add-character"))).click();
        wait.until(ExpectedConditions.urlContains(running.sso().authorizeUrl()));
        chrome.findElement(By.cssSelector("button[name=character_id][value='" + kestrel.id() + "']")).click();
        wait.until(ExpectedConditions.urlToBe(running.url("/characters").toString()));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("li.character-row"), 2));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("li.character-row.active"),
                kestrel.name()));
        screenshot("5-two-characters");
        WebElement activeBefore = chrome.findElement(By.cssSelector("li.character-row.active"));
        chrome.findElement(By.id("switch-" + mira.id())).click();
        wait.until(ExpectedConditions.stalenessOf(activeBefore)); // the switch answers with a new page
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("li.character-row.active"),
                mira.name()));

        wait.until(ExpectedConditions.elementToBeClickable(By.id("logout"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login-main")));
        assertThat(chrome.getCurrentUrl()).isEqualTo(running.url("/").toString());
    }

    private void screenshot(String name) throws IOException {
        Path dir = Files.createDirectories(Path.of(System.getProperty("sample.screenshot-dir", "target/screenshots")));
        File png = ((TakesScreenshot) chrome).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), dir.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
