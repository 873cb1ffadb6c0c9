package io.embeddedkinesis.core.application;

/**
 * What {@link ShardRecordProcessor#leaseLost} receives: the shard only, since no checkpoint is possible.
 *
 * @param shardId the shard whose lease was lost.
 */
public record LeaseLostInput(String shardId) {
}
