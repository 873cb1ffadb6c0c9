package io.embeddedkinesis.core.log;

import io.embeddedkinesis.core.exception.InternalFailureException;
import net.openhft.chronicle.bytes.MappedFile;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.core.io.BackgroundResourceReleaser;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.concurrent.EpochClock;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A {@link ShardLog} on a Chronicle Queue directory: one queue per shard, rolled into one file per
 * {@link LogCycle}, entries written straight into the memory-mapped file and read back without copying.
 *
 * <p><b>Design note.</b> Appends are serialized by this class's own lock, around a single appender,
 * rather than left to Chronicle's per-thread appenders. Under that lock the entry is stamped before
 * Chronicle reads the time to pick the file, and both read one clock that never goes backwards, so an
 * entry's timestamp never falls after the end of its file's cycle: that is what lets retention delete
 * whole files by their cycle's time alone. The same lock gives strictly increasing positions with
 * non-decreasing timestamps, even if the system clock steps back. Reads borrow a tailer from a small pool
 * and never block appends; a read-write lock only keeps {@link #close()} from pulling the queue from
 * under a read in progress.
 *
 * <p>Positions are Chronicle indexes (cycle and sequence within it) with room for the entries of a packed excerpt
 * ({@link LogPositions}): dense neither within a file nor between files, hence the "first entry at or after"
 * reading rule of {@link ShardLog}. The entries of one {@link #appendAll} call share excerpts, as many as fit in
 * one ({@link RecordDescriptor}), which spares Chronicle's per-excerpt work (its lock, header and index) for
 * most of them; a lone entry has an excerpt to itself.
 *
 * <p>An entry larger than {@link LogConfig#fragmentBytes()} is written as consecutive fragments
 * ({@link RecordDescriptor}) under one hold of the append lock, so no other append falls between them,
 * and with Chronicle's clock held at the entry's timestamp (as it is for every entry), so they all land in
 * the entry's file and retention deletes them together. Its position is its first fragment's;
 * the next entry comes after its last. Readers show it whole once the last fragment
 * is there, so a crash between two fragments leaves nothing visible, and reopening finds the last complete
 * entry behind such a run.
 */
public final class ChronicleShardLog implements ShardLog {
    private static final int MAX_POOLED_TAILERS = 4;
    private static final long EMPTY = -1L;
    private static final long NOT_PINNED = Long.MIN_VALUE;
    private static final VarHandle PINNED_TIME_MS = pinnedTimeHandle();

    private final Path directory;
    private final EpochClock clock;
    private final RollCycle rollCycle;
    private final LogPositions positions;
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final ChronicleLogWriter writer;
    private final boolean syncEnabled;
    private final DateTimeFormatter fileNameFormat;
    private final Object appendLock = new Object();
    private final ReentrantReadWriteLock closeLock = new ReentrantReadWriteLock();
    private final ArrayDeque<ChronicleLogReader> readers = new ArrayDeque<>();
    /** The last excerpt of the last complete entry, the last one readers may read. */
    private volatile long lastIndex;
    /** The position after the last complete entry, or {@link #EMPTY}. */
    private volatile long endPosition;
    private volatile long lastTimestampMs;
    /** Only read and written under the append lock. */
    private long lastEntryPosition;
    private final AtomicLong monotonicMs = new AtomicLong(Long.MIN_VALUE);
    /**
     * The time Chronicle picks files by while an entry is written, else {@link #NOT_PINNED}. Read and written
     * opaquely ({@link #PINNED_TIME_MS}): Chronicle asks the time on the appending thread, which sees its own
     * writes; another thread asking it may see a recent value instead, which is all a time is good for there.
     * A volatile write would cost two fences an append.
     */
    @SuppressWarnings("unused")
    private long pinnedTimeMs = NOT_PINNED;
    private volatile boolean closed;
    private volatile boolean sealed;
    private final LogPretoucher pretoucher;
    /** The file being written and where its bytes end, published after each append for the pretoucher. */
    private volatile MappedFile writeFile;
    private volatile long writeEnd;

    /**
     * Opens (or creates) the log in a directory.
     *
     * @param directory the shard's own directory.
     * @param config    the layout and durability.
     * @param clock     the clock that stamps entries and decides file cycles.
     */
    public ChronicleShardLog(final Path directory, final LogConfig config, final EpochClock clock) {
        this(directory, config, clock, null);
    }

    /**
     * Opens (or creates) the log in a directory, with a pretoucher that faults in the pages of its file
     * ahead of its appends.
     *
     * @param directory  the shard's own directory.
     * @param config     the layout and durability.
     * @param clock      the clock that stamps entries and decides file cycles.
     * @param pretoucher the pretoucher to join, or null for none.
     */
    public ChronicleShardLog(final Path directory, final LogConfig config, final EpochClock clock,
        final LogPretoucher pretoucher) {
        ChronicleRuntime.prepare();
        this.pretoucher = pretoucher;
        this.directory = directory;
        this.clock = clock;
        this.rollCycle = rollCycle(config.cycle());
        this.positions = new LogPositions(rollCycle);
        this.syncEnabled = config.durability() != Durability.PAGE_CACHE;
        this.fileNameFormat = DateTimeFormatter.ofPattern(rollCycle.format()).withZone(ZoneOffset.UTC);
        this.queue = ChronicleQueue.singleBuilder(directory)
            .blockSize(config.blockSizeBytes())
            .rollCycle(rollCycle)
            .timeProvider(this::fileTimeMs)
            .syncMode(syncEnabled ? SyncMode.SYNC : SyncMode.NONE)
            .build();
        ExcerptAppender created = null;
        try {
            created = queue.createAppender();
            created.singleThreadedCheckDisabled(true);
            this.appender = created;
            this.writer = new ChronicleLogWriter(created, config.fragmentBytes());
            final LogTail tail = LogTail.recover(queue, positions);
            lastIndex = tail.lastIndex();
            lastEntryPosition = tail.lastEntryPosition();
            endPosition = tail.endPosition();
            lastTimestampMs = tail.lastTimestampMs();
            monotonicMs.set(tail.newestTimestampMs());
            if (pretoucher != null) {
                pretoucher.add(this);
            }
        } catch (final RuntimeException ex) {
            if (created != null) {
                created.close();
            }
            queue.close();
            throw ex;
        }
    }

    @Override
    public long append(final byte[] key, final byte[] data, final byte encryption) {
        return append(key, data, encryption, clock.time());
    }

    @Override
    public long append(final byte[] key, final byte[] data, final byte encryption, final long arrivalTimeMs) {
        checkLengths(key, data);
        synchronized (appendLock) {
            checkWritable();
            final long timestampMs = monotonic(arrivalTimeMs);
            final long index;
            PINNED_TIME_MS.setOpaque(this, timestampMs);
            try {
                index = appendAlone(key, data, timestampMs, encryption);
            } finally {
                PINNED_TIME_MS.setOpaque(this, NOT_PINNED);
            }
            final long position = positions.position(index, 0);
            appended(position, timestampMs);
            return position;
        }
    }

    /**
     * Appends entries that arrived together, all stamped with one time, packed into as few excerpts as they fit.
     * A write that fails ends the call: the entries before it stay appended, the rest are not written.
     */
    @Override
    public int appendAll(final EntryBatch batch, final byte encryption, final long arrivalTimeMs,
        final long[] entryPositions) {
        final int size = batch.size();
        for (int i = 0; i < size; i++) {
            checkLengths(batch.key(i), batch.data(i));
        }
        synchronized (appendLock) {
            checkWritable();
            final long timestampMs = monotonic(arrivalTimeMs);
            int written = 0;
            PINNED_TIME_MS.setOpaque(this, timestampMs);
            try {
                while (written < size) {
                    final int end = packedRunEnd(batch, written);
                    if (end - written == 1) {
                        final long index =
                            appendAlone(batch.key(written), batch.data(written), timestampMs, encryption);
                        entryPositions[written] = positions.position(index, 0);
                        appended(entryPositions[written], timestampMs);
                    } else {
                        final long index = writer.appendPacked(batch, written, end, timestampMs, encryption);
                        for (int i = written; i < end; i++) {
                            entryPositions[i] = positions.position(index, i - written);
                        }
                        appended(entryPositions[end - 1], timestampMs);
                    }
                    written = end;
                }
            } catch (final InternalFailureException ex) {
                if (written == 0) {
                    throw ex;
                }
            } finally {
                PINNED_TIME_MS.setOpaque(this, NOT_PINNED);
            }
            return written;
        }
    }

    /**
     * Where the run of entries that share an excerpt with the entry at {@code from} ends: after as many as fit in
     * one excerpt, at most {@link RecordDescriptor#MAX_PACKED_ENTRIES}, none of which needs fragments.
     */
    private int packedRunEnd(final EntryBatch batch, final int from) {
        final int last = Math.min(batch.size(), from + RecordDescriptor.MAX_PACKED_ENTRIES);
        final long limit = writer.packedBytes();
        long bytes = 0;
        int end = from;
        while (end < last) {
            final int keyLength = batch.key(end).length;
            final int dataLength = batch.data(end).length;
            bytes += RecordDescriptor.entryLength(keyLength, dataLength);
            if (writer.isFragmented(keyLength, dataLength) || bytes > limit) {
                break;
            }
            end++;
        }
        return Math.max(end, from + 1);
    }

    /** Writes an entry into an excerpt of its own, or into fragments; the index of its (first) excerpt. */
    private long appendAlone(final byte[] key, final byte[] data, final long timestampMs, final byte encryption) {
        return writer.isFragmented(key.length, data.length)
            ? writer.appendFragments(key, data, timestampMs, encryption)
            : writer.appendWhole(key, data, timestampMs, encryption);
    }

    /** Publishes an append: to readers, and to the pretoucher. */
    private void appended(final long entryPosition, final long timestampMs) {
        lastTimestampMs = timestampMs;
        lastEntryPosition = entryPosition;
        lastIndex = appender.lastIndexAppended();
        endPosition = entryPosition + 1;
        if (pretoucher != null) {
            // The end first: a pretoucher that reads the new file after a roll then reads its end too. The
            // file changes once a cycle, so it is stored only then, sparing a fence on every other append.
            writeEnd = writer.lastEnd();
            final MappedFile file = writer.lastFile();
            if (file != writeFile) {
                writeFile = file;
            }
        }
    }

    private void checkWritable() {
        ensureOpen();
        if (sealed) {
            throw new LogSealedException("shard log is sealed: directory=" + directory);
        }
    }

    private static void checkLengths(final byte[] key, final byte[] data) {
        if (key.length > RecordDescriptor.MAX_KEY_LENGTH
            || (long) RecordDescriptor.HEADER_LENGTH + key.length + data.length > RecordDescriptor.MAX_ENTRY_LENGTH) {
            throw new IllegalArgumentException("entry too large for the log's layout: keyLength=" + key.length
                + ", dataLength=" + data.length);
        }
    }

    /**
     * The time Chronicle reads to pick the file an excerpt goes to: the entry's own timestamp while it is
     * written, so that the entry lands in the file its timestamp names, a file boundary never falls between its
     * fragments, and an append reads the clock once; otherwise the clock.
     */
    private long fileTimeMs() {
        final long pinned = (long) PINNED_TIME_MS.getOpaque(this);
        return pinned != NOT_PINNED ? pinned : monotonicTimeMs();
    }

    private static VarHandle pinnedTimeHandle() {
        try {
            return MethodHandles.lookup().findVarHandle(ChronicleShardLog.class, "pinnedTimeMs", long.class);
        } catch (final ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /**
     * The clock, never going backwards: Chronicle picks an entry's file by this time, and a clock stepped
     * back across a cycle boundary would otherwise append into an older file, out of order.
     */
    private long monotonicTimeMs() {
        return monotonic(clock.time());
    }

    /** A time read from the clock, raised to the latest time this log has handed out if it is before it. */
    private long monotonic(final long nowMs) {
        final long last = monotonicMs.get();
        return nowMs > last ? monotonicMs.accumulateAndGet(nowMs, Math::max) : last;
    }

    @Override
    public int read(final long fromPosition, final int maxEntries, final EntryHandler handler) {
        closeLock.readLock().lock();
        try {
            ensureOpen();
            final ChronicleLogReader reader = borrowReader();
            try {
                return reader.read(fromPosition, lastIndex, maxEntries, handler);
            } finally {
                returnReader(reader);
            }
        } finally {
            closeLock.readLock().unlock();
        }
    }

    @Override
    public long seal() {
        synchronized (appendLock) {
            ensureOpen();
            sealed = true;
            if (pretoucher != null) {
                // Nothing more is appended: let the pretoucher's view of the file go now, not at close.
                pretoucher.remove(this);
            }
            return lastEntryPosition;
        }
    }

    @Override
    public long positionAtOrAfter(final long timestampMs) {
        closeLock.readLock().lock();
        try {
            ensureOpen();
            if (lastIndex == EMPTY || timestampMs > lastTimestampMs) {
                return endPosition();
            }
            final ChronicleLogReader reader = borrowReader();
            try {
                final long position = reader.positionAtOrAfter(timestampMs, lastIndex);
                return position == ChronicleLogReader.NOT_FOUND ? endPosition() : position;
            } finally {
                returnReader(reader);
            }
        } finally {
            closeLock.readLock().unlock();
        }
    }

    @Override
    public long endPosition() {
        final long end = endPosition;
        return end == EMPTY
            ? positions.position(rollCycle.toIndex(rollCycle.current(this::monotonicTimeMs, 0), 0), 0) : end;
    }

    /**
     * The mapped file the log's last append went to, for the pretoucher.
     *
     * @return the file, or null if nothing was appended since the log opened (or it has no pretoucher).
     */
    MappedFile writeFile() {
        return closed ? null : writeFile;
    }

    /**
     * Where the bytes of the log's last append end in {@link #writeFile()}.
     *
     * @return the byte offset in the file.
     */
    long writeEnd() {
        return writeEnd;
    }

    @Override
    public long lastAppendTimeMs() {
        return lastTimestampMs;
    }

    @Override
    public int deleteBefore(final long timestampMs) {
        closeLock.readLock().lock();
        try {
            ensureOpen();
            final long last = lastIndex;
            if (last == EMPTY) {
                return 0;
            }
            final int newestCycle = rollCycle.toCycle(last);
            int deleted = 0;
            for (final Long cycle : queue.listCyclesBetween(queue.firstCycle(), newestCycle)) {
                final long cycleEndMs = (cycle + 1) * (long) rollCycle.lengthInMillis();
                if (cycle >= newestCycle || cycleEndMs > timestampMs) {
                    break;
                }
                deleted += deleteCycleFile(cycle.intValue());
            }
            if (deleted > 0) {
                queue.refreshDirectoryListing();
                closeIdleReaders();
            }
            return deleted;
        } finally {
            closeLock.readLock().unlock();
        }
    }

    private int deleteCycleFile(final int cycle) {
        final String name = fileNameFormat.format(Instant.ofEpochMilli(cycle * (long) rollCycle.lengthInMillis()));
        try {
            return Files.deleteIfExists(directory.resolve(name + SingleChronicleQueue.SUFFIX)) ? 1 : 0;
        } catch (final IOException ex) {
            throw new InternalFailureException("Internal service failure.", ex);
        }
    }

    @Override
    public void sync() {
        if (!syncEnabled) {
            return;
        }
        synchronized (appendLock) {
            ensureOpen();
            appender.sync();
        }
    }

    @Override
    public long syncedPosition() {
        final long synced = queue.lastIndexMSynced();
        // Every entry of the excerpt synced is forced, whichever slot it has.
        return synced == Long.MIN_VALUE || synced == -1 ? -1 : positions.position(synced + 1, 0) - 1;
    }

    @Override
    public void close() {
        closeLock.writeLock().lock();
        try {
            synchronized (appendLock) {
                if (closed) {
                    return;
                }
                closed = true;
                if (pretoucher != null) {
                    pretoucher.remove(this);
                }
                closeIdleReaders();
                appender.close();
                queue.close();
            }
            // Chronicle unmaps on a background thread; wait, so that close() really releases the files.
            BackgroundResourceReleaser.releasePendingResources();
        } finally {
            closeLock.writeLock().unlock();
        }
    }

    /** Closes pooled tailers, which may still map files that retention deleted. */
    private void closeIdleReaders() {
        synchronized (readers) {
            for (final ChronicleLogReader reader : readers) {
                reader.close();
            }
            readers.clear();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new LogClosedException("shard log is closed: directory=" + directory);
        }
    }

    private ChronicleLogReader borrowReader() {
        synchronized (readers) {
            final ChronicleLogReader pooled = readers.pollFirst();
            if (pooled != null) {
                return pooled;
            }
        }
        return new ChronicleLogReader(queue, rollCycle, positions);
    }

    private void returnReader(final ChronicleLogReader reader) {
        synchronized (readers) {
            if (readers.size() < MAX_POOLED_TAILERS) {
                readers.addFirst(reader);
                return;
            }
        }
        reader.close();
    }

    private static RollCycle rollCycle(final LogCycle cycle) {
        return switch (cycle) {
            case FIVE_MINUTES -> RollCycles.FIVE_MINUTELY;
            case HOURLY -> RollCycles.FAST_HOURLY;
            case DAILY -> RollCycles.FAST_DAILY;
        };
    }
}
