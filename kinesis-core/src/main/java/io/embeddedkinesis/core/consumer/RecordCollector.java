package io.embeddedkinesis.core.consumer;

import io.embeddedkinesis.core.log.EntryHandler;
import io.embeddedkinesis.core.log.LogEntry;
import io.embeddedkinesis.core.log.RecordDescriptor;
import io.embeddedkinesis.core.model.EncryptionType;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.shard.StoredShard;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns log entries into {@link Record}s for one read ({@code GetRecords} or a {@code SubscribeToShard} push),
 * within the read's record and byte budgets. Stops at the first entry older than the trim horizon: entry
 * timestamps never decrease along a log, so one expired entry means the read started before the horizon and
 * must seek past it.
 *
 * <p>Not thread-safe: one instance per call.
 */
final class RecordCollector implements EntryHandler {
    private static final int INITIAL_CAPACITY = 512;
    private final StoredShard shard;
    private final long maxBytes;
    private final long trimHorizonMs;
    private final List<Record> records;
    private long nextPosition;
    private long bytes;
    private long lastTimestampMs;
    private boolean sawExpired;

    RecordCollector(final StoredShard shard, final long fromPosition, final int limit, final long maxBytes,
        final long trimHorizonMs) {
        this.shard = shard;
        this.maxBytes = maxBytes;
        this.trimHorizonMs = trimHorizonMs;
        this.records = new ArrayList<>((int) Math.min(limit, expectedEntries(shard, fromPosition)));
        this.nextPosition = fromPosition;
    }

    @Override
    public boolean onEntry(final LogEntry entry) {
        final long timestampMs = entry.timestampMs();
        if (timestampMs < trimHorizonMs) {
            sawExpired = true;
            return false;
        }
        final long size = entry.keyLength() + (long) entry.dataLength();
        if (!records.isEmpty() && bytes + size > maxBytes) {
            return false;
        }
        final long position = entry.position();
        records.add(new Record(shard.sequenceNumber(position), timestampMs, entry.data(), entry.keyBytes(),
            entry.encryption() == RecordDescriptor.KMS_ENCRYPTED ? EncryptionType.KMS : EncryptionType.NONE));
        bytes += size;
        lastTimestampMs = timestampMs;
        nextPosition = entry.nextPosition();
        return true;
    }

    /**
     * How many entries to make room for: one for a reader at the end of the log, which mostly finds nothing; else
     * a few hundred, which one PutRecords call or a busy moment puts, growing from there. (Positions say nothing of
     * how many entries lie between them: packed entries take one each, excerpts of their own a slot range each.)
     */
    private static long expectedEntries(final StoredShard shard, final long fromPosition) {
        return fromPosition >= shard.log().endPosition() ? 1 : INITIAL_CAPACITY;
    }

    List<Record> records() {
        return records;
    }

    long nextPosition() {
        return nextPosition;
    }

    long bytes() {
        return bytes;
    }

    long lastTimestampMs() {
        return lastTimestampMs;
    }

    boolean sawExpired() {
        return sawExpired;
    }
}
