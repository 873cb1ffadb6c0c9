package io.embeddedkinesis.benchmarks.baseline;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.log.ChronicleRuntime;
import io.embeddedkinesis.core.log.Durability;
import io.embeddedkinesis.core.log.LogConfig;
import io.embeddedkinesis.core.log.LogCycle;
import io.embeddedkinesis.core.log.RecordDescriptor;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;

/**
 * The baseline of every benchmark: one Chronicle Queue with the configuration a shard log uses by default
 * (the block size of {@code LogConfig(HOURLY, MAX_RECORD_SIZE_BYTES, PAGE_CACHE)}, {@code FAST_HOURLY}
 * files, no sync, a single appender without thread checks), holding entries of the shard log's layout: the
 * {@link RecordDescriptor} header, the partition key, the data.
 *
 * <p>It does only what storing and reading those bytes takes, and nothing the library adds on top
 * (validation, hashing and routing, sequence numbers, iterators, result objects): the timestamp is fixed
 * when the log opens, and a read copies the data out and nothing else.
 *
 * <p>Not thread-safe: one benchmark thread.
 */
public final class RawChronicleLog implements AutoCloseable {
    private final ChronicleQueue queue;
    private final ExcerptAppender appender;
    private final ExcerptTailer tailer;
    private final long timestampMs = System.currentTimeMillis();

    /**
     * Opens (or creates) the log.
     *
     * @param directory the queue's directory.
     */
    public RawChronicleLog(final Path directory) {
        ChronicleRuntime.prepare();
        final LogConfig config = new LogConfig(LogCycle.HOURLY, BrokerConfig.MAX_RECORD_SIZE_BYTES,
            Durability.PAGE_CACHE);
        this.queue = ChronicleQueue.singleBuilder(directory)
            .blockSize(config.blockSizeBytes())
            .rollCycle(RollCycles.FAST_HOURLY)
            .syncMode(SyncMode.NONE)
            .build();
        this.appender = queue.createAppender();
        appender.singleThreadedCheckDisabled(true);
        this.tailer = queue.createTailer();
        tailer.singleThreadedCheckDisabled(true);
    }

    /**
     * Appends one entry, laid out as a shard log lays it out.
     *
     * @param key  the partition key's UTF-8 bytes.
     * @param data the data.
     * @return the entry's index.
     */
    public long append(final byte[] key, final byte[] data) {
        try (DocumentContext dc = appender.writingDocument()) {
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
        }
        return appender.lastIndexAppended();
    }

    /**
     * Reads the next entry and copies its data into a new array.
     *
     * @return the data, or null at the end of the log.
     */
    public byte[] readData() {
        return readData(tailer);
    }

    private static byte[] readData(final ExcerptTailer tailer) {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return null;
            }
            final Bytes<?> bytes = dc.wire().bytes();
            final long start = bytes.readPosition();
            final int headerLength = bytes.readUnsignedShort(start + RecordDescriptor.HEADER_LENGTH_OFFSET);
            final int keyLength = bytes.readUnsignedShort(start + RecordDescriptor.KEY_LENGTH_OFFSET);
            final int dataLength = bytes.readInt(start + RecordDescriptor.DATA_LENGTH_OFFSET);
            final byte[] data = new byte[dataLength];
            bytes.read(start + headerLength + keyLength, data, 0, dataLength);
            return data;
        }
    }

    /**
     * A reader of its own, positioned at the end of the log: what a tailing consumer on another thread uses.
     *
     * @return the reader; close it before the log.
     */
    public Reader createReader() {
        final ExcerptTailer own = queue.createTailer();
        own.singleThreadedCheckDisabled(true);
        own.toEnd();
        return new Reader(own);
    }

    /**
     * A tailer of the log, for one thread at a time, reading as {@link #readData()} does.
     */
    public static final class Reader implements AutoCloseable {
        private final ExcerptTailer tailer;

        private Reader(final ExcerptTailer tailer) {
            this.tailer = tailer;
        }

        /**
         * Reads the next entry and copies its data into a new array.
         *
         * @return the data, or null at the end of the log.
         */
        public byte[] readData() {
            return RawChronicleLog.readData(tailer);
        }

        @Override
        public void close() {
            tailer.close();
        }
    }

    /**
     * Moves the reader back to the first entry.
     */
    public void rewind() {
        tailer.toStart();
    }

    @Override
    public void close() {
        tailer.close();
        appender.close();
        queue.close();
    }
}
