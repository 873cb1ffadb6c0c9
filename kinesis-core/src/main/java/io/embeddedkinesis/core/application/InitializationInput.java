package io.embeddedkinesis.core.application;

/**
 * What {@link ShardRecordProcessor#initialize} receives, as the KCL's {@code InitializationInput}.
 *
 * @param shardId                         the shard.
 * @param extendedSequenceNumber          the lease's checkpoint: where processing resumes (after it), or a
 *                                        sentinel for a shard not checkpointed yet.
 * @param pendingCheckpointSequenceNumber the position of a prepared checkpoint never committed, or null.
 * @param pendingCheckpointState          the application state prepared with it, or null.
 */
public record InitializationInput(String shardId, ExtendedSequenceNumber extendedSequenceNumber,
    ExtendedSequenceNumber pendingCheckpointSequenceNumber, byte[] pendingCheckpointState) {
}
