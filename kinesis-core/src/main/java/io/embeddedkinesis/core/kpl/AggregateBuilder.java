package io.embeddedkinesis.core.kpl;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.UnsafeByteOperations;
import io.embeddedkinesis.core.kpl.protobuf.KplMessages;
import io.embeddedkinesis.core.routing.HashKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user records of one aggregate in the making. It keeps the exact size the encoded aggregate will
 * have, field by field with protobuf's own size arithmetic, so that the aggregator can stop right at a size
 * limit without encoding anything twice (the KPL estimates, then encodes and backs off).
 *
 * <p>Partition keys and explicit hash keys go into their tables once each, in the order first used, as the
 * KPL writes them; that order, and protobuf writing fields in field-number order, make an aggregate of the
 * same user records the same bytes the KPL writes.
 *
 * <p>Not thread-safe: one aggregator call builds it and hands it on.
 */
final class AggregateBuilder {
    /** The partition key of every aggregate of two or more records: one byte, as the hash key routes it. */
    static final String AGGREGATE_PARTITION_KEY = "a";

    private static final int PARTITION_KEY_TABLE = 1;
    private static final int EXPLICIT_HASH_KEY_TABLE = 2;
    private static final int RECORDS = 3;
    private static final int RECORD_PARTITION_KEY_INDEX = 1;
    private static final int RECORD_EXPLICIT_HASH_KEY_INDEX = 2;
    private static final int RECORD_DATA = 3;

    private final Map<String, Integer> partitionKeys = new LinkedHashMap<>();
    private final Map<String, Integer> explicitHashKeys = new LinkedHashMap<>();
    private final List<UserRecord> records = new ArrayList<>();
    private int[] indices = new int[8];
    private HashKey firstHashKey;
    private long bodyBytes;

    /**
     * How many user records it holds.
     *
     * @return the count.
     */
    int count() {
        return records.size();
    }

    /**
     * The size of the aggregate in the KPL format if a user record were added: magic, protobuf and digest.
     *
     * @param record the record.
     * @return the size in bytes, exact.
     */
    long aggregatedBytesWith(final UserRecord record) {
        return KplFormat.OVERHEAD_BYTES + bodyBytesWith(record);
    }

    /**
     * Where the user records came from.
     *
     * @return for each user record, in order, the index it was added with.
     */
    int[] indices() {
        return Arrays.copyOf(indices, records.size());
    }

    /**
     * Adds a user record.
     *
     * @param record  the record.
     * @param hashKey the record's hash key, already computed by the caller.
     * @param index   where the record came from, e.g. its index in the caller's list.
     */
    void add(final UserRecord record, final HashKey hashKey, final int index) {
        bodyBytes = bodyBytesWith(record);
        partitionKeys.putIfAbsent(record.partitionKey(), partitionKeys.size());
        if (record.explicitHashKey() != null) {
            explicitHashKeys.putIfAbsent(record.explicitHashKey(), explicitHashKeys.size());
        }
        if (records.isEmpty()) {
            firstHashKey = hashKey;
        }
        if (records.size() == indices.length) {
            indices = Arrays.copyOf(indices, indices.length * 2);
        }
        indices[records.size()] = index;
        records.add(record);
    }

    /**
     * The Kinesis record to put: the user record as it was if there is one, else the aggregate.
     *
     * @return the record, routed by the first user record's hash key.
     */
    AggregatedRecord build() {
        if (records.size() == 1) {
            final UserRecord only = records.get(0);
            return new AggregatedRecord(only.partitionKey(), firstHashKey.toString(), only.data(), records);
        }
        final KplMessages.AggregatedRecord.Builder aggregate = KplMessages.AggregatedRecord.newBuilder()
            .addAllPartitionKeyTable(partitionKeys.keySet())
            .addAllExplicitHashKeyTable(explicitHashKeys.keySet());
        for (final UserRecord record : records) {
            final KplMessages.Record.Builder entry = KplMessages.Record.newBuilder()
                .setPartitionKeyIndex(partitionKeys.get(record.partitionKey()))
                .setData(UnsafeByteOperations.unsafeWrap(record.data()));
            if (record.explicitHashKey() != null) {
                entry.setExplicitHashKeyIndex(explicitHashKeys.get(record.explicitHashKey()));
            }
            aggregate.addRecords(entry);
        }
        final KplMessages.AggregatedRecord message = aggregate.build();
        final int body = message.getSerializedSize();
        if (body != bodyBytes) {
            throw new IllegalStateException("aggregate size reckoned wrong: reckoned=" + bodyBytes
                + ", actual=" + body);
        }
        final byte[] frame = new byte[KplFormat.OVERHEAD_BYTES + body];
        final CodedOutputStream out = CodedOutputStream.newInstance(frame, KplFormat.MAGIC.length, body);
        try {
            message.writeTo(out);
        } catch (final IOException cannotHappen) {
            throw new UncheckedIOException("writing to an array of the exact size failed", cannotHappen);
        }
        out.checkNoSpaceLeft();
        KplFormat.frame(frame, body);
        return new AggregatedRecord(AGGREGATE_PARTITION_KEY, firstHashKey.toString(), frame, records);
    }

    /** The protobuf body's size with one more record: new table entries, then the record's own fields. */
    private long bodyBytesWith(final UserRecord record) {
        long size = bodyBytes;
        final Integer knownKey = partitionKeys.get(record.partitionKey());
        final int keyIndex = knownKey == null ? partitionKeys.size() : knownKey;
        if (knownKey == null) {
            size += CodedOutputStream.computeStringSize(PARTITION_KEY_TABLE, record.partitionKey());
        }
        int recordBytes = CodedOutputStream.computeUInt64Size(RECORD_PARTITION_KEY_INDEX, keyIndex)
            + CodedOutputStream.computeByteArraySize(RECORD_DATA, record.data());
        final String explicitHashKey = record.explicitHashKey();
        if (explicitHashKey != null) {
            final Integer knownHash = explicitHashKeys.get(explicitHashKey);
            final int hashIndex = knownHash == null ? explicitHashKeys.size() : knownHash;
            if (knownHash == null) {
                size += CodedOutputStream.computeStringSize(EXPLICIT_HASH_KEY_TABLE, explicitHashKey);
            }
            recordBytes += CodedOutputStream.computeUInt64Size(RECORD_EXPLICIT_HASH_KEY_INDEX, hashIndex);
        }
        return size + CodedOutputStream.computeTagSize(RECORDS) + CodedOutputStream.computeUInt32SizeNoTag(recordBytes)
            + recordBytes;
    }
}
