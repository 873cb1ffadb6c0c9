package io.embeddedkinesis.core.log;

/**
 * An append-only log of timestamped entries (a key and data, laid out as {@link RecordDescriptor}
 * draws it): the storage of one shard, and the log API that the sibling modules build on.
 *
 * <p>Positions are opaque longs, strictly increasing in append order but not dense: a reader asks for
 * "the first entry at or after position p", so any position from {@link #endPosition()},
 * {@link LogEntry#nextPosition()} or {@link #positionAtOrAfter} stays valid however the log grows or is
 * trimmed. An entry's {@link LogEntry#nextPosition()} is its own position plus one, which a read from treats as
 * "after this entry", whatever position the next entry has.
 * Entry timestamps come from the log's clock when the entry is appended and never decrease along the log.
 *
 * <p>Implementations are thread-safe: any number of threads may append and read at once; appends are
 * serialized, so positions and timestamps follow one order.
 */
public interface ShardLog extends AutoCloseable {
    /** Returned by {@link #lastAppendTimeMs()} for a log that was never written. */
    long NO_TIMESTAMP = Long.MIN_VALUE;

    /**
     * Appends one entry, stamped with the current time. The append is atomic: readers see the whole entry
     * or nothing of it, even if the process dies during the append, and no other append falls inside it.
     *
     * @param key  the key's bytes (the UTF-8 partition key), at most {@link RecordDescriptor#MAX_KEY_LENGTH}.
     * @param data the data; with the header and key at most {@link RecordDescriptor#MAX_ENTRY_LENGTH}. Entries of
     *             any size up to that are stored without growing the log's mapped blocks.
     * @return the entry's position.
     * @throws LogSealedException if the log was sealed.
     * @throws IllegalArgumentException if the key or the entry is larger than the layout allows.
     */
    default long append(byte[] key, byte[] data) {
        return append(key, data, RecordDescriptor.NOT_ENCRYPTED);
    }

    /**
     * Appends one entry, stamped with the current time, marked with how its record is encrypted at rest; as
     * {@link #append(byte[], byte[])} otherwise.
     *
     * @param key        the key's bytes.
     * @param data       the data.
     * @param encryption the entry's encryption type byte ({@link RecordDescriptor#NOT_ENCRYPTED} or
     *                   {@link RecordDescriptor#KMS_ENCRYPTED}), which {@link LogEntry#encryption()} gives back.
     * @return the entry's position.
     * @throws LogSealedException if the log was sealed.
     * @throws IllegalArgumentException if the key or the entry is larger than the layout allows.
     */
    long append(byte[] key, byte[] data, byte encryption);

    /**
     * Appends one entry stamped with a time the caller read once for entries that arrived together (the records
     * of one {@code PutRecords} call), which spares a clock read each; as {@link #append(byte[], byte[], byte)}
     * otherwise. Timestamps never go backwards in a log: a time before the last entry's is raised to it.
     *
     * @param key           the key's bytes.
     * @param data          the data.
     * @param encryption    the entry's encryption type byte.
     * @param arrivalTimeMs when the entry arrived, in epoch milliseconds, by the clock the log was opened with.
     * @return the entry's position.
     * @throws LogSealedException if the log was sealed.
     * @throws IllegalArgumentException if the key or the entry is larger than the layout allows.
     */
    long append(byte[] key, byte[] data, byte encryption, long arrivalTimeMs);

    /**
     * Appends entries that arrived together (the records of one {@code PutRecords} call routed to this log's
     * shard), in order, all stamped with one time read once for them, as {@link #append(byte[], byte[], byte, long)}
     * stamps one. An implementation may store them more cheaply than one by one; each still has a position of its
     * own. Every entry's lengths are checked before any is written.
     *
     * @param batch         the entries.
     * @param encryption    their encryption type byte.
     * @param arrivalTimeMs when they arrived, in epoch milliseconds, by the clock the log was opened with.
     * @param positions     receives each entry's position, at the entry's place in the batch.
     * @return how many entries were appended, from the first: all of them, unless a write failed after some were
     *         appended, when the rest are not written.
     * @throws LogSealedException if the log was sealed; nothing was written.
     * @throws IllegalArgumentException if a key or an entry is larger than the layout allows; nothing was written.
     * @throws io.embeddedkinesis.core.exception.InternalFailureException if the first write failed; nothing was
     *         written.
     */
    int appendAll(EntryBatch batch, byte encryption, long arrivalTimeMs, long[] positions);

    /**
     * Reads entries in order, from the first one at or after {@code fromPosition}.
     *
     * @param fromPosition where to start; positions before the first entry start at the first entry.
     * @param maxEntries   the most entries to deliver.
     * @param handler      receives each entry and may stop the read before one.
     * @return the number of entries the handler took.
     */
    int read(long fromPosition, int maxEntries, EntryHandler handler);

    /**
     * Refuses every later append, for good: the shard this log stores was closed. Idempotent.
     *
     * @return the position of the last entry appended, or -1 if the log was never written.
     */
    long seal();

    /**
     * Finds where entries at or after a time begin.
     *
     * @param timestampMs a time in epoch milliseconds.
     * @return the position of the first entry stamped at or after that time (or a position just before it with
     *         no entry in between, where a crash left an entry incomplete), or {@link #endPosition()} if there
     *         is none yet.
     */
    long positionAtOrAfter(long timestampMs);

    /**
     * The position the next append will be at or after: where a reader waits for new entries.
     *
     * @return the end position.
     */
    long endPosition();

    /**
     * When the newest entry was appended.
     *
     * @return its timestamp, or {@link #NO_TIMESTAMP} if the log is empty.
     */
    long lastAppendTimeMs();

    /**
     * Deletes whole log files that hold only entries stamped before a time. The file being written to is
     * never deleted; readers still positioned inside a deleted file may finish reading it.
     *
     * @param timestampMs entries before this time are no longer needed.
     * @return the number of files deleted.
     */
    int deleteBefore(long timestampMs);

    /**
     * Forces what has been appended so far to the storage device, if the log was opened with a durability
     * that syncs; otherwise does nothing (the page cache already survives the process).
     */
    void sync();

    /**
     * The newest position {@link #sync()} has forced to the storage device.
     *
     * @return the position, or -1 if nothing was forced yet (always, with page-cache durability).
     */
    long syncedPosition();

    /**
     * Closes the log; idempotent. Appends and reads after close fail.
     */
    @Override
    void close();
}
