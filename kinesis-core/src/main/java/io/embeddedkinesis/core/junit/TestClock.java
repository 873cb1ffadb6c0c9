package io.embeddedkinesis.core.junit;

import org.agrona.concurrent.CachedEpochClock;

import java.time.Duration;
import java.time.Instant;

/**
 * The clock of a test's broker: it stands still until the test moves it, so retention, iterator expiry,
 * stream delays and token buckets are tested by moving time instead of waiting for it.
 *
 * <p>An Agrona {@link CachedEpochClock}, so code that takes one (or an {@code EpochClock}) takes this, with
 * {@link Duration} and {@link Instant} forms added. Reads are safe from any thread; move it from one
 * thread at a time.
 */
public final class TestClock extends CachedEpochClock {

    /**
     * A clock standing at an instant.
     *
     * @param start where it stands.
     */
    public TestClock(final Instant start) {
        update(start.toEpochMilli());
    }

    /**
     * Moves the clock forward.
     *
     * @param duration how far; millisecond precision.
     */
    public void advance(final Duration duration) {
        advance(duration.toMillis());
    }

    /**
     * Sets the clock to an instant.
     *
     * @param instant the new time; millisecond precision.
     */
    public void update(final Instant instant) {
        update(instant.toEpochMilli());
    }

    /**
     * The time the clock shows.
     *
     * @return the time, to the millisecond.
     */
    public Instant instant() {
        return Instant.ofEpochMilli(time());
    }

    @Override
    public String toString() {
        return "TestClock[" + instant() + "]";
    }
}
