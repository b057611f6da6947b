package io.github.evesso.support;

import io.github.evesso.EveSso;
import io.github.evesso.EveSsoConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The programmatic style: a scanned {@code @WebListener} that calls {@link EveSso#install} with a configuration built
 * from the application's own context-params {@code myapp.eve.id}, {@code .secret}, {@code .callback},
 * {@code .metadata}; {@code /public/*} excluded.
 */
@WebListener
public class InstallingListener implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext ctx = event.getServletContext();
        EveSso.install(ctx, EveSsoConfig.builder()
                .clientId(ctx.getInitParameter("myapp.eve.id"))
                .clientSecret(ctx.getInitParameter("myapp.eve.secret"))
                .callbackUrl(URI.create(ctx.getInitParameter("myapp.eve.callback")))
                .metadataUrl(URI.create(ctx.getInitParameter("myapp.eve.metadata")))
                .excludedPaths(List.of("/public/*"))
                .loginMinAge(Duration.ZERO) // the local SSO approves faster than a person
                .build());
    }
}
