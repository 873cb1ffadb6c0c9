package io.embeddedkinesis.core.application;

import java.util.List;

/**
 * What {@link ShardRecordProcessor#processRecords} receives, as the KCL's {@code ProcessRecordsInput}.
 *
 * @param records            the records, in shard order; empty only if the application asked for empty
 *                           calls.
 * @param millisBehindLatest how far the last record is behind the shard's newest, as {@code GetRecords}
 *                           said; 0 when caught up.
 * @param isAtShardEnd       whether these are the last records of a closed shard; {@code shardEnded}
 *                           follows.
 * @param checkpointer       checkpoints the shard up to the last record delivered so far.
 */
public record ProcessRecordsInput(List<KinesisClientRecord> records, long millisBehindLatest,
    boolean isAtShardEnd, RecordProcessorCheckpointer checkpointer) {
    /**
     * Copies the list.
     *
     * @param records            see the class description.
     * @param millisBehindLatest see the class description.
     * @param isAtShardEnd       see the class description.
     * @param checkpointer       see the class description.
     */
    public ProcessRecordsInput {
        records = List.copyOf(records);
    }
}
