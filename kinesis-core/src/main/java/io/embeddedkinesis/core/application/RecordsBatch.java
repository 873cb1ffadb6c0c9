package io.embeddedkinesis.core.application;

import io.embeddedkinesis.core.model.ChildShard;

import java.util.List;

/**
 * What one poll of a {@link ShardRecordsSource} got.
 *
 * @param records            the records, in shard order.
 * @param millisBehindLatest how far the last read is behind the shard's newest record; 0 when caught up.
 * @param iteratorAgeMs      how old the last record read is; with none read, how far behind: the age metric.
 * @param shardEnded         whether the shard is closed and these are its last records.
 * @param childShards        the shards the closed shard continues in, when it ended; else empty.
 */
public record RecordsBatch(List<KinesisClientRecord> records, long millisBehindLatest, long iteratorAgeMs,
    boolean shardEnded, List<ChildShard> childShards) {
    /**
     * Copies the lists.
     *
     * @param records            see the class description.
     * @param millisBehindLatest see the class description.
     * @param iteratorAgeMs      see the class description.
     * @param shardEnded         see the class description.
     * @param childShards        see the class description.
     */
    public RecordsBatch {
        records = List.copyOf(records);
        childShards = List.copyOf(childShards);
    }
}
