package io.embeddedkinesis.core.kpl;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.exception.KinesisException;
import io.embeddedkinesis.core.kpl.RecordAggregator.Packed;
import io.embeddedkinesis.core.model.PutRecordsRequestEntry;
import io.embeddedkinesis.core.model.PutRecordsResult;
import io.embeddedkinesis.core.model.PutRecordsResultEntry;
import io.embeddedkinesis.core.routing.HashKey;
import io.embeddedkinesis.core.routing.HashKeyRange;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts aggregated records into a stream through {@code PutRecords} and turns the per-record outcomes into
 * per-user-record ones: the write half of {@link RecordAggregator#putRecords}.
 *
 * <p>Records go in calls of at most 500 records and 5 MiB, KPL's defaults for {@code CollectionMaxCount} and
 * {@code CollectionMaxSize}, in the order the aggregator packed them, one call after another, so a shard's
 * records are written in order. After a call, every aggregate is checked against the hash key range of the
 * shard it landed in, as the KPL checks it.
 *
 * <p>Not thread-safe: one {@code putRecords} call makes and uses it.
 */
final class AggregatedRecordWriter {
    /** KPL's default {@code CollectionMaxCount}, also Kinesis's limit on one {@code PutRecords} call. */
    static final int MAX_RECORDS_PER_CALL = 500;
    /** KPL's default {@code CollectionMaxSize}, data and partition keys. */
    static final long MAX_BYTES_PER_CALL = 5L * 1024 * 1024;
    /**
     * The KPL's error code for a user record whose aggregate landed in a shard that does not own it (KPL's
     * {@code Retrier}); a client-side code, not a Kinesis error.
     */
    static final String WRONG_SHARD = "Wrong Shard";

    private final RecordAggregator aggregator;
    private final KinesisBroker broker;
    private final String streamNameOrArn;
    private ShardMap knownShards;

    AggregatedRecordWriter(
        final RecordAggregator aggregator, final KinesisBroker broker, final String streamNameOrArn) {
        this.aggregator = aggregator;
        this.broker = broker;
        this.streamNameOrArn = streamNameOrArn;
    }

    /**
     * Packs and puts user records.
     *
     * @param records the user records.
     * @return one result per user record, in order.
     */
    List<UserRecordResult> putRecords(final List<UserRecord> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        return putRecords(records, ShardMap.open(broker, streamNameOrArn));
    }

    /**
     * Packs user records by a shard map listed earlier, and puts them.
     *
     * @param records     the user records.
     * @param shardMapNow the stream's open shards, as last listed.
     * @return one result per user record, in order.
     */
    List<UserRecordResult> putRecords(final List<UserRecord> records, final ShardMap shardMapNow) {
        final int maxRecordSizeBytes = broker.describeStreamSummary(streamNameOrArn).maxRecordSizeInKiB() * 1024;
        knownShards = shardMapNow;
        final List<Packed> packed = aggregator.pack(records, knownShards.ranges(), maxRecordSizeBytes);
        final UserRecordResult[] results = new UserRecordResult[records.size()];
        int from = 0;
        while (from < packed.size()) {
            int to = from + 1;
            long bytes = packed.get(from).record().sizeBytes();
            while (to < packed.size() && to - from < MAX_RECORDS_PER_CALL
                && bytes + packed.get(to).record().sizeBytes() <= MAX_BYTES_PER_CALL) {
                bytes += packed.get(to).record().sizeBytes();
                to++;
            }
            putCall(packed.subList(from, to), results);
            from = to;
        }
        return List.of(results);
    }

    private void putCall(final List<Packed> call, final UserRecordResult[] results) {
        final List<PutRecordsRequestEntry> entries = new ArrayList<>(call.size());
        for (final Packed one : call) {
            entries.add(one.record().toPutRecordsRequestEntry());
        }
        final PutRecordsResult put;
        try {
            put = broker.putRecords(streamNameOrArn, entries);
        } catch (final KinesisException callFailed) {
            for (final Packed one : call) {
                fail(one, callFailed.errorCode().wireName(), callFailed.getMessage(), results);
            }
            return;
        }
        for (int i = 0; i < call.size(); i++) {
            final Packed one = call.get(i);
            final PutRecordsResultEntry entry = put.records().get(i);
            if (!entry.isSuccessful()) {
                fail(one, entry.errorCode(), entry.errorMessage(), results);
            } else if (one.record().isAggregated() && !ownsAll(entry.shardId(), one.record().userRecords())) {
                for (final int index : one.indices()) {
                    // KPL's words, with the user record's index in the caller's list for KPL's record id.
                    results[index] = UserRecordResult.failure(WRONG_SHARD,
                        "Record " + index + " did not end up in expected shard.");
                }
            } else {
                final String sequenceNumber = entry.sequenceNumber();
                final int[] indices = one.indices();
                for (int sub = 0; sub < indices.length; sub++) {
                    results[indices[sub]] = UserRecordResult.success(entry.shardId(), sequenceNumber, sub);
                }
            }
        }
    }

    /** Whether a shard owns every user record of an aggregate that was written to it. */
    private boolean ownsAll(final String shardId, final List<UserRecord> userRecords) {
        HashKeyRange range = knownShards.rangeOf(shardId);
        if (range == null) {
            // A shard born since the shards were listed: the stream was resharded meanwhile.
            knownShards = ShardMap.all(broker, streamNameOrArn);
            range = knownShards.rangeOf(shardId);
        }
        if (range == null) {
            return false;
        }
        for (final UserRecord record : userRecords) {
            final HashKey hashKey = record.hashKey();
            if (!range.contains(hashKey.high(), hashKey.low())) {
                return false;
            }
        }
        return true;
    }

    private static void fail(final Packed one, final String errorCode, final String errorMessage,
        final UserRecordResult[] results) {
        for (final int index : one.indices()) {
            results[index] = UserRecordResult.failure(errorCode, errorMessage);
        }
    }
}
