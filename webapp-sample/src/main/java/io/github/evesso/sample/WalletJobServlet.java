package io.github.evesso.sample;

import io.github.evesso.EveCharacter;
import io.github.evesso.EveStoredCharacter;
import io.github.evesso.EveTokenStoreException;
import io.github.evesso.StoredGrant;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * The background job's page: every character of the token store (name, whether its grant is usable, when the store
 * last wrote it, when its access token expires) with the job's last wallet reading, and a "Run the job now" button
 * (a POST that runs {@link WalletJob} at once and redirects back). It shows no token.
 */
@WebServlet(name = "wallet-job", urlPatterns = "/jobs/wallets")
public class WalletJobServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<WalletJob> job = WalletJob.of(getServletContext());
        StringBuilder body = new StringBuilder("<section class=\"card\">\n<h1>Background job: wallets</h1>\n")
                .append("<p class=\"muted\">Every few minutes the job refreshes the stored tokens about to expire and")
                .append(" reads the wallet of every stored character, with <code>EveSso.storedTokens(context)</code>,")
                .append(" also long after the character's browser session ended. A logout removes the")
                .append(" character.</p>\n");
        if (job.isEmpty()) {
            body.append("<p class=\"error\" id=\"job-error\">No token store is configured (<code>")
                    .append(WalletJobListener.TOKEN_STORE_DATASOURCE).append("</code>): the job does not run.</p>\n");
        } else {
            table(body, job.get());
            body.append("<form method=\"post\" action=\"").append(Html.escape(request.getContextPath()))
                    .append("/jobs/wallets\"><button type=\"submit\" id=\"run-job\">Run the job now</button></form>\n");
        }
        body.append("</section>\n");
        Html.render(request, response, HttpServletResponse.SC_OK, "Background job", body.toString());
    }

    /** Runs the job now, then back to the page (POST, redirect, GET). */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        WalletJob.of(getServletContext()).ifPresent(WalletJob::run);
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/jobs/wallets");
    }

    private static void table(StringBuilder body, WalletJob job) {
        body.append("<p id=\"last-run\">").append(Html.escape(lastRun(job))).append("</p>\n");
        List<EveStoredCharacter> characters;
        try {
            characters = job.characters();
        } catch (EveTokenStoreException e) {
            body.append("<p class=\"error\" id=\"job-error\">").append(Html.escape(e.getMessage())).append("</p>\n");
            return;
        }
        body.append("<table id=\"stored-characters\">\n<thead><tr><th>Character</th><th>Status</th>")
                .append("<th>Last refreshed</th><th>Token expires</th><th>Wallet (ISK)</th><th>Read</th></tr>")
                .append("</thead>\n")
                .append("<tbody>\n");
        for (EveStoredCharacter stored : characters) {
            EveCharacter c = stored.character();
            Optional<WalletReading> reading = job.reading(c.id());
            body.append("<tr class=\"stored-character\" data-id=\"").append(c.id()).append("\">")
                    .append(cell("name", c.name()))
                    .append(cell("status", stored.status() == StoredGrant.Status.OK ? "OK" : "needs login"))
                    .append(cell("updated", time(stored.updatedAt())))
                    .append(cell("expires", time(stored.accessTokenExpiresAt())))
                    .append(reading.map(WalletJobServlet::readingCell).orElse(cell("balance", "not read yet")))
                    .append(cell("read-at", reading.map(r -> time(r.at())).orElse("")))
                    .append("</tr>\n");
        }
        body.append("</tbody>\n</table>\n");
        if (characters.isEmpty()) {
            body.append("<p class=\"muted\" id=\"no-characters\">No character is stored yet: log in.</p>\n");
        }
    }

    private static String lastRun(WalletJob job) {
        return job.lastRun().map(run -> run.error() != null
                ? "Last run " + time(run.at()) + " failed: " + run.error()
                : "Last run " + time(run.at()) + ": " + run.read() + " wallets read, " + run.failed() + " failed; "
                        + run.refresh().refreshed() + " tokens refreshed, " + run.refresh().needsLogin()
                        + " needing a login.")
                .orElse("The job has not run yet: it runs a minute after the start, then every "
                        + WalletJobListener.INTERVAL.toMinutes() + " minutes.");
    }

    private static String readingCell(WalletReading reading) {
        return reading.error() == null ? cell("balance", Wallets.isk(reading.balance()))
                : cell("wallet-error", reading.error());
    }

    private static String cell(String cssClass, String text) {
        return "<td class=\"" + cssClass + "\">" + Html.escape(text) + "</td>";
    }

    private static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }
}
