package io.embeddedkinesis.core.log;

import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
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
 * <p>It maps the file a writer is filling a second time, read-write, and touches one int per page with a
 * compare-and-set of 0 to 0: an atomic no-op that cannot change a byte the writer wrote, even if the writer
 * has already reached that page, and that faults the page in as writable. It never maps past the file's end,
 * so it never grows a file: Chronicle extends its files a block at a time, and the pretoucher stays inside
 * what exists. Nor may a file shrink under it, or a touch past the new end would fault the JVM: Chronicle
 * Queue 2026.4 never truncates a file it wrote (its {@code writeEOFAndShrink} only writes the end-of-file
 * marker) and retention deletes whole files, which stay mapped until let go; a Chronicle version that shrank
 * rolled files would need the pretoucher to stop at a roll. How far ahead it goes grows with what the writer
 * has written to the file, up to
 * {@link #MAX_AHEAD_BYTES}, so a quiet shard's file gets only a few pages ahead and a hot one's several
 * megabytes.
 *
 * <p>Thread-safe. Logs join with {@link #add} when they open and leave with {@link #remove} when they close,
 * which unmaps the pretoucher's view of their file at once.
 */
public final class LogPretoucher implements AutoCloseable {
    /** The furthest ahead of a writer the pages are touched. */
    static final long MAX_AHEAD_BYTES = 4L << 20;
    /** The least ahead: a few pages, for a log that has hardly been written. */
    static final long MIN_AHEAD_BYTES = 64L << 10;

    private static final Logger LOG = LoggerFactory.getLogger(LogPretoucher.class);
    private static final int PAGE_BYTES = 4096;
    private static final long WINDOW_BYTES = 16L << 20;
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
     * Stops touching ahead of a log's writer and unmaps the pretoucher's view of its file before returning.
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

    /** Stops the thread and unmaps every file. */
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

    /** The pretoucher's view of one log's current file, and how far into it the pages are touched. */
    private static final class Front {
        private final ChronicleShardLog log;
        private final UnsafeBuffer page = new UnsafeBuffer(0, 0);
        private File file;
        private FileChannel channel;
        private FileStore store;
        private MappedByteBuffer window;
        private long windowStart;
        private long firstEnd;
        private long touchedTo;
        private boolean released;

        Front(final ChronicleShardLog log) {
            this.log = log;
        }

        /** Touches the pages up to the writer's end plus the distance ahead; returns how many it touched. */
        synchronized int touch() {
            final File current = log.writeFile();
            if (released || current == null) {
                return 0;
            }
            final long end = log.writeEnd();
            try {
                if (!current.equals(file)) {
                    follow(current, end);
                }
                final long ahead = Math.min(MAX_AHEAD_BYTES, Math.max(MIN_AHEAD_BYTES, end - firstEnd));
                touchedTo = Math.max(touchedTo, end / PAGE_BYTES * PAGE_BYTES);
                if (touchedTo >= end + ahead) {
                    return 0;
                }
                final long size = channel.size();
                final long limit = Math.min(end + ahead, size);
                if (store.getUsableSpace() < limit - touchedTo + MIN_FREE_BYTES) {
                    // A touch allocates the page's disk block, and a write fault on a full disk is a SIGBUS:
                    // leave the pages to the writer, which Chronicle lets fail with an error instead.
                    return 0;
                }
                int pages = 0;
                while (touchedTo + Integer.BYTES <= limit) {
                    if (window == null || touchedTo + Integer.BYTES > windowStart + window.capacity()) {
                        map(touchedTo, size);
                    }
                    page.compareAndSetInt((int) (touchedTo - windowStart), 0, 0);
                    touchedTo += PAGE_BYTES;
                    pages++;
                }
                return pages;
            } catch (final IOException | RuntimeException ex) {
                // A file deleted or closed under us (retention, a closing log): leave it; the next file is new.
                LOG.debug("Stopped pretouching {}: {}", file, ex.toString());
                unmap();
                return 0;
            } catch (final InternalError fault) {
                // A fault in the mapped memory (the disk filled up between the check and the touch): stop
                // pretouching this log for good rather than let the error end the thread that serves the others.
                LOG.warn("Stopped pretouching {} after a fault in its mapped memory", file, fault);
                released = true;
                unmap();
                return 0;
            }
        }

        /** The writer moved to another file (a new cycle): let the old one go and start on the new one. */
        private void follow(final File current, final long end) throws IOException {
            unmap();
            file = current;
            channel = FileChannel.open(current.toPath(), StandardOpenOption.READ, StandardOpenOption.WRITE);
            store = Files.getFileStore(current.toPath());
            firstEnd = end;
            touchedTo = end / PAGE_BYTES * PAGE_BYTES;
        }

        /**
         * Maps up to {@link #WINDOW_BYTES} of the file from a page on, never past {@code size} (the file's size),
         * so that the passes that follow a busy writer find most of their pages already mapped.
         */
        private void map(final long from, final long size) throws IOException {
            if (window != null) {
                IoUtil.unmap(window);
                window = null;
            }
            final long length = Math.min(WINDOW_BYTES, size - from);
            window = channel.map(FileChannel.MapMode.READ_WRITE, from, length);
            windowStart = from;
            page.wrap(window);
        }

        private void unmap() {
            if (window != null) {
                page.wrap(0, 0);
                IoUtil.unmap(window);
                window = null;
            }
            CloseHelper.quietClose(channel);
            channel = null;
            store = null;
            file = null;
        }

        synchronized void release() {
            released = true;
            unmap();
        }
    }
}
