package io.embeddedkinesis.core.log;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * The binary layout of one entry of a shard log: a fixed header, the partition key, the data; and of the
 * fragments that hold an entry too large for one excerpt of the log.
 *
 * <p>An entry whose key and data fit in {@link LogConfig#fragmentBytes()} is one excerpt, as drawn here,
 * with {@code Flags} zero:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------+---------------+-------------------------------+
 *  |    Version    |     Flags     |         Header Length         |
 *  +---------------+---------------+-------------------------------+
 *  |  Encryption   |   Reserved    |          Key Length           |
 *  +---------------+---------------+-------------------------------+
 *  |                  Arrival Timestamp (epoch ms)                 |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                          Data Length                          |
 *  +---------------------------------------------------------------+
 *  |       Extension fields (Header Length - 20 bytes, none yet)  ...
 *  +---------------------------------------------------------------+
 *  |                Partition Key (UTF-8, Key Length bytes)       ...
 *  +---------------------------------------------------------------+
 *  |                       Data (Data Length bytes)               ...
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>A larger entry is a run of consecutive excerpts, its <em>fragments</em>. The first fragment is laid out
 * as above, with {@link #MORE_FRAGMENTS_FLAG} in {@code Flags} and the whole data's length in
 * {@code Data Length}, and holds the whole key and as much data as fits (the rest of the excerpt). Each
 * continuation fragment holds the next data bytes behind a short header, with {@link #CONTINUATION_FLAG}
 * set; every fragment but the last also has {@link #MORE_FRAGMENTS_FLAG}:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------+---------------+-------------------------------+
 *  |    Version    |     Flags     |   Header Length (12 today)    |
 *  +---------------+---------------+-------------------------------+
 *  |     Fragment Number (k for the k-th continuation: its first   |
 *  |     fragment is k excerpts back)                              |
 *  +---------------------------------------------------------------+
 *  |     Data Offset (where these bytes go in the entry's data)    |
 *  +---------------------------------------------------------------+
 *  |     Data (the rest of the excerpt)                           ...
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Entries that arrive together (the records of one {@code PutRecords} call for one shard) may share one
 * excerpt, <em>packed</em>: laid out one after the other as drawn above, each with {@link #PACKED_FLAG} in
 * {@code Flags}, all stamped with the same arrival time, and together no longer than one whole entry may be.
 * Packing spares Chronicle's per-excerpt work (its lock, header and index) for all but one of them. An entry
 * that needs fragments is never packed.
 *
 * <p>A position names an entry within an excerpt: the excerpt's Chronicle index times
 * {@link #MAX_PACKED_ENTRIES}, plus the entry's place in the excerpt (always 0 for an entry not packed).
 * An entry's position is its first fragment's; the next entry starts after its last fragment. The
 * fragments of an entry are appended under one lock hold and into one log file, so they are consecutive
 * and continuation k's first fragment is exactly k excerpts before it. A run that is cut short (the process died
 * between two fragments, or a write failed) is never an entry: readers deliver an entry only once its last
 * fragment is there, and skip a run that the next first fragment or whole entry interrupts. Fragments
 * exist so that a shard's memory-mapped blocks stay sized for ordinary records (Chronicle Queue needs a
 * block of four times its largest excerpt) while a stream may take records of up to 10 MiB.
 *
 * <p>Fields are little-endian. Readers find the key, and a continuation's data, at {@code Header Length},
 * never at a constant, so a later version can append per-record metadata (a KMS key id, aggregation
 * details) to a header without breaking existing logs; {@code Flags} must be understood by every reader.
 * {@code Encryption} says how the stream encrypted the record at rest when it was written
 * ({@link #NOT_ENCRYPTED} or {@link #KMS_ENCRYPTED}); the bytes themselves are stored as given. The log's own
 * framing (Chronicle's 4-byte excerpt header) wraps each excerpt.
 */
public final class RecordDescriptor {
    /** The layout version written today. */
    public static final byte VERSION = 1;
    /** Offset of the version byte. */
    public static final int VERSION_OFFSET = 0;
    /** Offset of the flags byte. */
    public static final int FLAGS_OFFSET = 1;
    /** Offset of the 16-bit header length. */
    public static final int HEADER_LENGTH_OFFSET = 2;
    /** Offset of the encryption type byte (0 = NONE). */
    public static final int ENCRYPTION_OFFSET = 4;
    /** Offset of the 16-bit key length. */
    public static final int KEY_LENGTH_OFFSET = 6;
    /** Offset of the 64-bit arrival timestamp. */
    public static final int TIMESTAMP_OFFSET = 8;
    /** Offset of the 32-bit data length. */
    public static final int DATA_LENGTH_OFFSET = 16;
    /** Length of the header written today. */
    public static final int HEADER_LENGTH = 20;
    /** Encryption type byte: the record is not encrypted ({@code EncryptionType} NONE). */
    public static final byte NOT_ENCRYPTED = 0;
    /** Encryption type byte: the stream encrypted the record with a KMS key ({@code EncryptionType} KMS). */
    public static final byte KMS_ENCRYPTED = 1;
    /** The largest key the layout can hold, in bytes. */
    public static final int MAX_KEY_LENGTH = 0xFFFF;
    /** The largest entry, header included, that a reader can assemble from fragments into one array. */
    public static final int MAX_ENTRY_LENGTH = Integer.MAX_VALUE - 8;

    /** Flag: another fragment of this entry follows this excerpt. */
    public static final byte MORE_FRAGMENTS_FLAG = 0x01;
    /** Flag: this excerpt continues the entry a first fragment started; it is not an entry by itself. */
    public static final byte CONTINUATION_FLAG = 0x02;
    /** Flag: this entry shares its excerpt with other entries of the same arrival, laid out one after another. */
    public static final byte PACKED_FLAG = 0x04;
    /** The flags that only say how an entry is stored; a reader never shows them with an entry. */
    public static final byte FRAGMENT_FLAGS = MORE_FRAGMENTS_FLAG | CONTINUATION_FLAG;
    /** The flags a reader never shows with an entry: how it is stored, in fragments or packed. */
    public static final byte STORAGE_FLAGS = FRAGMENT_FLAGS | PACKED_FLAG;
    /** The most entries one packed excerpt holds; a power of two, as positions reserve that many per excerpt. */
    public static final int MAX_PACKED_ENTRIES = 512;
    /** Offset of a continuation's 32-bit fragment number. */
    public static final int FRAGMENT_NUMBER_OFFSET = 4;
    /** Offset of a continuation's 32-bit data offset. */
    public static final int DATA_OFFSET_OFFSET = 8;
    /** Length of the continuation header written today. */
    public static final int CONTINUATION_HEADER_LENGTH = 12;

    private RecordDescriptor() {
    }

    /**
     * The length of a whole entry, as one excerpt or as the assembled fragments.
     *
     * @param keyLength  the key's length in bytes.
     * @param dataLength the data's length in bytes.
     * @return the entry's length in bytes, header included.
     */
    public static int entryLength(final int keyLength, final int dataLength) {
        return HEADER_LENGTH + keyLength + dataLength;
    }

    /**
     * Whether an excerpt's flags mark it as a continuation fragment.
     *
     * @param flags the flags byte.
     * @return true for a continuation.
     */
    public static boolean isContinuation(final byte flags) {
        return (flags & CONTINUATION_FLAG) != 0;
    }

    /**
     * The length of the entry at an offset of a packed excerpt, header, key and data together: where the next one
     * starts.
     *
     * @param excerpt the excerpt's bytes.
     * @param offset  where the entry starts.
     * @return its length, or -1 if there is no whole entry there (the excerpt ends, or its lengths do not add up).
     */
    static int packedEntryLength(final DirectBuffer excerpt, final int offset) {
        final int remaining = excerpt.capacity() - offset;
        if (remaining < HEADER_LENGTH) {
            return -1;
        }
        final long length = (excerpt.getShort(offset + HEADER_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN) & 0xFFFF)
            + (excerpt.getShort(offset + KEY_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN) & 0xFFFF)
            + (long) excerpt.getInt(offset + DATA_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
        return length < HEADER_LENGTH || length > remaining ? -1 : (int) length;
    }

    /**
     * Whether an entry's flags mark it as packed with others into one excerpt.
     *
     * @param flags the flags byte.
     * @return true for an entry of a packed excerpt.
     */
    public static boolean isPacked(final byte flags) {
        return (flags & PACKED_FLAG) != 0;
    }

    /**
     * Whether an excerpt's flags say that another fragment of its entry follows.
     *
     * @param flags the flags byte.
     * @return true unless the excerpt ends its entry.
     */
    public static boolean hasMoreFragments(final byte flags) {
        return (flags & MORE_FRAGMENTS_FLAG) != 0;
    }
}
