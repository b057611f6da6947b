package io.github.evesso.testing;

import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link LocalEveSso} standalone for developing against (e.g. the sample webapp):
 * {@code --port N} (9090), {@code --client-id} (dev-client), {@code --client-secret} (dev-secret),
 * {@code --callback URL} (http://localhost:8080/callback), {@code --interactive} (default) or
 * {@code --auto-approve}. Runs until killed.
 */
public final class LocalEveSsoMain {

    /** Default port of the standalone runner. */
    public static final int DEFAULT_PORT = 9090;

    private LocalEveSsoMain() {
    }

    /** Parses the options, starts the server, prints its metadata URL and blocks until the JVM is stopped. */
    public static void main(String[] args) throws InterruptedException {
        int port = DEFAULT_PORT;
        String clientId = "dev-client";
        String secret = "dev-secret";
        String callback = "http://localhost:8080/callback";
        boolean interactive = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i));
                case "--client-id" -> clientId = value(args, ++i);
                case "--client-secret" -> secret = value(args, ++i);
                case "--callback" -> callback = value(args, ++i);
                case "--interactive" -> interactive = true;
                case "--auto-approve" -> interactive = false;
                default -> {
                    System.err.println("Unknown option " + args[i] + "\nOptions: --port N --client-id ID "
                            + "--client-secret SECRET --callback URL --interactive|--auto-approve");
                    System.exit(2);
                }
            }
        }
        LocalEveSso sso = startForDevMode(port, clientId, secret, callback, interactive);
        Runtime.getRuntime().addShutdownHook(new Thread(sso::close, "local-eve-sso-shutdown"));
        System.out.println("Local EVE SSO running (" + sso.authorizeMode() + ")");
        System.out.println("  metadata:  " + sso.metadataUrl());
        System.out.println("  client id: " + clientId + "   callback: " + callback);
        System.out.println("  characters: " + sso.characters().stream()
                .map(c -> c.name() + " (" + c.id() + ")").toList());
        new CountDownLatch(1).await();
    }

    /**
     * Starts a local EVE SSO in-process for dev mode, with one registered application.
     *
     * @param port        the port on 127.0.0.1 (0 for an ephemeral one)
     * @param interactive show the character picker ({@code true}) or auto-approve as the first character
     * @return the started server; close it when done
     */
    public static LocalEveSso startForDevMode(int port, String clientId, String clientSecret, String callbackUrl,
                                              boolean interactive) {
        return LocalEveSso.builder()
                .port(port)
                .client(clientId, clientSecret, callbackUrl)
                .authorizeMode(interactive ? AuthorizeMode.INTERACTIVE : AuthorizeMode.AUTO_APPROVE)
                .build()
                .start();
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("option " + args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
