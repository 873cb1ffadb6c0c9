package io.embeddedkinesis.core.metrics;

/**
 * The shard-level meters of one shard, which count only the metrics that enhanced monitoring enabled,
 * and the age of the last record read, which the stream-level iterator age needs in any case.
 *
 * <p>Thread-safe; the {@code on*} methods are on the hot path, and must neither block nor allocate.
 */
public interface ShardMeters {
    /**
     * A record was put to the shard.
     *
     * @param bytes the record's size: data plus partition key.
     */
    void onIncoming(long bytes);

    /**
     * A record was refused by the shard's write limits.
     */
    void onWriteThrottled();

    /**
     * A {@code GetRecords} call on the shard returned.
     *
     * @param records        the records it returned.
     * @param bytes          their size.
     * @param iteratorAgeMs  now less the arrival time of the last record returned; 0 if none was.
     */
    void onOutgoing(int records, long bytes, long iteratorAgeMs);

    /**
     * A {@code GetRecords} call was refused by the shard's read limits.
     */
    void onReadThrottled();

    /**
     * Removes the shard's meters, as the shard expires, its stream is deleted or the broker closes;
     * idempotent.
     */
    void close();
}
