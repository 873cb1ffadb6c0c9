package io.embeddedkinesis.core.log;

/**
 * The binary layout of one entry of a shard log: a fixed header, the partition key, the data.
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
 * <p>Fields are little-endian. Readers find the key at {@code Header Length}, never at a constant, so a
 * later version can append per-record metadata (a KMS key id, aggregation details) to the header without
 * breaking existing logs; {@code Flags} and {@code Encryption} are the first such fields and are zero
 * today. The log's own framing (Chronicle's 4-byte excerpt header) wraps the whole entry.
 */
public final class RecordDescriptor {
    /** The layout version written today. */
    public static final byte VERSION = 1;
    /** Offset of the version byte. */
    public static final int VERSION_OFFSET = 0;
    /** Offset of the flags byte (aggregation and other per-record markers; zero today). */
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
    /** The largest key the layout can hold, in bytes. */
    public static final int MAX_KEY_LENGTH = 0xFFFF;

    private RecordDescriptor() {
    }

    /**
     * The length of a whole entry.
     *
     * @param keyLength  the key's length in bytes.
     * @param dataLength the data's length in bytes.
     * @return the entry's length in bytes, header included.
     */
    public static int entryLength(final int keyLength, final int dataLength) {
        return HEADER_LENGTH + keyLength + dataLength;
    }
}
