package io.github.evesso.sample;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts and stops what the sample runs beside its pages: the application's {@link Wallets} (one ESI client) and,
 * when a token store is configured ({@code eve.sso.token-store-datasource}), the {@link WalletJob} on one daemon
 * thread every {@link #INTERVAL}. Stopping the application stops the thread (waiting at most {@link #STOP_WAIT} for
 * a run in progress) before the ESI client is closed.
 */
@WebListener
public class WalletJobListener implements ServletContextListener {
    /** How often the job runs. */
    static final Duration INTERVAL = Duration.ofMinutes(5);
    /** How long the first run waits after the start. */
    static final Duration FIRST_RUN = Duration.ofMinutes(1);
    /** How long stopping waits for a run in progress. */
    static final Duration STOP_WAIT = Duration.ofSeconds(10);
    /** The library's setting that names the token store's data source. */
    static final String TOKEN_STORE_DATASOURCE = "eve.sso.token-store-datasource";
    private static final System.Logger LOG = System.getLogger(WalletJobListener.class.getName());

    private ScheduledExecutorService scheduler;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        Wallets wallets = Wallets.install(context);
        if (SampleSettings.get(context, TOKEN_STORE_DATASOURCE, null) == null) {
            LOG.log(Level.INFO, "No token store configured ({0}): the background wallet job does not run",
                    TOKEN_STORE_DATASOURCE);
            return;
        }
        WalletJob job = new WalletJob(context, wallets, Clock.systemUTC());
        WalletJob.install(context, job);
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "eve-sso-sample-wallet-job");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> runGuarded(job), FIRST_RUN.toSeconds(), INTERVAL.toSeconds(),
                TimeUnit.SECONDS);
    }

    /** An exception escaping a scheduled task would cancel every later run: none does. */
    private static void runGuarded(WalletJob job) {
        try {
            job.run();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "The wallet job failed; it runs again in " + INTERVAL.toMinutes() + " min", e);
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow(); // no further run; a run in progress is interrupted
            try {
                if (!scheduler.awaitTermination(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    LOG.log(Level.WARNING, "The wallet job did not stop within {0} s", STOP_WAIT.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Wallets.uninstall(event.getServletContext());
    }
}
