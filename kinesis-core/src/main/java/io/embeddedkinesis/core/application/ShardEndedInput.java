package io.embeddedkinesis.core.application;

/**
 * What {@link ShardRecordProcessor#shardEnded} receives, as the KCL's {@code ShardEndedInput}.
 *
 * @param checkpointer must be called ({@code checkpoint()}) for the shard's children to start.
 */
public record ShardEndedInput(RecordProcessorCheckpointer checkpointer) {
}
