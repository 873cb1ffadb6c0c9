package io.embeddedkinesis.core.log;

import io.embeddedkinesis.core.exception.InternalFailureException;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.bytes.MappedFile;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Writes entries into a shard log's Chronicle appender, laid out as {@link RecordDescriptor} draws them:
 * an entry that fits in one fragment as one excerpt, a larger one as a run of fragments, and entries that arrived
 * together as one packed excerpt.
 *
 * <p>Not thread-safe: {@link ChronicleShardLog} calls it under its append lock, which is also what keeps
 * the fragments of one entry consecutive. An excerpt that fails to write is rolled back; fragments written
 * before it stay, as a run cut short, which readers skip.
 */
final class ChronicleLogWriter {
    private final ExcerptAppender appender;
    private final int fragmentBytes;
    /** The one entry {@link #appendWhole} writes, as a batch of one. */
    private final SingleEntry alone = new SingleEntry();
    private Bytes<?> lastBytes;
    private MappedFile lastFile;
    private long lastEnd;

    ChronicleLogWriter(final ExcerptAppender appender, final int fragmentBytes) {
        this.appender = appender;
        this.fragmentBytes = fragmentBytes;
    }

    /**
     * Whether an entry is written as fragments.
     *
     * @param keyLength  the key's length.
     * @param dataLength the data's length.
     * @return true if key and data do not fit in one fragment. (A key longer than a fragment, which only a
     *         tiny fragment size allows, still goes whole into the first fragment, and so does an entry that
     *         has no data besides it.)
     */
    boolean isFragmented(final int keyLength, final int dataLength) {
        return dataLength > headDataBytes(keyLength);
    }

    /** How much data a first fragment holds besides the key. */
    private int headDataBytes(final int keyLength) {
        return Math.max(0, fragmentBytes - keyLength);
    }

    /**
     * Writes an entry that fits in one excerpt; the hot path, which copies key and data once, straight
     * into the mapped file.
     *
     * @return the entry's index.
     */
    long appendWhole(final byte[] key, final byte[] data, final long timestampMs, final byte encryption) {
        alone.key = key;
        alone.data = data;
        try {
            return appendEntries(alone, 0, 1, (byte) 0, timestampMs, encryption);
        } finally {
            alone.key = null;
            alone.data = null;
        }
    }

    /**
     * Writes entries of a batch one after another into one excerpt, each marked {@link RecordDescriptor#PACKED_FLAG}
     * and stamped with the same time. The caller makes sure they fit in one excerpt ({@link #packedBytes}).
     *
     * @param batch       the batch.
     * @param from        the first entry to write.
     * @param to          the entry after the last one to write.
     * @param timestampMs the entries' timestamp.
     * @param encryption  the entries' encryption type byte.
     * @return the excerpt's index.
     */
    long appendPacked(final EntryBatch batch, final int from, final int to, final long timestampMs,
        final byte encryption) {
        return appendEntries(batch, from, to, RecordDescriptor.PACKED_FLAG, timestampMs, encryption);
    }

    /** Writes entries into one excerpt with the given flags; an excerpt that fails to write is rolled back. */
    private long appendEntries(final EntryBatch batch, final int from, final int to, final byte flags,
        final long timestampMs, final byte encryption) {
        final DocumentContext dc = appender.writingDocument();
        try {
            final Bytes<?> bytes = dc.wire().bytes();
            for (int i = from; i < to; i++) {
                final byte[] data = batch.data(i);
                writeHeader(bytes, flags, encryption, batch.key(i), data.length, timestampMs).write(data);
            }
            noteEnd(bytes);
        } catch (final RuntimeException ex) {
            dc.rollbackOnClose();
            throw new InternalFailureException("Internal service failure.", ex);
        } finally {
            dc.close();
        }
        return appender.lastIndexAppended();
    }

    /**
     * The most bytes the entries of one packed excerpt may take together: as many as one entry stored whole may,
     * so that packing never needs a larger mapped block.
     *
     * @return the limit, headers included.
     */
    long packedBytes() {
        return (long) RecordDescriptor.HEADER_LENGTH + fragmentBytes;
    }


    /**
     * Writes an entry as a first fragment with the key and the first data bytes, then continuations.
     * The caller makes sure every fragment goes into the same file.
     *
     * @return the index of the first fragment, which is the entry's position.
     */
    long appendFragments(final byte[] key, final byte[] data, final long timestampMs, final byte encryption) {
        int offset = headDataBytes(key.length);
        DocumentContext dc = appender.writingDocument();
        try {
            writeHeader(dc.wire().bytes(), RecordDescriptor.MORE_FRAGMENTS_FLAG, encryption, key, data.length,
                timestampMs)
                .write(data, 0, offset);
            dc.close();
            dc = null;
            final long first = appender.lastIndexAppended();
            for (int fragment = 1; offset < data.length; fragment++) {
                final int length = Math.min(fragmentBytes, data.length - offset);
                final boolean last = offset + length == data.length;
                dc = appender.writingDocument();
                dc.wire().bytes()
                    .writeByte(RecordDescriptor.VERSION)
                    .writeByte(last ? RecordDescriptor.CONTINUATION_FLAG : RecordDescriptor.FRAGMENT_FLAGS)
                    .writeShort((short) RecordDescriptor.CONTINUATION_HEADER_LENGTH)
                    .writeInt(fragment)
                    .writeInt(offset)
                    .write(data, offset, length);
                noteEnd(dc.wire().bytes());
                dc.close();
                dc = null;
                offset += length;
            }
            return first;
        } catch (final RuntimeException ex) {
            if (dc != null) {
                dc.rollbackOnClose();
                dc.close();
            }
            throw new InternalFailureException("Internal service failure.", ex);
        }
    }

    /** Remembers where the last excerpt's bytes end, and in which file, for {@link LogPretoucher}. */
    private void noteEnd(final Bytes<?> bytes) {
        if (bytes != lastBytes) {
            lastBytes = bytes;
            lastFile = bytes instanceof MappedBytes mapped ? mapped.mappedFile() : null;
        }
        lastEnd = bytes.writePosition();
    }

    /**
     * The mapped file the last excerpt was written to, whose mappings the writer writes through.
     *
     * @return the file, or null before the first append (or if the log is not memory-mapped).
     */
    MappedFile lastFile() {
        return lastFile;
    }

    /**
     * Where the last excerpt's bytes end in {@link #lastFile()}.
     *
     * @return the byte offset.
     */
    long lastEnd() {
        return lastEnd;
    }

    /**
     * Writes an entry's header and key. The header's first eight bytes (version, flags, header length,
     * encryption, reserved, key length) go as one little-endian long, as Chronicle writes every field: one
     * bounds check where six writes took six.
     */
    private static Bytes<?> writeHeader(final Bytes<?> bytes, final byte flags, final byte encryption,
        final byte[] key, final int dataLength, final long timestampMs) {
        return bytes.writeLong(headerWord(flags, encryption, key.length))
            .writeLong(timestampMs)
            .writeInt(dataLength)
            .write(key);
    }

    /**
     * The header's first eight bytes as a little-endian long, laid out as {@link RecordDescriptor} draws them.
     *
     * @param flags      the flags byte.
     * @param encryption the encryption type byte.
     * @param keyLength  the key's length, at most {@link RecordDescriptor#MAX_KEY_LENGTH}.
     * @return the long whose bytes, lowest first, are the header's bytes 0 to 7.
     */
    static long headerWord(final byte flags, final byte encryption, final int keyLength) {
        return (RecordDescriptor.VERSION & 0xFFL) << (Byte.SIZE * RecordDescriptor.VERSION_OFFSET)
            | (flags & 0xFFL) << (Byte.SIZE * RecordDescriptor.FLAGS_OFFSET)
            | (RecordDescriptor.HEADER_LENGTH & 0xFFFFL) << (Byte.SIZE * RecordDescriptor.HEADER_LENGTH_OFFSET)
            | (encryption & 0xFFL) << (Byte.SIZE * RecordDescriptor.ENCRYPTION_OFFSET)
            | (keyLength & 0xFFFFL) << (Byte.SIZE * RecordDescriptor.KEY_LENGTH_OFFSET);
    }

    /** A batch of one entry, reused by {@link #appendWhole} under the log's append lock. */
    private static final class SingleEntry implements EntryBatch {
        private byte[] key;
        private byte[] data;

        @Override
        public int size() {
            return 1;
        }

        @Override
        public byte[] key(final int i) {
            return key;
        }

        @Override
        public byte[] data(final int i) {
            return data;
        }
    }
}
