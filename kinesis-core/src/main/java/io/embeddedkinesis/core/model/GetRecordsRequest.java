package io.embeddedkinesis.core.model;

/**
 * The parameters of {@code GetRecords}.
 *
 * @param shardIterator where to read, from {@code GetShardIterator} or a previous {@code GetRecords}.
 * @param limit         the most records to return, 1 to 10,000; null for 10,000.
 * @param streamARN     the stream the iterator must belong to, or null.
 */
public record GetRecordsRequest(String shardIterator, Integer limit, String streamARN) {
}
