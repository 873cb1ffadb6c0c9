package io.embeddedkinesis.core.log;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Where a shard log ends, as found when it opens: its last complete entry, found by reading backwards
 * past a run of fragments that a crash cut short.
 *
 * @param lastIndex         the index of the last excerpt of the last complete entry, or -1 if there is none.
 * @param lastEntryPosition the position of the last complete entry, or -1.
 * @param endPosition       the position after the last complete entry, or -1.
 * @param lastTimestampMs   that entry's timestamp, or {@link ShardLog#NO_TIMESTAMP}.
 * @param newestTimestampMs the newest timestamp in the log, complete entry or not: the log's clock must
 *                          not go below it, or a later entry could land in an older file than the cut-short
 *                          run before it.
 */
record LogTail(long lastIndex, long lastEntryPosition, long endPosition, long lastTimestampMs,
    long newestTimestampMs) {
    /** The tail of a log without a complete entry. */
    private static final long NONE = -1L;

    /**
     * Reads a queue's tail.
     *
     * @param queue     the queue.
     * @param positions the positions of its entries.
     * @return its tail.
     * @throws IllegalStateException if a continuation's first fragment is missing, which appends never cause.
     */
    static LogTail recover(final ChronicleQueue queue, final LogPositions positions) {
        long newestTimestampMs = ShardLog.NO_TIMESTAMP;
        try (ExcerptTailer tailer = queue.createTailer()) {
            tailer.direction(TailerDirection.BACKWARD).toEnd();
            while (true) {
                final long index;
                final byte flags;
                final int fragmentNumber;
                int packedEntries = 0;
                long timestampMs = ShardLog.NO_TIMESTAMP;
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return new LogTail(NONE, NONE, NONE, ShardLog.NO_TIMESTAMP, newestTimestampMs);
                    }
                    final Bytes<?> bytes = dc.wire().bytes();
                    final long start = bytes.readPosition();
                    index = dc.index();
                    flags = bytes.readByte(start + RecordDescriptor.FLAGS_OFFSET);
                    fragmentNumber = RecordDescriptor.isContinuation(flags)
                        ? bytes.readInt(start + RecordDescriptor.FRAGMENT_NUMBER_OFFSET) : 0;
                    if (fragmentNumber == 0) {
                        timestampMs = bytes.readLong(start + RecordDescriptor.TIMESTAMP_OFFSET);
                    }
                    if (RecordDescriptor.isPacked(flags)) {
                        packedEntries = countPacked(bytes, start, bytes.readLimit());
                    }
                }
                final long first = index - fragmentNumber;
                if (fragmentNumber > 0) {
                    timestampMs = readFirstFragmentTimestamp(tailer, first);
                }
                newestTimestampMs = Math.max(newestTimestampMs, timestampMs);
                if (packedEntries > 0) {
                    final long last = positions.position(index, packedEntries - 1);
                    return new LogTail(index, last, last + 1, timestampMs, newestTimestampMs);
                }
                if (!RecordDescriptor.hasMoreFragments(flags)) {
                    final long last = positions.position(first, 0);
                    return new LogTail(index, last, last + 1, timestampMs, newestTimestampMs);
                }
                // A run of fragments cut short: the tailer now stands before its first fragment.
            }
        }
    }

    /** Counts the entries of a packed excerpt, laid out one after another between two offsets. */
    private static int countPacked(final Bytes<?> bytes, final long start, final long end) {
        final UnsafeBuffer excerpt = new UnsafeBuffer(bytes.addressForRead(start), (int) (end - start));
        int count = 0;
        int offset = 0;
        int entryLength;
        while ((entryLength = RecordDescriptor.packedEntryLength(excerpt, offset)) > 0) {
            offset += entryLength;
            count++;
        }
        return count;
    }

    /** Reads the timestamp of a first fragment; the tailer then stands before it. */
    private static long readFirstFragmentTimestamp(final ExcerptTailer tailer, final long first) {
        if (!tailer.moveToIndex(first)) {
            throw new IllegalStateException("shard log has a fragment without its first: first=" + first);
        }
        try (DocumentContext dc = tailer.readingDocument()) {
            final Bytes<?> bytes = dc.isPresent() ? dc.wire().bytes() : null;
            final long start = bytes == null ? 0 : bytes.readPosition();
            if (bytes == null || dc.index() != first
                || RecordDescriptor.isContinuation(bytes.readByte(start + RecordDescriptor.FLAGS_OFFSET))) {
                throw new IllegalStateException("shard log has a fragment without its first: first=" + first);
            }
            return bytes.readLong(start + RecordDescriptor.TIMESTAMP_OFFSET);
        }
    }
}
