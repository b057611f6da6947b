package io.github.evesso.sample;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The background job's last wallet read of one character: the balance, or why there is none, and when.
 *
 * @param balance the balance in ISK, or {@code null} when the read failed
 * @param error why the read failed, for a person (never a token), or {@code null} when it succeeded
 * @param at when the job read it
 */
record WalletReading(BigDecimal balance, String error, Instant at) {
    WalletReading {
        Objects.requireNonNull(at, "at");
        if ((balance == null) == (error == null)) {
            throw new IllegalArgumentException("a reading has either a balance or an error");
        }
    }

    static WalletReading balance(BigDecimal balance, Instant at) {
        return new WalletReading(Objects.requireNonNull(balance, "balance"), null, at);
    }

    static WalletReading failed(String error, Instant at) {
        return new WalletReading(null, Objects.requireNonNull(error, "error"), at);
    }
}
