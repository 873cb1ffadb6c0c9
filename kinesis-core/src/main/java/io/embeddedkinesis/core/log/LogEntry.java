package io.embeddedkinesis.core.log;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A read-only view of one log entry, laid out as {@link RecordDescriptor} draws it, over the log's own
 * memory: nothing is copied until the handler asks for a copy. An entry stored as several fragments is
 * shown whole, from a buffer the reader assembled it in, and looks like any other entry.
 *
 * <p>A flyweight: the log moves the same instance from entry to entry, so it is valid only inside
 * {@link EntryHandler#onEntry}. Not thread-safe.
 */
public final class LogEntry {
    private final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
    private long position;
    private long nextPosition;
    private int keyOffset;

    LogEntry() {
    }

    /** Shows an entry stored in one excerpt (alone or packed with others), in place. */
    void wrap(final long position, final long address, final int length) {
        this.position = position;
        this.nextPosition = position + 1;
        buffer.wrap(address, length);
        this.keyOffset = buffer.getShort(RecordDescriptor.HEADER_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
    }

    /** Shows an entry assembled from its fragments. */
    void wrap(final long position, final byte[] assembled, final int length) {
        this.position = position;
        this.nextPosition = position + 1;
        buffer.wrap(assembled, 0, length);
        this.keyOffset = buffer.getShort(RecordDescriptor.HEADER_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
    }

    /**
     * The entry's position in the log, strictly increasing within the log.
     *
     * @return the position.
     */
    public long position() {
        return position;
    }

    /**
     * Where the entry after this one is at or after: past the entry's last fragment. A read that took this
     * entry continues here.
     *
     * @return the next position.
     */
    public long nextPosition() {
        return nextPosition;
    }

    /**
     * When the entry was appended.
     *
     * @return the arrival time in epoch milliseconds, as the log's clock read it.
     */
    public long timestampMs() {
        return buffer.getLong(RecordDescriptor.TIMESTAMP_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * How the entry's record was encrypted at rest when it was written.
     *
     * @return {@link RecordDescriptor#NOT_ENCRYPTED} or {@link RecordDescriptor#KMS_ENCRYPTED}.
     */
    public byte encryption() {
        return buffer.getByte(RecordDescriptor.ENCRYPTION_OFFSET);
    }

    /**
     * Per-entry flags; zero today (how an entry is stored, alone, packed or in fragments, is not shown here).
     *
     * @return the flags byte.
     */
    public byte flags() {
        return (byte) (buffer.getByte(RecordDescriptor.FLAGS_OFFSET) & ~RecordDescriptor.STORAGE_FLAGS);
    }

    /**
     * The key's length.
     *
     * @return the length of the partition key in bytes.
     */
    public int keyLength() {
        return buffer.getShort(RecordDescriptor.KEY_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
    }

    /**
     * The data's length.
     *
     * @return the length of the data in bytes.
     */
    public int dataLength() {
        return buffer.getInt(RecordDescriptor.DATA_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Decodes the key.
     *
     * @return the partition key.
     */
    public String key() {
        return buffer.getStringWithoutLengthUtf8(keyOffset, keyLength());
    }

    /**
     * Copies the key out, undecoded.
     *
     * @return a new array holding the key's UTF-8 bytes.
     */
    public byte[] keyBytes() {
        final byte[] key = new byte[keyLength()];
        buffer.getBytes(keyOffset, key);
        return key;
    }

    /**
     * Copies the data out.
     *
     * @return a new array holding the data.
     */
    public byte[] data() {
        final byte[] data = new byte[dataLength()];
        buffer.getBytes(keyOffset + keyLength(), data);
        return data;
    }

    /**
     * The memory of the whole entry, for handlers that copy without allocating.
     *
     * @return the buffer, valid only inside the callback.
     */
    public DirectBuffer buffer() {
        return buffer;
    }

    /**
     * Where the data starts in {@link #buffer()}.
     *
     * @return the data's offset.
     */
    public int dataOffset() {
        return keyOffset + keyLength();
    }

    @Override
    public String toString() {
        return "LogEntry{position=" + position + ", timestampMs=" + timestampMs() + ", key="
            + new String(keyBytes(), StandardCharsets.UTF_8) + ", dataLength=" + dataLength() + "}";
    }
}
