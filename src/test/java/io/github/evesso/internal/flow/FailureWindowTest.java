package io.github.evesso.internal.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The counting behind the callback's budget, as pure logic: attempts per key within a sliding window, taken back
 * when they turn out not to be failures, in bounded memory; and the key a client address is counted under.
 */
class FailureWindowTest {
    private static final Instant T0 = Instant.parse("2026-01-01T11:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(10);

    /** Starts an attempt of {@code key} and ends it as a failure at {@code at}. */
    private static void fail(FailureWindow failures, String key, Instant at) {
        assertThat(failures.hasRoom(key)).as("room for %s", key).isTrue();
        failures.start(key);
        failures.end(key, true, at);
    }

    @Test
    void failuresBeyondTheLimitWaitUntilTheOldestLeavesTheWindow() {
        FailureWindow failures = new FailureWindow(3, WINDOW);
        for (int i = 0; i < 3; i++) {
            fail(failures, "a", T0.plusSeconds(i * 60L));
        }

        assertThat(failures.refusal("a", T0.plusSeconds(300))).isEqualTo(Duration.ofMinutes(5));
        assertThat(failures.hasRoom("a")).isFalse();
        assertThat(failures.refusal("b", T0.plusSeconds(300))).as("another key").isZero();
        assertThat(failures.refusal("a", T0.plus(WINDOW))).as("the oldest has left").isZero();
        fail(failures, "a", T0.plus(WINDOW));
        assertThat(failures.refusal("a", T0.plus(WINDOW))).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void attemptsInFlightTakeAPlaceButAreNoFailureUntilTheyEndAsOne() {
        FailureWindow failures = new FailureWindow(2, WINDOW);
        failures.start("a");
        failures.start("a");

        assertThat(failures.hasRoom("a")).as("both places taken").isFalse();
        assertThat(failures.refusal("a", T0)).as("but nothing failed yet").isZero();

        failures.end("a", false, T0);
        assertThat(failures.hasRoom("a")).isTrue();
        failures.end("a", true, T0);
        fail(failures, "a", T0);
        assertThat(failures.refusal("a", T0)).isEqualTo(WINDOW);
    }

    @Test
    void aLimitOfZeroCountsNothingAndNeverRefuses() {
        FailureWindow failures = new FailureWindow(0, WINDOW);
        for (int i = 0; i < 100; i++) {
            fail(failures, "a", T0);
        }
        assertThat(failures.refusal("a", T0)).isZero();
    }

    @Test
    void memoryIsBoundedByForgettingTheKeyUsedLeastRecently() {
        FailureWindow failures = new FailureWindow(1, WINDOW);
        fail(failures, "first", T0);
        for (int i = 0; i < FailureWindow.MAX_KEYS; i++) {
            fail(failures, "key-" + i, T0);
        }

        assertThat(failures.refusal("first", T0)).as("forgotten").isZero();
        assertThat(failures.refusal("key-" + (FailureWindow.MAX_KEYS - 1), T0)).isEqualTo(WINDOW);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "203.0.113.7, 203.0.113.7",
            "2001:db8:1:2:3:4:5:6, 2001:db8:1:2::/64",
            "2001:db8:1:2:ffff:ffff:ffff:ffff, 2001:db8:1:2::/64",
            "2001:0DB8:0001:0002::1, 2001:db8:1:2::/64",
            "[2001:db8:1:2::9], 2001:db8:1:2::/64",
            "2001:db8::1, 2001:db8:0:0::/64",
            "fe80::1%eth0, fe80:0:0:0::/64",
            "::1, 0:0:0:0::/64",
            "::ffff:203.0.113.7, ::ffff:203.0.113.7",
            "not:an:address:at:all:x:y:z, not:an:address:at:all:x:y:z"})
    void anIpv6AddressIsCountedByItsSlash64AndAnythingElseAsGiven(String remoteAddr, String key) {
        assertThat(ClientAddresses.key(remoteAddr)).isEqualTo(key);
    }
}
