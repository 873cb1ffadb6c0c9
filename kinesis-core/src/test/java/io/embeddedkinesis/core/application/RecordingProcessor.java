package io.embeddedkinesis.core.application;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A processor that writes each callback to a shared event list ("kind shardId:detail") and checkpoints
 * as its behaviour says.
 */
final class RecordingProcessor implements ShardRecordProcessor {
    /** When the processor checkpoints. */
    record Behaviour(boolean checkpointEachBatch, boolean checkpointAtShardEnd, boolean checkpointOnShutdown) {
        static final Behaviour EVERY_BATCH = new Behaviour(true, true, true);
        static final Behaviour NEVER_AT_SHARD_END = new Behaviour(true, false, true);
        static final Behaviour ONLY_ON_SHUTDOWN = new Behaviour(false, true, true);
    }

    private final String shardId;
    private final List<String> events;
    private final Behaviour behaviour;
    RecordProcessorCheckpointer lastCheckpointer;

    RecordingProcessor(final String shardId, final List<String> events, final Behaviour behaviour) {
        this.shardId = shardId;
        this.events = events;
        this.behaviour = behaviour;
    }

    @Override
    public void initialize(final InitializationInput input) {
        events.add("initialize " + shardId + ":" + input.extendedSequenceNumber().sequenceNumber());
    }

    @Override
    public void processRecords(final ProcessRecordsInput input) {
        lastCheckpointer = input.checkpointer();
        for (final KinesisClientRecord record : input.records()) {
            events.add("record " + shardId + ":" + record.partitionKey() + ":"
                + new String(record.data(), StandardCharsets.UTF_8));
        }
        if (behaviour.checkpointEachBatch()) {
            input.checkpointer().checkpoint();
        }
    }

    @Override
    public void leaseLost(final LeaseLostInput input) {
        events.add("leaseLost " + input.shardId());
    }

    @Override
    public void shardEnded(final ShardEndedInput input) {
        events.add("shardEnded " + shardId);
        if (behaviour.checkpointAtShardEnd()) {
            input.checkpointer().checkpoint();
        }
    }

    @Override
    public void shutdownRequested(final ShutdownRequestedInput input) {
        events.add("shutdownRequested " + shardId);
        if (behaviour.checkpointOnShutdown()) {
            input.checkpointer().checkpoint();
        }
    }
}
