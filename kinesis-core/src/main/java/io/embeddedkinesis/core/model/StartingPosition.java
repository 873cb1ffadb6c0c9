package io.embeddedkinesis.core.model;

import java.time.Instant;

/**
 * Where a {@code SubscribeToShard} subscription starts reading, as Kinesis's {@code StartingPosition}: the
 * same five types as a shard iterator.
 *
 * @param type           where to start.
 * @param sequenceNumber the sequence number, for {@code AT_SEQUENCE_NUMBER} and {@code AFTER_SEQUENCE_NUMBER}
 *                       only; e.g. the last event's {@code continuationSequenceNumber}.
 * @param timestamp      the time, for {@code AT_TIMESTAMP} only.
 */
public record StartingPosition(ShardIteratorType type, String sequenceNumber, Instant timestamp) {
    /**
     * At the oldest record within retention.
     *
     * @return the position.
     */
    public static StartingPosition trimHorizon() {
        return new StartingPosition(ShardIteratorType.TRIM_HORIZON, null, null);
    }

    /**
     * Just after the newest record: only records put from now on.
     *
     * @return the position.
     */
    public static StartingPosition latest() {
        return new StartingPosition(ShardIteratorType.LATEST, null, null);
    }

    /**
     * At a record.
     *
     * @param sequenceNumber the record's sequence number.
     * @return the position.
     */
    public static StartingPosition atSequenceNumber(final String sequenceNumber) {
        return new StartingPosition(ShardIteratorType.AT_SEQUENCE_NUMBER, sequenceNumber, null);
    }

    /**
     * Just after a record, or where an earlier subscription left off.
     *
     * @param sequenceNumber the record's sequence number, or an event's continuation sequence number.
     * @return the position.
     */
    public static StartingPosition afterSequenceNumber(final String sequenceNumber) {
        return new StartingPosition(ShardIteratorType.AFTER_SEQUENCE_NUMBER, sequenceNumber, null);
    }

    /**
     * At the first record that arrived at or after a time.
     *
     * @param timestamp the time, to the millisecond.
     * @return the position.
     */
    public static StartingPosition atTimestamp(final Instant timestamp) {
        return new StartingPosition(ShardIteratorType.AT_TIMESTAMP, null, timestamp);
    }
}
