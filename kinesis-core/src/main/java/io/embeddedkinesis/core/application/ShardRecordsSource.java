package io.embeddedkinesis.core.application;

import java.time.Instant;

/**
 * The records of one shard, in order, as a worker consumes them: started at a lease's checkpoint, then
 * polled without blocking from the worker's duty cycle. A pull implementation reads when polled and its
 * limits allow; a push implementation hands over what was pushed to it since the last poll.
 *
 * <p>Used by one worker thread at a time.
 */
public interface ShardRecordsSource extends AutoCloseable {
    /**
     * Positions the source, before the first poll.
     *
     * @param checkpoint       the lease's checkpoint: records after it follow; for a sentinel, records from
     *                         it.
     * @param initialTimestamp the time an {@code AT_TIMESTAMP} checkpoint means; null for other checkpoints.
     */
    void start(ExtendedSequenceNumber checkpoint, Instant initialTimestamp);

    /**
     * The next records, if any can be had now.
     *
     * @return the next batch, possibly without records; or null when nothing is due yet (waiting out the
     *         idle time between reads, or a throttle).
     */
    RecordsBatch poll();

    /**
     * Stops the source; idempotent.
     */
    @Override
    void close();
}
