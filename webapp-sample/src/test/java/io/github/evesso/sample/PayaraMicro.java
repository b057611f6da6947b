package io.github.evesso.sample;

import io.github.evesso.testing.LocalEveSso;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Payara Micro 6 instance, a JVM of its own ({@code java -jar payara-micro.jar --deploy ROOT.war ...}), with the
 * EVE SSO settings in environment variables, read by Payara's own MicroProfile Config; its output goes to a log file.
 * The jar is fetched by the {@code payara-micro} Maven profile; without it the tests that need it are skipped.
 */
public final class PayaraMicro implements AutoCloseable {
    /** How long an instance may take until the application answers. */
    public static final Duration BOOT_TIMEOUT = Duration.ofSeconds(180);

    private final Process process;
    private final Path log;

    private PayaraMicro(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** The Payara Micro jar, or {@code null} when it was not fetched (run with {@code -Ppayara-micro}). */
    public static Path jar() {
        Path jar = Path.of(System.getProperty("sample.payara-micro.jar", "target/payara/payara-micro.jar"));
        return Files.isRegularFile(jar) ? jar : null;
    }

    /** server-config/payara/pre-boot-commands.txt: the HTTP listener on 127.0.0.1 only. */
    public static Path preBootCommands() {
        return Path.of(System.getProperty("sample.payara-pre-boot", "../server-config/payara/pre-boot-commands.txt"));
    }

    /**
     * The environment of a sample logging in at {@code sso} with the public callback URL {@code callback}, as an
     * administrator sets it: {@code EVE_SSO_CLIENT_ID} and the rest; mutable, for more.
     */
    public static Map<String, String> environment(LocalEveSso sso, String callback) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("EVE_SSO_CLIENT_ID", SampleApp.CLIENT_ID);
        env.put("EVE_SSO_CLIENT_SECRET", SampleApp.CLIENT_SECRET);
        env.put("EVE_SSO_CALLBACK_URL", callback);
        env.put("EVE_SSO_METADATA_URL", sso.metadataUrl());
        env.put("SAMPLE_ESI_BASE_URL", sso.esiBaseUrl());
        env.put("SAMPLE_PORTRAIT_URL", "/static/portrait-placeholder.svg");
        env.put("EVE_SSO_LOGIN_MIN_AGE", "0"); // the local SSO approves faster than a person
        return env;
    }

    /**
     * Starts an instance serving the {@code -payara} WAR as {@code ROOT.war} (the context root) on {@code port}, and
     * waits (at most {@link #BOOT_TIMEOUT}) until its landing page answers 200.
     *
     * @param dir the instance's own directory (its WAR copy, root directory, temporary files)
     * @param logName the log's file name in target/payara/, beside the jar (kept after the test)
     * @param options Payara Micro options beyond {@code --deploy}, {@code --port}, {@code --rootdir} and the
     *     pre-boot commands
     */
    public static PayaraMicro start(Path dir, String logName, int port, List<String> options,
            Map<String, String> environment) {
        try {
            Files.createDirectories(dir.resolve("tmp"));
            Path war = Files.copy(Path.of(System.getProperty("sample.war.payara")), dir.resolve("ROOT.war"));
            Path log = jar().getParent().resolve(logName);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx512m", "-Djava.io.tmpdir=" + dir.resolve("tmp"), "-jar", jar().toString(),
                    "--deploy", war.toString(), "--port", Integer.toString(port), "--rootdir",
                    dir.resolve("payara-root").toString(), "--prebootcommandfile", preBootCommands().toString()));
            command.addAll(options);
            // the working directory is the instance's own: relative paths (the sample's H2 file, ./data/) go there
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            PayaraMicro payara = new PayaraMicro(builder.start(), log);
            try {
                payara.awaitUp(URI.create("http://localhost:" + port + "/"));
            } catch (RuntimeException | Error e) {
                payara.kill();
                throw e;
            }
            return payara;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls the landing page until it answers 200, the process dies, or {@link #BOOT_TIMEOUT} passes. */
    private void awaitUp(URI url) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(BOOT_TIMEOUT);
        try {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new AssertionError("Payara Micro exited with " + process.exitValue() + ":\n" + tail());
                }
                try {
                    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET()
                            .build(), HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                        return;
                    }
                    if (log().contains(" ready in ")) { // up, but the application did not deploy
                        throw new AssertionError("Payara Micro answered " + r.statusCode() + ":\n" + tail());
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                process.waitFor(500, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        throw new AssertionError("Payara Micro did not answer within " + BOOT_TIMEOUT + ":\n" + tail());
    }

    /**
     * Waits (bounded) until the log holds {@code text}.
     *
     * @throws AssertionError naming the log's end when it did not come within {@code timeout}
     */
    public void awaitLog(String text, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try {
            while (!log().contains(text)) {
                if (Instant.now().isAfter(deadline) || !process.isAlive()) {
                    throw new AssertionError("no \"" + text + "\" in Payara Micro's log within " + timeout + ":\n"
                            + tail());
                }
                process.waitFor(200, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The instance's output so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last 40 lines of the log. */
    public String tail() {
        List<String> lines = log().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** SIGKILL, as a server crashes; waits (bounded) until the process is gone. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the instance (SIGTERM, then SIGKILL after 30 s); idempotent. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }
}
