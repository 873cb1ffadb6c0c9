package io.embeddedkinesis.core.log;

import io.embeddedkinesis.core.exception.InternalFailureException;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.core.io.BackgroundResourceReleaser;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.EpochClock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.NavigableSet;
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
 * <p>Positions are Chronicle indexes (cycle and sequence within it), which are dense within a file but
 * jump between files, hence the "first entry at or after" reading rule of {@link ShardLog}.
 */
public final class ChronicleShardLog implements ShardLog {
    private static final int MAX_POOLED_TAILERS = 4;
    private static final long EMPTY = -1L;

    private final Path directory;
    private final EpochClock clock;
    private final RollCycle rollCycle;
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final boolean syncEnabled;
    private final DateTimeFormatter fileNameFormat;
    private final Object appendLock = new Object();
    private final ReentrantReadWriteLock closeLock = new ReentrantReadWriteLock();
    private final ArrayDeque<Reader> readers = new ArrayDeque<>();
    private volatile long lastIndex;
    private volatile long lastTimestampMs;
    private final AtomicLong monotonicMs = new AtomicLong(Long.MIN_VALUE);
    private volatile boolean closed;
    private volatile boolean sealed;

    /**
     * Opens (or creates) the log in a directory.
     *
     * @param directory the shard's own directory.
     * @param config    the layout and durability.
     * @param clock     the clock that stamps entries and decides file cycles.
     */
    public ChronicleShardLog(final Path directory, final LogConfig config, final EpochClock clock) {
        ChronicleRuntime.prepare();
        this.directory = directory;
        this.clock = clock;
        this.rollCycle = rollCycle(config.cycle());
        this.syncEnabled = config.durability() != Durability.PAGE_CACHE;
        this.fileNameFormat = DateTimeFormatter.ofPattern(rollCycle.format()).withZone(ZoneOffset.UTC);
        this.queue = ChronicleQueue.singleBuilder(directory)
            .blockSize(config.blockSizeBytes())
            .rollCycle(rollCycle)
            .timeProvider(this::monotonicTimeMs)
            .syncMode(syncEnabled ? SyncMode.SYNC : SyncMode.NONE)
            .build();
        ExcerptAppender created = null;
        try {
            created = queue.createAppender();
            created.singleThreadedCheckDisabled(true);
            this.appender = created;
            recoverTail();
        } catch (final RuntimeException ex) {
            if (created != null) {
                created.close();
            }
            queue.close();
            throw ex;
        }
    }

    private void recoverTail() {
        lastIndex = EMPTY;
        lastTimestampMs = NO_TIMESTAMP;
        try (ExcerptTailer tailer = queue.createTailer()) {
            tailer.direction(TailerDirection.BACKWARD).toEnd();
            try (DocumentContext dc = tailer.readingDocument()) {
                if (dc.isPresent()) {
                    final Bytes<?> bytes = dc.wire().bytes();
                    lastIndex = dc.index();
                    lastTimestampMs = bytes.readLong(bytes.readPosition() + RecordDescriptor.TIMESTAMP_OFFSET);
                    monotonicMs.set(lastTimestampMs);
                }
            }
        }
    }

    @Override
    public long append(final byte[] key, final byte[] data) {
        synchronized (appendLock) {
            ensureOpen();
            if (sealed) {
                throw new LogSealedException("shard log is sealed: directory=" + directory);
            }
            final long timestampMs = monotonicTimeMs();
            final DocumentContext dc = appender.writingDocument();
            try {
                final Bytes<?> bytes = dc.wire().bytes();
                bytes.writeByte(RecordDescriptor.VERSION);
                bytes.writeByte((byte) 0);
                bytes.writeShort((short) RecordDescriptor.HEADER_LENGTH);
                bytes.writeByte((byte) 0);
                bytes.writeByte((byte) 0);
                bytes.writeShort((short) key.length);
                bytes.writeLong(timestampMs);
                bytes.writeInt(data.length);
                bytes.write(key);
                bytes.write(data);
            } catch (final RuntimeException ex) {
                dc.rollbackOnClose();
                throw new InternalFailureException("Internal service failure.", ex);
            } finally {
                dc.close();
            }
            lastTimestampMs = timestampMs;
            lastIndex = appender.lastIndexAppended();
            return lastIndex;
        }
    }

    /**
     * The clock, never going backwards: Chronicle picks an entry's file by this time, and a clock stepped
     * back across a cycle boundary would otherwise append into an older file, out of order.
     */
    private long monotonicTimeMs() {
        final long nowMs = clock.time();
        final long last = monotonicMs.get();
        return nowMs > last ? monotonicMs.accumulateAndGet(nowMs, Math::max) : last;
    }

    @Override
    public int read(final long fromPosition, final int maxEntries, final EntryHandler handler) {
        closeLock.readLock().lock();
        try {
            ensureOpen();
            final Reader reader = borrowReader();
            try {
                return reader.read(fromPosition, maxEntries, handler);
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
            return lastIndex;
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
            final Reader reader = borrowReader();
            try {
                return reader.positionAtOrAfter(timestampMs);
            } finally {
                returnReader(reader);
            }
        } finally {
            closeLock.readLock().unlock();
        }
    }

    @Override
    public long endPosition() {
        final long last = lastIndex;
        return last == EMPTY ? rollCycle.toIndex(rollCycle.current(this::monotonicTimeMs, 0), 0) : last + 1;
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
        return synced == Long.MIN_VALUE || synced == -1 ? -1 : synced;
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
            for (final Reader reader : readers) {
                reader.tailer.close();
            }
            readers.clear();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new LogClosedException("shard log is closed: directory=" + directory);
        }
    }

    private Reader borrowReader() {
        synchronized (readers) {
            final Reader pooled = readers.pollFirst();
            if (pooled != null) {
                return pooled;
            }
        }
        final ExcerptTailer tailer = queue.createTailer();
        tailer.singleThreadedCheckDisabled(true);
        return new Reader(tailer);
    }

    private void returnReader(final Reader reader) {
        synchronized (readers) {
            if (readers.size() < MAX_POOLED_TAILERS) {
                readers.addFirst(reader);
                return;
            }
        }
        reader.tailer.close();
    }

    private static RollCycle rollCycle(final LogCycle cycle) {
        return switch (cycle) {
            case FIVE_MINUTES -> RollCycles.FIVE_MINUTELY;
            case HOURLY -> RollCycles.FAST_HOURLY;
            case DAILY -> RollCycles.FAST_DAILY;
        };
    }

    /** A tailer with the entry view it fills; used by one thread at a time. */
    private final class Reader {
        private final ExcerptTailer tailer;
        private final LogEntry entry = new LogEntry();

        Reader(final ExcerptTailer tailer) {
            this.tailer = tailer;
        }

        int read(final long fromPosition, final int maxEntries, final EntryHandler handler) {
            if (!seek(fromPosition)) {
                return 0;
            }
            int taken = 0;
            while (taken < maxEntries) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    final Bytes<?> bytes = dc.wire().bytes();
                    entry.wrap(dc.index(), bytes.addressForRead(bytes.readPosition()), (int) bytes.readRemaining());
                    if (!handler.onEntry(entry)) {
                        dc.rollbackOnClose();
                        break;
                    }
                    taken++;
                }
            }
            return taken;
        }

        /**
         * Moves to the first entry at or after a position; false if there is none yet. When the position
         * holds no entry, the entry is the first of a later file; files without a complete entry (left by a
         * crash during a file's first append) are skipped.
         */
        private boolean seek(final long position) {
            if (tailer.moveToIndex(position)) {
                return true;
            }
            final long last = lastIndex;
            if (last == EMPTY || position > last) {
                return false;
            }
            final int positionCycle = rollCycle.toCycle(position);
            for (final Long cycle : queue.listCyclesBetween(queue.firstCycle(), rollCycle.toCycle(last))) {
                if (cycle <= positionCycle) {
                    // Entries of a file are dense: had the position's file an entry at or after it,
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

        long positionAtOrAfter(final long timestampMs) {
            final long first = queue.firstIndex();
            if (first == Long.MAX_VALUE) {
                return endPosition();
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
                    return firstInCycleAtOrAfter(cycle.intValue(), count, timestampMs);
                }
            }
            return endPosition();
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

        private long timestampAt(final long index) {
            if (!tailer.moveToIndex(index)) {
                return Long.MIN_VALUE;
            }
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    return Long.MIN_VALUE;
                }
                final Bytes<?> bytes = dc.wire().bytes();
                return bytes.readLong(bytes.readPosition() + RecordDescriptor.TIMESTAMP_OFFSET);
            }
        }
    }
}
