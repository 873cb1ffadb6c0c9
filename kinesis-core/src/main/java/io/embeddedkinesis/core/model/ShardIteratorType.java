package io.embeddedkinesis.core.model;

/**
 * Where a shard iterator starts reading, as Kinesis names it in {@code ShardIteratorType}.
 */
public enum ShardIteratorType {
    /** At the record with the given {@code StartingSequenceNumber}. */
    AT_SEQUENCE_NUMBER,
    /** Just after the record with the given {@code StartingSequenceNumber}. */
    AFTER_SEQUENCE_NUMBER,
    /** At the oldest record still within the retention period. */
    TRIM_HORIZON,
    /** Just after the newest record: only records put from now on. */
    LATEST,
    /** At the first record that arrived at or after the given {@code Timestamp}. */
    AT_TIMESTAMP
}
