package io.embeddedkinesis.core.model;

import java.util.List;

/**
 * What {@code GetRecords} returns.
 *
 * @param records            the records read, in shard order; may be empty even if more follow.
 * @param nextShardIterator  where to read next, always past the records returned; null once a closed shard
 *                           has been read to its end.
 * @param millisBehindLatest how far the next read is behind the newest record; 0 when caught up.
 * @param childShards        the shards the records continue in, once a closed shard has been read to its
 *                           end; empty otherwise.
 */
public record GetRecordsResult(
    List<Record> records, String nextShardIterator, long millisBehindLatest, List<ChildShard> childShards) {
    /**
     * Wraps the record list without copying: it is created for this result alone.
     *
     * @param records            see the class description.
     * @param nextShardIterator  see the class description.
     * @param millisBehindLatest see the class description.
     * @param childShards        see the class description.
     */
    public GetRecordsResult {
        records = java.util.Collections.unmodifiableList(records);
        childShards = List.copyOf(childShards);
    }
}
