package io.embeddedkinesis.core.throttle;

/**
 * What has been offered to a shard for writing since it opened, counted by its {@link ShardWriteLimiter}:
 * the records and bytes of every write it was asked to admit, admitted or not, and the records it
 * refused. Two snapshots taken some time apart give the load over that time, which is what an on-demand
 * stream scales by.
 *
 * @param offeredRecords records the shard was asked to take.
 * @param offeredBytes   their data and partition key bytes.
 * @param refusedRecords records refused for being over the shard's limits.
 */
public record WriteLoad(long offeredRecords, long offeredBytes, long refusedRecords) {
    /** No load at all. */
    public static final WriteLoad NONE = new WriteLoad(0, 0, 0);

    /**
     * The load between an earlier snapshot and this one.
     *
     * @param earlier a snapshot of the same shard taken before this one.
     * @return the difference.
     */
    public WriteLoad since(final WriteLoad earlier) {
        return new WriteLoad(offeredRecords - earlier.offeredRecords, offeredBytes - earlier.offeredBytes,
            refusedRecords - earlier.refusedRecords);
    }
}
