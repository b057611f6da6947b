package io.github.evesso;

import java.util.List;

/**
 * The EVE SSO configuration is missing values or has invalid ones. The message lists every problem at once, one per
 * line; it never contains the client secret.
 */
public final class EveSsoConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** Creates the exception for the given, non-empty list of problems. */
    public EveSsoConfigException(List<String> problems) {
        super("EVE SSO configuration is invalid (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + "):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in a stable order. */
    public List<String> problems() {
        return problems;
    }
}
