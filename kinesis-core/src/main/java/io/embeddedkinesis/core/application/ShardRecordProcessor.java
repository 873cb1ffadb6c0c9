package io.embeddedkinesis.core.application;

/**
 * The application's code for one shard, as the KCL's {@code ShardRecordProcessor}. A worker makes one per
 * shard lease it holds, with the application's {@link ShardRecordProcessorFactory}, and calls it on the
 * worker's thread, never concurrently:
 * <pre>
 *   initialize ─▶ processRecords* ─▶ exactly one of: leaseLost | shardEnded | shutdownRequested
 * </pre>
 * <ul>
 *   <li>{@link #leaseLost}: another worker took the lease, or this one could not renew it. The processor
 *       cannot checkpoint any more; whatever it did not checkpoint is delivered again to the new owner.</li>
 *   <li>{@link #shardEnded}: the shard was closed by a reshard and every record was delivered. The
 *       processor must call {@code checkpoint()}: until the lease is checkpointed at {@code SHARD_END}
 *       the shard's children are not processed, and the worker calls {@code shardEnded} again after a
 *       backoff.</li>
 *   <li>{@link #shutdownRequested}: the worker is shutting down gracefully and will release the lease;
 *       the processor may checkpoint what it has done.</li>
 * </ul>
 * Delivery is at least once: after a failover or a restart the new processor receives every record after
 * the last checkpoint. An exception thrown by a callback goes to the application's error handler, as the
 * KCL logs it; the records of a failed {@code processRecords} are not delivered again.
 */
public interface ShardRecordProcessor {
    /**
     * The processor starts on a shard, before any record.
     *
     * @param initializationInput the shard, the checkpoint it resumes from and any pending checkpoint.
     */
    void initialize(InitializationInput initializationInput);

    /**
     * Records of the shard, in order, after the last delivered.
     *
     * @param processRecordsInput the records, how far behind the shard's newest they are, the checkpointer.
     */
    void processRecords(ProcessRecordsInput processRecordsInput);

    /**
     * The worker no longer holds the shard's lease; no checkpoint is possible.
     *
     * @param leaseLostInput the shard.
     */
    void leaseLost(LeaseLostInput leaseLostInput);

    /**
     * Every record of the closed shard was delivered; checkpoint with {@code checkpointer().checkpoint()}.
     *
     * @param shardEndedInput the checkpointer.
     */
    void shardEnded(ShardEndedInput shardEndedInput);

    /**
     * The worker is shutting down and releases the lease afterwards; a checkpoint is allowed.
     *
     * @param shutdownRequestedInput the checkpointer.
     */
    void shutdownRequested(ShutdownRequestedInput shutdownRequestedInput);
}
