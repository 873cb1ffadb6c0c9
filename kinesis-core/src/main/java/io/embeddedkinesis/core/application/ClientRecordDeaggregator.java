package io.embeddedkinesis.core.application;

import io.embeddedkinesis.core.kpl.DeaggregatedRecord;
import io.embeddedkinesis.core.kpl.RecordDeaggregator;
import io.embeddedkinesis.core.log.SequenceNumber;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.routing.HashKeyRange;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Deaggregates the records a {@link ShardRecordsSource} read before they reach a processor, as the KCL's
 * {@code ProcessTask} does with {@code AggregatorUtil.deaggregate}, whatever the retrieval: the rules are
 * {@link RecordDeaggregator}'s. A KPL aggregate becomes its user records, each with the aggregate's sequence
 * number and its sub-sequence number; a plain record passes through unchanged; an aggregate holding a user
 * record outside the shard's hash key range is dropped whole, as the KCL drops it after a reshard (its
 * producer puts those user records again).
 *
 * <p>A batch without aggregates costs a 4-byte comparison a record and no copy. An aggregate is parsed twice,
 * once to know it is one and once to unpack it: {@code core.kpl} unpacks model records, so the client record
 * is wrapped in one, which is only worth doing for aggregates.
 *
 * <p>Stateless and thread-safe.
 */
final class ClientRecordDeaggregator {
    private ClientRecordDeaggregator() {
    }

    /**
     * The user records of a batch.
     *
     * @param records           the records read, in shard order.
     * @param shardHashKeyRange the hash key range of the shard they were read from.
     * @return the user records in order: the same list if none was an aggregate.
     */
    static List<KinesisClientRecord> deaggregate(final List<KinesisClientRecord> records,
        final HashKeyRange shardHashKeyRange) {
        List<KinesisClientRecord> userRecords = null;
        for (int i = 0; i < records.size(); i++) {
            final KinesisClientRecord record = records.get(i);
            if (record.aggregated() || !RecordDeaggregator.isAggregated(record.data())) {
                if (userRecords != null) {
                    userRecords.add(record);
                }
                continue;
            }
            if (userRecords == null) {
                userRecords = new ArrayList<>(records.size() * 2);
                userRecords.addAll(records.subList(0, i));
            }
            unpack(userRecords, record, shardHashKeyRange);
        }
        return userRecords == null ? records : userRecords;
    }

    private static void unpack(final List<KinesisClientRecord> out, final KinesisClientRecord record,
        final HashKeyRange shardHashKeyRange) {
        // Only the data and partition key are read from the container; the sequence number is taken from the
        // client record as it is, so a source's own decimal numbers need not be the broker's.
        final Record container = new Record(SequenceNumber.tryParse(record.sequenceNumber()),
            record.approximateArrivalTimestamp() == null ? 0 : record.approximateArrivalTimestamp().toEpochMilli(),
            record.data(), record.partitionKey() == null ? new byte[0]
                : record.partitionKey().getBytes(StandardCharsets.UTF_8));
        for (final DeaggregatedRecord user : RecordDeaggregator.deaggregate(container, shardHashKeyRange)) {
            out.add(user.isAggregated()
                ? new KinesisClientRecord(record.sequenceNumber(), user.subSequenceNumber(), user.partitionKey(),
                    record.approximateArrivalTimestamp(), user.data(), true, user.explicitHashKey())
                : record);
        }
    }
}
