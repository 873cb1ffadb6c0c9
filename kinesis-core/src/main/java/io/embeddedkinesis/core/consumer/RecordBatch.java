package io.embeddedkinesis.core.consumer;

import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.shard.StoredShard;

import java.util.List;

/**
 * What one read of a shard from a position found ({@link ShardReads#read}): the records, where the next read
 * starts, and what a reader reports about them. {@code GetRecords} and {@code SubscribeToShard} both read
 * this way.
 *
 * @param records         the records, in shard order; the list is made for this batch and not copied.
 * @param nextPosition    the log position just after the last record, or the starting position if none.
 * @param bytes           the data and partition key bytes of the records, which read limits are charged.
 * @param lastTimestampMs the arrival time of the last record, or 0 if none.
 */
public record RecordBatch(List<Record> records, long nextPosition, long bytes, long lastTimestampMs) {
    /**
     * Whether this read reached the end of a closed shard: past its ending sequence number, or nothing left to
     * read in its sealed log (which can never grow again). The reader is then done with the shard, and moves
     * on to its children.
     *
     * @param shard the shard read.
     * @return true at a closed shard's end.
     */
    public boolean reachedEndOf(final StoredShard shard) {
        final StoredShard.Closure closure = shard.closure();
        return closure != null && (records.isEmpty() || nextPosition > closure.endingPosition());
    }

    /**
     * How far a reader that has this batch is behind the newest record of the shard.
     *
     * @param shard the shard read.
     * @param nowMs the current time.
     * @return the age of the last record, or 0 when there is nothing newer to read (or nothing was read).
     */
    public long millisBehindLatest(final StoredShard shard, final long nowMs) {
        return nextPosition >= shard.log().endPosition() || records.isEmpty()
            ? 0 : Math.max(0, nowMs - lastTimestampMs);
    }
}
