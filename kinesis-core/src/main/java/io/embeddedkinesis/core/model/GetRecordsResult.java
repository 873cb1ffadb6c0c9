package io.embeddedkinesis.core.model;

import java.util.List;

/**
 * What {@code GetRecords} returns.
 *
 * @param records            the records read, in shard order; may be empty even if more follow.
 * @param nextShardIterator  where to read next; always past the records returned.
 * @param millisBehindLatest how far the next read is behind the newest record; 0 when caught up.
 */
public record GetRecordsResult(List<Record> records, String nextShardIterator, long millisBehindLatest) {
    /**
     * Wraps the list without copying: it is created for this result alone.
     *
     * @param records            see the class description.
     * @param nextShardIterator  see the class description.
     * @param millisBehindLatest see the class description.
     */
    public GetRecordsResult {
        records = java.util.Collections.unmodifiableList(records);
    }
}
