package io.embeddedkinesis.core.application;

import java.time.Instant;
import java.util.Objects;

/**
 * Where an application starts reading a shard that has no checkpoint yet, as the KCL's
 * {@code InitialPositionInStreamExtended}. Children of a shard the application processed always start at
 * {@code TRIM_HORIZON}, so nothing between parent and child is skipped.
 *
 * @param checkpoint {@link ExtendedSequenceNumber#TRIM_HORIZON}, {@link ExtendedSequenceNumber#LATEST} or
 *                   {@link ExtendedSequenceNumber#AT_TIMESTAMP}.
 * @param timestamp  for {@code AT_TIMESTAMP}, the time; null otherwise.
 */
public record InitialPosition(ExtendedSequenceNumber checkpoint, Instant timestamp) {
    /** The oldest record each shard keeps. */
    public static final InitialPosition TRIM_HORIZON = new InitialPosition(ExtendedSequenceNumber.TRIM_HORIZON, null);
    /** After the newest record, when the shard is first read: the KCL's default. */
    public static final InitialPosition LATEST = new InitialPosition(ExtendedSequenceNumber.LATEST, null);

    /**
     * Validates the pair.
     *
     * @param checkpoint see the class description.
     * @param timestamp  see the class description.
     */
    public InitialPosition {
        Objects.requireNonNull(checkpoint, "checkpoint");
        final boolean atTimestamp = ExtendedSequenceNumber.AT_TIMESTAMP.equals(checkpoint);
        if (!atTimestamp && !ExtendedSequenceNumber.TRIM_HORIZON.equals(checkpoint)
            && !ExtendedSequenceNumber.LATEST.equals(checkpoint)) {
            throw new IllegalArgumentException("initial position must be TRIM_HORIZON, LATEST or AT_TIMESTAMP: "
                + "checkpoint=" + checkpoint.sequenceNumber());
        }
        if (atTimestamp != (timestamp != null)) {
            throw new IllegalArgumentException("a timestamp goes with AT_TIMESTAMP and only with it: timestamp="
                + timestamp);
        }
    }

    /**
     * The first record that arrived at or after a time.
     *
     * @param timestamp the time, to the millisecond.
     * @return the position.
     */
    public static InitialPosition atTimestamp(final Instant timestamp) {
        return new InitialPosition(ExtendedSequenceNumber.AT_TIMESTAMP, Objects.requireNonNull(timestamp));
    }
}
