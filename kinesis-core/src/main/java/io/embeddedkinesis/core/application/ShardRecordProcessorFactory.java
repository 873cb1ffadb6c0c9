package io.embeddedkinesis.core.application;

/**
 * Makes the processor of each shard lease a worker takes, as the KCL's {@code ShardRecordProcessorFactory}.
 * A lease taken again after it was lost gets a new processor.
 */
@FunctionalInterface
public interface ShardRecordProcessorFactory {
    /**
     * A new processor for a shard.
     *
     * @param shardId the shard it will process.
     * @return the processor; not shared with another shard.
     */
    ShardRecordProcessor shardRecordProcessor(String shardId);
}
