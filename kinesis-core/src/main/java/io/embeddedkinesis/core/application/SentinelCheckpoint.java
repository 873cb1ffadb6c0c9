package io.embeddedkinesis.core.application;

/**
 * The checkpoints that are not a record's sequence number, as the KCL names them: where a lease starts
 * before its first checkpoint, and the mark of a shard read to its end.
 */
public enum SentinelCheckpoint {
    /** Start at the oldest record the shard keeps. */
    TRIM_HORIZON,
    /** Start after the newest record, at the time the shard is first read. */
    LATEST,
    /** Start at the first record that arrived at or after the application's initial timestamp. */
    AT_TIMESTAMP,
    /** Every record of the closed shard was processed and checkpointed; its children may start. */
    SHARD_END
}
