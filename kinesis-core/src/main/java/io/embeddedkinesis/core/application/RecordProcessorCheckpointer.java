package io.embeddedkinesis.core.application;

/**
 * Records a shard's progress in its lease, as the KCL's {@code RecordProcessorCheckpointer}: after a
 * failover or a restart, processing resumes after the last checkpoint.
 *
 * <p>A checkpoint must lie between the lease's last checkpoint and the last record delivered to the
 * processor, both included, and within the processor's shard; otherwise the call fails with
 * {@link IllegalArgumentException}, worded as the KCL words it, and nothing changes. At the end of a
 * closed shard, {@link #checkpoint()} and a checkpoint at the shard's last record both write
 * {@link ExtendedSequenceNumber#SHARD_END}. A worker that no longer holds the lease gets
 * {@link ShutdownException}.
 *
 * <p>Two-phase checkpoints: {@code prepareCheckpoint} stores a pending checkpoint, with optional
 * application state, without moving the checkpoint; {@link PreparedCheckpointer#checkpoint()} commits it.
 * A processor that starts on a lease with a pending checkpoint finds it, and its state, in
 * {@link InitializationInput}. Any checkpoint discards the pending one.
 *
 * <p>Call it only from the processor's callbacks, on the worker's thread.
 */
public interface RecordProcessorCheckpointer {
    /**
     * Checkpoints at the last record delivered (at {@code SHARD_END} in {@code shardEnded}).
     */
    void checkpoint();

    /**
     * Checkpoints at a delivered record.
     *
     * @param record the record.
     */
    default void checkpoint(final KinesisClientRecord record) {
        if (record == null) {
            throw new IllegalArgumentException("Could not checkpoint a null record");
        }
        checkpoint(record.sequenceNumber(), record.subSequenceNumber());
    }

    /**
     * Checkpoints at a sequence number of the shard.
     *
     * @param sequenceNumber a sequence number delivered to the processor.
     */
    default void checkpoint(final String sequenceNumber) {
        checkpoint(sequenceNumber, 0);
    }

    /**
     * Checkpoints at a user record within a record.
     *
     * @param sequenceNumber    a sequence number delivered to the processor.
     * @param subSequenceNumber the user record's index within it.
     */
    void checkpoint(String sequenceNumber, long subSequenceNumber);

    /**
     * Prepares a checkpoint at the last record delivered.
     *
     * @return what commits it.
     */
    default PreparedCheckpointer prepareCheckpoint() {
        return prepareCheckpoint((byte[]) null);
    }

    /**
     * Prepares a checkpoint at the last record delivered, with application state.
     *
     * @param applicationState stored with the pending checkpoint, or null.
     * @return what commits it.
     */
    PreparedCheckpointer prepareCheckpoint(byte[] applicationState);

    /**
     * Prepares a checkpoint at a delivered record.
     *
     * @param record the record.
     * @return what commits it.
     */
    default PreparedCheckpointer prepareCheckpoint(final KinesisClientRecord record) {
        if (record == null) {
            throw new IllegalArgumentException("Could not prepare checkpoint a null record");
        }
        return prepareCheckpoint(record.sequenceNumber(), record.subSequenceNumber(), null);
    }

    /**
     * Prepares a checkpoint at a sequence number of the shard.
     *
     * @param sequenceNumber a sequence number delivered to the processor.
     * @return what commits it.
     */
    default PreparedCheckpointer prepareCheckpoint(final String sequenceNumber) {
        return prepareCheckpoint(sequenceNumber, 0, null);
    }

    /**
     * Prepares a checkpoint at a user record within a record, with application state.
     *
     * @param sequenceNumber    a sequence number delivered to the processor.
     * @param subSequenceNumber the user record's index within it.
     * @param applicationState  stored with the pending checkpoint, or null.
     * @return what commits it.
     */
    PreparedCheckpointer prepareCheckpoint(String sequenceNumber, long subSequenceNumber, byte[] applicationState);

    /**
     * The last checkpoint of the lease, as this processor knows it.
     *
     * @return the checkpoint, or a sentinel.
     */
    ExtendedSequenceNumber lastCheckpointValue();
}
