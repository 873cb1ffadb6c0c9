package io.embeddedkinesis.core.application;

/**
 * What {@link ShardRecordProcessor#shutdownRequested} receives, as the KCL's {@code ShutdownRequestedInput}.
 *
 * @param checkpointer may be called to checkpoint before the lease is released.
 */
public record ShutdownRequestedInput(RecordProcessorCheckpointer checkpointer) {
}
