package io.github.evesso.internal.esi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the client may call ESI now. ESI counts the error answers (4xx, 5xx) of a client in a window and answers
 * 420 to every call once the limit is reached; each answer tells how many errors are left
 * ({@value #ERRORS_LEFT}) and in how many seconds the window resets ({@value #WINDOW_RESET}). The gate closes when
 * at most {@code margin} errors are left, until the window resets, so that the limit is never reached; and while ESI
 * asked to wait (420 or 429, for their {@code Retry-After}). Thread-safe.
 */
public final class EsiGate {
    static final String ERRORS_LEFT = "X-ESI-Error-Limit-Remain";
    static final String WINDOW_RESET = "X-ESI-Error-Limit-Reset";
    /** Two answers whose windows reset within this of each other belong to the same window. */
    private static final Duration SAME_WINDOW = Duration.ofSeconds(2);

    /**
     * The gate is closed until {@code until}.
     *
     * @param until  when calls may go again
     * @param reason why, for messages (no token)
     */
    public record Closed(Instant until, String reason) {
    }

    private final int margin;
    private long errorsLeft = Long.MAX_VALUE;
    private Instant windowResetsAt = Instant.MIN;
    private Instant heldUntil = Instant.MIN;
    private String holdReason = "";

    /** A gate that closes when at most {@code margin} errors are left. */
    public EsiGate(int margin) {
        this.margin = margin;
    }

    /** Reads the error-limit headers of an answer that arrived at {@code now}; answers without them change nothing. */
    public synchronized void observe(Map<String, List<String>> headers, Instant now) {
        Long left = Headers.wholeNumber(headers, ERRORS_LEFT);
        Long reset = Headers.wholeNumber(headers, WINDOW_RESET);
        if (left == null || reset == null) {
            return;
        }
        Instant resetsAt = now.plusSeconds(Math.min(reset, Duration.ofHours(1).toSeconds()));
        boolean sameWindow = Duration.between(windowResetsAt, resetsAt).abs().compareTo(SAME_WINDOW) <= 0;
        // answers of concurrent calls arrive in any order: within one window the lowest count is the true one
        errorsLeft = sameWindow ? Math.min(errorsLeft, left) : left;
        windowResetsAt = resetsAt;
    }

    /** Closes the gate until {@code until} (or later, if already held longer) because ESI asked to wait. */
    public synchronized void hold(Instant until, String reason) {
        if (until.isAfter(heldUntil)) {
            heldUntil = until;
            holdReason = reason;
        }
    }

    /** When and why the gate is closed at {@code now}; empty when calls may go. */
    public synchronized Optional<Closed> closedAt(Instant now) {
        Closed closed = null;
        if (errorsLeft <= margin && windowResetsAt.isAfter(now)) {
            closed = new Closed(windowResetsAt, "ESI's error limit is nearly reached (" + errorsLeft
                    + " errors left until the window resets)");
        }
        if (heldUntil.isAfter(now) && (closed == null || heldUntil.isAfter(closed.until()))) {
            closed = new Closed(heldUntil, holdReason);
        }
        return Optional.ofNullable(closed);
    }
}
