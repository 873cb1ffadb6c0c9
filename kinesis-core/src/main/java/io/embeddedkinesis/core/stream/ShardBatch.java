package io.embeddedkinesis.core.stream;

import io.embeddedkinesis.core.log.EntryBatch;
import io.embeddedkinesis.core.model.PutRecordsRequestEntry;
import io.embeddedkinesis.core.shard.StoredShard;

import java.util.Arrays;
import java.util.List;

/**
 * The records of one {@code PutRecords} call that were admitted to one shard, in request order: what
 * {@link RecordWriter} appends to that shard's log in one call. A view over the call's own arrays, holding only
 * the records' places in the request.
 */
final class ShardBatch implements EntryBatch {
    private final StoredShard shard;
    private final List<PutRecordsRequestEntry> entries;
    private final byte[][] keys;
    private int[] records;
    private int size;

    /**
     * An empty batch for a shard.
     *
     * @param shard    the shard the records go to.
     * @param entries  the call's records.
     * @param keys     the call's partition keys in UTF-8, by record.
     * @param capacity how many records the batch can take before it grows.
     */
    ShardBatch(final StoredShard shard, final List<PutRecordsRequestEntry> entries, final byte[][] keys,
        final int capacity) {
        this.shard = shard;
        this.entries = entries;
        this.keys = keys;
        this.records = new int[Math.max(1, capacity)];
    }

    StoredShard shard() {
        return shard;
    }

    /**
     * Adds a record, after those added before.
     *
     * @param record the record's place in the request.
     */
    void add(final int record) {
        if (size == records.length) {
            records = Arrays.copyOf(records, size * 2);
        }
        records[size++] = record;
    }

    /**
     * The place in the request of a record of this batch.
     *
     * @param i the record's place in the batch.
     * @return its place in the request.
     */
    int record(final int i) {
        return records[i];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public byte[] key(final int i) {
        return keys[records[i]];
    }

    @Override
    public byte[] data(final int i) {
        return entries.get(records[i]).data();
    }
}
