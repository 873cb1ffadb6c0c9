package io.embeddedkinesis.core.model;

/**
 * What {@code UpdateShardCount} returns.
 *
 * @param streamName        the stream's name.
 * @param currentShardCount the open shards before the update.
 * @param targetShardCount  the open shards after it.
 * @param streamARN         the stream's ARN.
 */
public record UpdateShardCountResult(String streamName, int currentShardCount, int targetShardCount, String streamARN) {
}
