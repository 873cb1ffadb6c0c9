package io.embeddedkinesis.core.trigger;

/**
 * Where an event source mapping starts reading shards it has no checkpoint for: Lambda's
 * {@code StartingPosition} for Kinesis, whose type Lambda's API calls {@code EventSourcePosition} (the name also
 * keeps it apart from SubscribeToShard's {@code core.model.StartingPosition}). Once a shard is checkpointed, a
 * restarted mapping resumes after its checkpoint instead; children of a shard it processed always start at
 * their oldest record.
 */
public enum EventSourcePosition {
    /** The oldest record each shard keeps: every record in the stream. */
    TRIM_HORIZON,
    /** After the newest record when the shard is first read: only records put from then on. */
    LATEST,
    /** The first record that arrived at or after {@code StartingPositionTimestamp}. */
    AT_TIMESTAMP
}
