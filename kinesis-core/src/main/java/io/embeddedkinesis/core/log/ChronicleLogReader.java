package io.embeddedkinesis.core.log;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.NavigableSet;

/**
 * Reads a shard log's queue: a tailer, the entry view it fills, and the buffer it assembles fragmented
 * entries in ({@link RecordDescriptor}).
 *
 * <p>The entries of a packed excerpt are shown in place one by one, each with its own position
 * ({@link LogPositions}); a read that starts at one of them passes over those before it, and a read that ends
 * inside the excerpt leaves the tailer on it, for the next read from there.
 *
 * <p>An entry stored whole is shown in place, without a copy. An entry stored as fragments is copied into
 * a heap buffer, which every fragmented entry of one read reuses and which is dropped when the read ends, so
 * that an idle reader in the log's pool holds no large buffer. An entry is delivered only once its last
 * fragment is there: a read stops before an entry still being appended, and skips a run of fragments that
 * something other than its next fragment follows (the rest of a run cut short by a crash).
 *
 * <p>Not thread-safe: {@link ChronicleShardLog} lends each reader to one thread at a time.
 */
final class ChronicleLogReader implements AutoCloseable {
    /** What {@link #positionAtOrAfter} returns when no entry is stamped at or after the time. */
    static final long NOT_FOUND = -1L;
    private static final long NO_POSITION = -1L;

    private final SingleChronicleQueue queue;
    private final RollCycle rollCycle;
    private final LogPositions positions;
    private final ExcerptTailer tailer;
    private final LogEntry entry = new LogEntry();
    private final UnsafeBuffer fragment = new UnsafeBuffer(0, 0);
    private byte[] assembly;
    private int assembledBytes;
    private int entryBytes;
    private int dataStart;
    /** How many entries of the next excerpt the read in progress passes over: its start position's slot. */
    private int skip;
    /** How many entries the read in progress has delivered. */
    private int taken;
    /**
     * The position after the last entry this reader delivered that ended an excerpt (or a run of fragments), and
     * the tailer's index just after it: a read from there needs no seek. {@link #NO_POSITION} when there is none.
     */
    private long resumePosition = NO_POSITION;
    private long resumeIndex = NO_POSITION;

    /** What reading one excerpt came to. */
    private enum Step {
        /** The handler took the excerpt's entries: the read goes on. */
        TAKEN,
        /** The handler refused an entry, or the read has all it asked for: the read ends before the next entry. */
        REFUSED,
        /** Nothing more to deliver yet. */
        END,
        /** An excerpt that is not an entry, or whose entries are all before the read's start, passed over. */
        SKIPPED
    }

    ChronicleLogReader(final SingleChronicleQueue queue, final RollCycle rollCycle, final LogPositions positions) {
        this.queue = queue;
        this.rollCycle = rollCycle;
        this.positions = positions;
        this.tailer = queue.createTailer();
        tailer.singleThreadedCheckDisabled(true);
    }

    /**
     * Reads entries from the first one at or after a position.
     *
     * @param fromPosition where to start.
     * @param lastIndex    the last excerpt of the log's last complete entry, or -1 for an empty log.
     * @param maxEntries   the most entries to deliver.
     * @param handler      receives the entries.
     * @return the number of entries the handler took.
     */
    int read(final long fromPosition, final long lastIndex, final int maxEntries, final EntryHandler handler) {
        if (!seek(fromPosition, lastIndex)) {
            return 0;
        }
        taken = 0;
        try {
            while (taken < maxEntries) {
                final Step step = next(handler, maxEntries);
                if (step != Step.TAKEN && step != Step.SKIPPED) {
                    break;
                }
            }
        } finally {
            assembly = null;
        }
        return taken;
    }

    private Step next(final EntryHandler handler, final int maxEntries) {
        final long first;
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return Step.END;
            }
            final Bytes<?> bytes = dc.wire().bytes();
            final long address = bytes.addressForRead(bytes.readPosition());
            final int length = (int) bytes.readRemaining();
            final byte flags = bytes.readByte(bytes.readPosition() + RecordDescriptor.FLAGS_OFFSET);
            if (RecordDescriptor.isContinuation(flags)) {
                // The rest of an entry this read started inside of or after, or of a run cut short: never an entry,
                // so the read starts at the next excerpt's first entry, and so would one from the resume point
                // if it stood before this excerpt.
                skip = 0;
                if (resumeIndex == dc.index()) {
                    resumeIndex++;
                }
                return Step.SKIPPED;
            }
            if (RecordDescriptor.isPacked(flags)) {
                return nextPacked(dc, address, length, handler, maxEntries);
            }
            if (skip > 0) {
                // The read starts after this entry (a reader at the end of the log, say): from the next excerpt on,
                // where the tailer now stands, which continuations of this entry do not change, as they are skipped.
                resumePosition = positions.position(dc.index(), skip);
                resumeIndex = dc.index() + 1;
                skip = 0;
                return Step.SKIPPED;
            }
            if (!RecordDescriptor.hasMoreFragments(flags)) {
                entry.wrap(positions.position(dc.index(), 0), address, length);
                final Step step = deliver(dc, handler);
                if (step == Step.TAKEN) {
                    resumeAfter(dc.index());
                }
                return step;
            }
            first = dc.index();
            if (!startAssembly(address, length)) {
                return Step.SKIPPED;
            }
        }
        return assembleRest(first, handler);
    }

    /** Hands the entry shown to the handler; a refused entry stays to be read again. */
    private Step deliver(final DocumentContext dc, final EntryHandler handler) {
        if (handler.onEntry(entry)) {
            taken++;
            return Step.TAKEN;
        }
        dc.rollbackOnClose();
        return Step.REFUSED;
    }

    /**
     * Delivers the entries of a packed excerpt from the read's start slot on. If the read ends inside the
     * excerpt, the tailer stays on it; if it passes its end, the position after its last entry is remembered.
     */
    private Step nextPacked(final DocumentContext dc, final long address, final int length,
        final EntryHandler handler, final int maxEntries) {
        final long index = dc.index();
        fragment.wrap(address, length);
        int offset = 0;
        int slot = 0;
        int entryLength;
        while ((entryLength = RecordDescriptor.packedEntryLength(fragment, offset)) > 0) {
            if (slot >= skip) {
                if (taken == maxEntries) {
                    dc.rollbackOnClose();
                    return Step.REFUSED;
                }
                final long position = positions.position(index, slot);
                entry.wrap(position, address + offset, entryLength);
                if (deliver(dc, handler) == Step.REFUSED) {
                    return Step.REFUSED;
                }
            }
            offset += entryLength;
            slot++;
        }
        final boolean anyTaken = slot > skip;
        skip = 0;
        resumePosition = positions.position(index, slot);
        resumeIndex = index + 1;
        return anyTaken ? Step.TAKEN : Step.SKIPPED;
    }

    /** Remembers that the entry just delivered ends the excerpts up to {@code lastIndex}, for {@link #seek}. */
    private void resumeAfter(final long lastIndex) {
        resumePosition = entry.nextPosition();
        resumeIndex = lastIndex + 1;
    }

    /** Copies a first fragment into the assembly buffer; false if its lengths do not add up. */
    private boolean startAssembly(final long address, final int length) {
        fragment.wrap(address, length);
        final int headerLength = fragment.getShort(RecordDescriptor.HEADER_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN)
            & 0xFFFF;
        final int keyLength = fragment.getShort(RecordDescriptor.KEY_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final long total = (long) headerLength + keyLength
            + fragment.getInt(RecordDescriptor.DATA_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (total > RecordDescriptor.MAX_ENTRY_LENGTH || total < length || headerLength + keyLength > length) {
            return false;
        }
        entryBytes = (int) total;
        if (assembly == null || assembly.length < entryBytes) {
            assembly = new byte[entryBytes];
        }
        fragment.getBytes(0, assembly, 0, length);
        assembly[RecordDescriptor.FLAGS_OFFSET] &= (byte) ~RecordDescriptor.FRAGMENT_FLAGS;
        assembledBytes = length;
        dataStart = headerLength + keyLength;
        return true;
    }

    /**
     * Appends the continuations of the entry whose first fragment is at {@code first}, then delivers it.
     * Anything but its next fragment ends the run as cut short; that excerpt is then read again as the
     * next one.
     */
    private Step assembleRest(final long first, final EntryHandler handler) {
        long last;
        while (true) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    // The rest is not there yet (or never will be): wait here, at the first fragment.
                    return Step.END;
                }
                final Bytes<?> bytes = dc.wire().bytes();
                fragment.wrap(bytes.addressForRead(bytes.readPosition()), (int) bytes.readRemaining());
                final byte flags = fragment.getByte(RecordDescriptor.FLAGS_OFFSET);
                final int headerLength = fragment.getShort(RecordDescriptor.HEADER_LENGTH_OFFSET,
                    ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
                final int length = fragment.capacity() - headerLength;
                final boolean more = RecordDescriptor.hasMoreFragments(flags);
                final long end = (long) assembledBytes + length;
                if (!RecordDescriptor.isContinuation(flags) || length < 0
                    || fragment.getInt(RecordDescriptor.FRAGMENT_NUMBER_OFFSET, ByteOrder.LITTLE_ENDIAN)
                        != dc.index() - first
                    || fragment.getInt(RecordDescriptor.DATA_OFFSET_OFFSET, ByteOrder.LITTLE_ENDIAN)
                        != assembledBytes - dataStart
                    || (more ? end >= entryBytes : end != entryBytes)) {
                    dc.rollbackOnClose();
                    return Step.SKIPPED;
                }
                fragment.getBytes(headerLength, assembly, assembledBytes, length);
                assembledBytes = (int) end;
                if (!more) {
                    entry.wrap(positions.position(first, 0), assembly, entryBytes);
                    last = dc.index();
                    break;
                }
            }
        }
        if (handler.onEntry(entry)) {
            taken++;
            resumeAfter(last);
            return Step.TAKEN;
        }
        return Step.REFUSED;
    }

    /**
     * Moves to the first excerpt at or after a position; false if there is none yet. When the position
     * holds no excerpt, the excerpt is the first of a later file; files without any excerpt (left by a
     * crash during a file's first append) are skipped.
     */
    private boolean seek(final long position, final long lastIndex) {
        final long index = positions.index(position);
        skip = LogPositions.slot(position);
        // Where the previous read of this tailer stopped: a reader that follows the log (the next GetRecords, a
        // push subscription) resumes there without moveToIndex's index lookup, microseconds per call.
        if (position == resumePosition && tailer.index() == resumeIndex) {
            skip = 0;
            return true;
        }
        if (tailer.index() == index) {
            return true;
        }
        if (tailer.moveToIndex(index)) {
            return true;
        }
        // Whatever excerpt the read starts at now, it starts at its first entry.
        skip = 0;
        if (lastIndex < 0 || index > lastIndex) {
            return false;
        }
        final int positionCycle = rollCycle.toCycle(index);
        for (final Long cycle : queue.listCyclesBetween(queue.firstCycle(), rollCycle.toCycle(lastIndex))) {
            if (cycle <= positionCycle) {
                // Excerpts of a file are dense: had the position's file an excerpt at or after it,
                // moveToIndex would have found it.
                continue;
            }
            if (tailer.excerptsInCycle(cycle.intValue()) > 0
                && tailer.moveToIndex(rollCycle.toIndex(cycle.intValue(), 0))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Finds the first entry stamped at or after a time: the file whose last excerpt is, then a binary
     * search within it. A continuation counts with its first fragment's timestamp (all fragments of an
     * entry are in one file), so the excerpt found is a whole entry or a first fragment; when it is the first
     * fragment of a run cut short, the entry sought is the next one after the run, where a read from it
     * starts.
     *
     * @param timestampMs the time.
     * @param lastIndex   the last excerpt of the log's last complete entry.
     * @return the position, or {@link #NOT_FOUND}.
     */
    long positionAtOrAfter(final long timestampMs, final long lastIndex) {
        final long first = queue.firstIndex();
        if (first == Long.MAX_VALUE) {
            return NOT_FOUND;
        }
        final NavigableSet<Long> cycles =
            queue.listCyclesBetween(rollCycle.toCycle(first), rollCycle.toCycle(lastIndex));
        for (final Long cycle : cycles) {
            final long count = tailer.excerptsInCycle(cycle.intValue());
            if (count <= 0) {
                continue;
            }
            final long lastInCycle = rollCycle.toIndex(cycle.intValue(), count - 1);
            if (timestampAt(lastInCycle) >= timestampMs) {
                return positions.position(firstInCycleAtOrAfter(cycle.intValue(), count, timestampMs), 0);
            }
        }
        return NOT_FOUND;
    }

    private long firstInCycleAtOrAfter(final int cycle, final long count, final long timestampMs) {
        long low = 0;
        long high = count - 1;
        while (low < high) {
            final long mid = (low + high) >>> 1;
            if (timestampAt(rollCycle.toIndex(cycle, mid)) >= timestampMs) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return rollCycle.toIndex(cycle, low);
    }

    /** The timestamp of the entry an excerpt belongs to. */
    private long timestampAt(final long index) {
        if (!tailer.moveToIndex(index)) {
            return Long.MIN_VALUE;
        }
        final int fragmentNumber;
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return Long.MIN_VALUE;
            }
            final Bytes<?> bytes = dc.wire().bytes();
            final long start = bytes.readPosition();
            if (!RecordDescriptor.isContinuation(bytes.readByte(start + RecordDescriptor.FLAGS_OFFSET))) {
                return bytes.readLong(start + RecordDescriptor.TIMESTAMP_OFFSET);
            }
            fragmentNumber = bytes.readInt(start + RecordDescriptor.FRAGMENT_NUMBER_OFFSET);
        }
        return fragmentNumber > 0 ? timestampAt(index - fragmentNumber) : Long.MIN_VALUE;
    }

    @Override
    public void close() {
        tailer.close();
    }
}
