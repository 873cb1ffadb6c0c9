package io.embeddedkinesis.core.model;

/**
 * The parameters of {@code SubscribeToShard}.
 *
 * @param consumerARN      the ARN of an ACTIVE consumer.
 * @param shardId          the shard to read, of the consumer's stream.
 * @param startingPosition where to start.
 */
public record SubscribeToShardRequest(String consumerARN, String shardId, StartingPosition startingPosition) {
}
