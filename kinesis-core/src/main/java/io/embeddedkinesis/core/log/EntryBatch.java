package io.embeddedkinesis.core.log;

/**
 * Entries that arrived together and go to one log in one call ({@link ShardLog#appendAll}): the records of one
 * {@code PutRecords} call that were routed to one shard, in the order the caller sent them.
 *
 * <p>A view the caller keeps over its own arrays: the log reads it only during the call.
 */
public interface EntryBatch {
    /**
     * How many entries the batch has.
     *
     * @return the count, at least 1.
     */
    int size();

    /**
     * An entry's key.
     *
     * @param i the entry's place in the batch, from 0.
     * @return the key's bytes (the UTF-8 partition key).
     */
    byte[] key(int i);

    /**
     * An entry's data.
     *
     * @param i the entry's place in the batch, from 0.
     * @return the data.
     */
    byte[] data(int i);
}
