package io.embeddedkinesis.core.kpl;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.routing.HashKey;
import io.embeddedkinesis.core.routing.HashKeyRange;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Packs user records into Kinesis records the way the Kinesis Producer Library does, so that fewer, larger
 * records carry them and any KPL-aware reader (the KCL, {@link RecordDeaggregator}) unpacks them again.
 *
 * <p>How it packs, as the KPL does:
 * <ul>
 *   <li>Only user records bound for the same shard share an aggregate: the caller names the shards' hash
 *       key ranges, and a record whose hash key no range holds goes alone.</li>
 *   <li>Within a shard, records are packed in the order given, each aggregate filled while its encoded
 *       size (magic, protobuf and digest) stays within {@link #aggregationMaxSizeBytes()} (51,200 bytes by
 *       default, KPL's {@code AggregationMaxSize}) and, with its one-byte partition key, within the
 *       stream's maximum record size. So the order of a shard's records, and of each partition key's, is
 *       kept.</li>
 *   <li>An aggregate that would hold a single user record is that record as it was, with its own
 *       partition key; so is a record too large to share an aggregate.</li>
 *   <li>Every record gets as explicit hash key the hash key of its first user record, which sends an
 *       aggregate to that record's shard.</li>
 * </ul>
 *
 * <p>Unlike the KPL it buffers nothing and keeps no shard map between calls: each call packs what it is
 * given, and {@link #putRecords} lists the stream's shards itself.
 *
 * <p>Immutable and thread-safe.
 */
public final class RecordAggregator {
    /** KPL's default {@code AggregationMaxSize}: the largest aggregate, in bytes. */
    public static final int DEFAULT_AGGREGATION_MAX_SIZE_BYTES = 51_200;
    /** KPL's smallest {@code AggregationMaxSize}. */
    public static final int MIN_AGGREGATION_MAX_SIZE_BYTES = 64;
    /**
     * The largest aggregate this aggregator makes: 10 MiB, the largest record a stream can take (the KPL
     * stops at 1 MiB, the default).
     */
    public static final int MAX_AGGREGATION_MAX_SIZE_BYTES = 10 * 1024 * 1024;
    /** A stream's maximum record size unless raised with {@code UpdateMaxRecordSize}: 1 MiB. */
    public static final int DEFAULT_MAX_RECORD_SIZE_BYTES = 1024 * 1024;

    private final int aggregationMaxSizeBytes;

    /** An aggregator with KPL's default {@code AggregationMaxSize}, 51,200 bytes. */
    public RecordAggregator() {
        this(DEFAULT_AGGREGATION_MAX_SIZE_BYTES);
    }

    /**
     * @param aggregationMaxSizeBytes the largest aggregate to make, 64 bytes to 10 MiB.
     */
    public RecordAggregator(final int aggregationMaxSizeBytes) {
        if (aggregationMaxSizeBytes < MIN_AGGREGATION_MAX_SIZE_BYTES
            || aggregationMaxSizeBytes > MAX_AGGREGATION_MAX_SIZE_BYTES) {
            throw new IllegalArgumentException("aggregation max size must be 64 to 10485760 bytes:"
                + " aggregationMaxSizeBytes=" + aggregationMaxSizeBytes);
        }
        this.aggregationMaxSizeBytes = aggregationMaxSizeBytes;
    }

    /**
     * The largest aggregate this aggregator makes.
     *
     * @return the size in bytes of the data of an aggregate, magic and digest included.
     */
    public int aggregationMaxSizeBytes() {
        return aggregationMaxSizeBytes;
    }

    /**
     * Packs user records for a stream whose records may be 1 MiB, Kinesis's default.
     *
     * @param records            the user records, in order.
     * @param shardHashKeyRanges the hash key ranges of the stream's open shards ({@code ListShards}).
     * @return the records to put, in the order to put them.
     * @see #aggregate(List, List, int)
     */
    public List<AggregatedRecord> aggregate(
        final List<UserRecord> records, final List<HashKeyRange> shardHashKeyRanges) {
        return aggregate(records, shardHashKeyRanges, DEFAULT_MAX_RECORD_SIZE_BYTES);
    }

    /**
     * Packs user records, never mixing records of different shards.
     *
     * @param records            the user records, in order.
     * @param shardHashKeyRanges the hash key ranges of the stream's open shards ({@code ListShards}); pass
     *                           {@link HashKeyRange#ALL} alone to pack without regard to shards.
     * @param maxRecordSizeBytes the stream's maximum record size, data and partition key together.
     * @return the records to put, in the order to put them: a shard's records keep their order.
     * @throws IllegalArgumentException if a user record alone is over the stream's maximum record size, before
     *                                  anything is packed.
     */
    public List<AggregatedRecord> aggregate(
        final List<UserRecord> records, final List<HashKeyRange> shardHashKeyRanges, final int maxRecordSizeBytes) {
        final List<Packed> packed = pack(records, shardHashKeyRanges, maxRecordSizeBytes);
        final List<AggregatedRecord> aggregates = new ArrayList<>(packed.size());
        for (final Packed one : packed) {
            aggregates.add(one.record());
        }
        return aggregates;
    }

    /**
     * Aggregates user records and puts them into a stream through {@code PutRecords}: lists the stream's open
     * shards, packs each shard's records, and puts the aggregates in calls of at most 500 records and 5 MiB
     * (KPL's {@code CollectionMaxCount} and {@code CollectionMaxSize}).
     *
     * <p>Each user record fails or succeeds with the Kinesis record that carried it: a throttled aggregate
     * fails all its user records with {@code ProvisionedThroughputExceededException}, and an error that fails a
     * whole call fails that call's user records with the error's code and message. An aggregate that landed
     * in a shard not owning all its user records (the stream was resharded after its shards were listed) is
     * reported failed with KPL's {@code "Wrong Shard"}: a KCL reader of that shard drops it whole, so all its
     * user records must be put again. Nothing is retried here; put the failed user records again.
     *
     * @param broker          the broker.
     * @param streamNameOrArn the stream's name or ARN.
     * @param records         the user records, in order.
     * @return one result per user record, in the order given.
     * @throws IllegalArgumentException if a user record alone is over the stream's maximum record size, before
     *                                  anything is put.
     */
    public List<UserRecordResult> putRecords(
        final KinesisBroker broker, final String streamNameOrArn, final List<UserRecord> records) {
        return new AggregatedRecordWriter(this, broker, streamNameOrArn).putRecords(records);
    }

    /** Packs user records, keeping where each came from. */
    List<Packed> pack(final List<UserRecord> records, final List<HashKeyRange> shardHashKeyRanges,
        final int maxRecordSizeBytes) {
        checkSizes(records, maxRecordSizeBytes);
        // The aggregate's partition key "a" counts against the stream's limit with its data.
        final long limit = Math.min(aggregationMaxSizeBytes,
            maxRecordSizeBytes - (long) AggregateBuilder.AGGREGATE_PARTITION_KEY.length());
        final ShardRanges shards = new ShardRanges(shardHashKeyRanges);
        final List<Packed> packed = new ArrayList<>();
        // One open aggregate per shard, in the order they were opened.
        final Map<Integer, AggregateBuilder> open = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            final UserRecord record = records.get(i);
            final HashKey hashKey = record.hashKey();
            final int shard = shards.indexOf(hashKey);
            AggregateBuilder builder = shard < 0 ? null : open.get(shard);
            if (builder != null && builder.aggregatedBytesWith(record) > limit) {
                packed.add(Packed.of(open.remove(shard)));
                builder = null;
            }
            if (builder == null) {
                builder = new AggregateBuilder();
                if (shard >= 0) {
                    open.put(shard, builder);
                }
            }
            builder.add(record, hashKey, i);
            if (shard < 0) {
                packed.add(Packed.of(builder));
            }
        }
        for (final AggregateBuilder builder : open.values()) {
            packed.add(Packed.of(builder));
        }
        return packed;
    }

    private static void checkSizes(final List<UserRecord> records, final int maxRecordSizeBytes) {
        for (int i = 0; i < records.size(); i++) {
            final UserRecord record = records.get(i);
            final long size = record.data().length
                + (long) record.partitionKey().getBytes(StandardCharsets.UTF_8).length;
            if (size > maxRecordSizeBytes) {
                throw new IllegalArgumentException("user record larger than the stream's maximum record size:"
                    + " index=" + i + ", sizeBytes=" + size + ", maxRecordSizeBytes=" + maxRecordSizeBytes);
            }
        }
    }

    @Override
    public String toString() {
        return "RecordAggregator{aggregationMaxSizeBytes=" + aggregationMaxSizeBytes + "}";
    }

    /**
     * A Kinesis record to put, with the indices of its user records in the caller's list.
     *
     * @param record  the record.
     * @param indices for each user record of the record, in order, its index in the caller's list.
     */
    record Packed(AggregatedRecord record, int[] indices) {
        static Packed of(final AggregateBuilder builder) {
            return new Packed(builder.build(), builder.indices());
        }
    }
}
