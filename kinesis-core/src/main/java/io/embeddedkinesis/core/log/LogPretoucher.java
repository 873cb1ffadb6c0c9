package io.embeddedkinesis.core.log;

import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.bytes.MappedFile;
import net.openhft.chronicle.core.io.ReferenceOwner;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Touches the pages of the shard logs' files just ahead of their writers, on a thread of its own
 * ({@code kinesis-pretouch}), so that appends write into pages the kernel has already mapped.
 *
 * <p>An append-only log always writes into fresh pages, and the first write into a fresh page of a
 * memory-mapped file takes a page fault in which the kernel allocates the page and its disk block: measured
 * here on ext4, about 8 µs a page, or 300 ns for a record of 100 bytes, where a write into a page already
 * faulted in takes about 12 ns. That fault was the largest single cost of an append. The pretoucher takes
 * it on another core, before the writer gets there (Chronicle Queue sells the same thing as an enterprise
 * feature).
 *
 * <p>It touches through the writer's own mapping. Chronicle maps a file a chunk at a time and hands every
 * holder of a chunk the same mapping, so the pretoucher reserves the chunks the writer is about to write
 * through, which keeps them mapped while it touches, and touches one int per page with a compare-and-set of
 * 0 to 0: an atomic no-op that cannot change a byte the writer wrote, even if the writer has already reached
 * that page, and that faults the page in as writable, page table entry and all. A second mapping of the file
 * would not do: its touch allocates the page, but the writer's mapping still takes a fault of its own on
 * every page, measured here at about 5 µs of kernel time each on ext4 (a third of an append). A chunk the
 * writer has not reached yet is mapped by the pretoucher, growing the file as Chronicle would, and held until
 * the writer has passed it, so that the writer is handed the same mapping. A chunk lies inside the file, which
 * Chronicle grows before mapping it and, in 2026.4, never truncates (its {@code writeEOFAndShrink} only writes
 * the end-of-file marker), so a touch never lands past the end; a Chronicle version that shrank rolled files
 * would need the pretoucher to stop at a roll. How far ahead it goes grows with what the writer has written
 * to the file, up to {@link #MAX_AHEAD_BYTES}, so a quiet shard's file gets only a few pages ahead and a hot
 * one's several megabytes.
 *
 * <p>Thread-safe. Logs join with {@link #add} when they open and leave with {@link #remove} when they close,
 * which lets go of the pretoucher's hold on their file at once.
 */
public final class LogPretoucher implements AutoCloseable {
    /** The furthest ahead of a writer the pages are touched. */
    static final long MAX_AHEAD_BYTES = 4L << 20;
    /** The least ahead: a few pages, for a log that has hardly been written. */
    static final long MIN_AHEAD_BYTES = 64L << 10;

    private static final Logger LOG = LoggerFactory.getLogger(LogPretoucher.class);
    private static final int PAGE_BYTES = 4096;
    /** Pages are touched only while the disk keeps this much free beyond them. */
    private static final long MIN_FREE_BYTES = 256L << 20;
    /** The first pause when there is nothing to touch, doubled while there still is nothing. */
    private static final long MIN_IDLE_PARK_NS = TimeUnit.MILLISECONDS.toNanos(1);
    /**
     * The longest pause: a writer at 150 MB/s covers about 2.4 MB in it, within {@link #MAX_AHEAD_BYTES}, and an
     * idle broker's thread wakes about 60 times a second.
     */
    private static final long MAX_IDLE_PARK_NS = TimeUnit.MILLISECONDS.toNanos(16);

    private final List<Front> fronts = new CopyOnWriteArrayList<>();
    private final AgentRunner runner;

    private LogPretoucher(final boolean threaded) {
        this.runner = threaded ? new AgentRunner(new BackoffIdleStrategy(0, 0, MIN_IDLE_PARK_NS, MAX_IDLE_PARK_NS),
            error -> LOG.debug("Pretouching failed; the log's writer faults its pages in itself", error), null,
            new TouchAgent()) : null;
    }

    /**
     * Starts a pretoucher on a daemon thread of its own.
     *
     * @return the running pretoucher; close it to stop the thread.
     */
    public static LogPretoucher start() {
        final LogPretoucher pretoucher = new LogPretoucher(true);
        AgentRunner.startOnThread(pretoucher.runner, task -> {
            final Thread thread = new Thread(task);
            thread.setDaemon(true);
            return thread;
        });
        return pretoucher;
    }

    /**
     * A pretoucher without a thread, which touches only when {@link #touchOnce()} is called: for tests that
     * decide when pages are touched.
     *
     * @return the pretoucher.
     */
    static LogPretoucher manual() {
        return new LogPretoucher(false);
    }

    /**
     * One pass over the logs on the caller's thread, as the pretoucher's thread makes them.
     *
     * @return how many pages were touched.
     */
    int touchOnce() {
        int pages = 0;
        for (final Front front : fronts) {
            pages += front.touch();
        }
        return pages;
    }

    /**
     * Starts touching ahead of a log's writer.
     *
     * @param log an open log.
     */
    void add(final ChronicleShardLog log) {
        fronts.add(new Front(log));
    }

    /**
     * Stops touching ahead of a log's writer and lets go of its file's chunks before returning (Chronicle then
     * unmaps the ones the writer does not hold, on its background releaser thread).
     *
     * @param log a log added before.
     */
    void remove(final ChronicleShardLog log) {
        for (final Front front : fronts) {
            if (front.log == log) {
                fronts.remove(front);
                front.release();
            }
        }
    }

    /** Stops the thread and lets go of every file. */
    @Override
    public void close() {
        if (runner != null) {
            runner.close();
        }
        for (final Front front : fronts) {
            front.release();
        }
        fronts.clear();
    }

    /** One pass over the logs, touching what each writer will reach next. */
    private final class TouchAgent implements Agent {
        @Override
        public int doWork() {
            return touchOnce();
        }

        @Override
        public String roleName() {
            return "kinesis-pretouch";
        }
    }

    /**
     * The pretoucher's hold on one log's current file: the chunks of Chronicle's mapping of it that it touches
     * through, reserved so that they stay mapped, and how far into the file the pages are touched.
     */
    private static final class Front {
        private final ChronicleShardLog log;
        private final ReferenceOwner owner = ReferenceOwner.temporary("kinesis-pretouch");
        private final ArrayDeque<MappedBytesStore> chunks = new ArrayDeque<>();
        private MappedFile file;
        private FileStore store;
        private long firstEnd;
        private long touchedTo;
        private boolean released;

        Front(final ChronicleShardLog log) {
            this.log = log;
        }

        /** Touches the pages up to the writer's end plus the distance ahead; returns how many it touched. */
        synchronized int touch() {
            final MappedFile current = log.writeFile();
            if (released || current == null) {
                return 0;
            }
            final long end = log.writeEnd();
            if (log.writeFile() != current) {
                // The writer rolled to a new file between the two reads (it publishes the end first): this end
                // may be the new file's, so touch nothing now rather than grow the old file to it.
                return 0;
            }
            try {
                if (current != file) {
                    follow(current, end);
                }
                releaseChunksBefore(end);
                final long ahead = Math.min(MAX_AHEAD_BYTES, Math.max(MIN_AHEAD_BYTES, end - firstEnd));
                touchedTo = Math.max(touchedTo, end / PAGE_BYTES * PAGE_BYTES);
                final long limit = end + ahead;
                if (touchedTo >= limit) {
                    return 0;
                }
                if (store.getUsableSpace() < limit - touchedTo + MIN_FREE_BYTES) {
                    // A touch allocates the page's disk block, and a write fault on a full disk is a SIGBUS:
                    // leave the pages to the writer, which Chronicle lets fail with an error instead.
                    return 0;
                }
                int pages = 0;
                while (touchedTo < limit) {
                    chunkFor(touchedTo).compareAndSwapInt(touchedTo, 0, 0);
                    touchedTo += PAGE_BYTES;
                    pages++;
                }
                return pages;
            } catch (final IOException | RuntimeException ex) {
                // The file closed under us (a roll, retention, a closing log): let it go; the next file is new.
                LOG.debug("Stopped pretouching {}: {}", current.file(), ex.toString());
                letGo();
                return 0;
            } catch (final InternalError fault) {
                // A fault in the mapped memory (the disk filled up between the check and the touch): stop
                // pretouching this log for good rather than let the error end the thread that serves the others.
                LOG.warn("Stopped pretouching {} after a fault in its mapped memory", current.file(), fault);
                released = true;
                letGo();
                return 0;
            }
        }

        /** The writer moved to another file (a new cycle): let the old one go and start on the new one. */
        private void follow(final MappedFile current, final long end) throws IOException {
            letGo();
            file = current;
            store = Files.getFileStore(current.file().toPath());
            firstEnd = end;
            touchedTo = end / PAGE_BYTES * PAGE_BYTES;
        }

        /**
         * The chunk of the file's mapping that the writer writes a position through: Chronicle keeps one mapping
         * per chunk of a file and hands the same one to every holder, so a page touched through it is one the
         * writer finds faulted in. A chunk the writer has not reached yet is mapped here, and held until the
         * writer has passed it, so that the writer is handed this mapping rather than a fresh one.
         */
        private MappedBytesStore chunkFor(final long position) throws IOException {
            final MappedBytesStore last = chunks.peekLast();
            if (last != null && position >= last.start() && position < last.safeLimit()) {
                return last;
            }
            final MappedBytesStore chunk = file.acquireByteStore(owner, position);
            chunks.addLast(chunk);
            return chunk;
        }

        /** Lets go of the chunks wholly behind the writer, which it no longer writes through. */
        private void releaseChunksBefore(final long end) {
            while (!chunks.isEmpty() && chunks.peekFirst().safeLimit() <= end) {
                release(chunks.pollFirst());
            }
        }

        private void release(final MappedBytesStore chunk) {
            try {
                chunk.release(owner);
            } catch (final RuntimeException ex) {
                LOG.warn("Could not release a chunk of {}", file == null ? null : file.file(), ex);
            }
        }

        /** Releases every chunk held; a release that fails is logged and the others are released all the same. */
        private void letGo() {
            while (!chunks.isEmpty()) {
                release(chunks.pollFirst());
            }
            file = null;
            store = null;
        }

        synchronized void release() {
            released = true;
            letGo();
        }
    }
}
