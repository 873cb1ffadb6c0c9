package io.embeddedkinesis.core.application;

import java.util.List;
import java.util.function.Consumer;

/**
 * A processor that hands its records and its initialization to the test, and never checkpoints.
 */
final class CapturingProcessor implements ShardRecordProcessor {
    private final Consumer<List<KinesisClientRecord>> records;
    private final Consumer<InitializationInput> initialized;

    CapturingProcessor(final Consumer<List<KinesisClientRecord>> records,
        final Consumer<InitializationInput> initialized) {
        this.records = records;
        this.initialized = initialized;
    }

    @Override
    public void initialize(final InitializationInput input) {
        if (initialized != null) {
            initialized.accept(input);
        }
    }

    @Override
    public void processRecords(final ProcessRecordsInput input) {
        records.accept(input.records());
    }

    @Override
    public void leaseLost(final LeaseLostInput input) {
        // Nothing to clean up.
    }

    @Override
    public void shardEnded(final ShardEndedInput input) {
        input.checkpointer().checkpoint();
    }

    @Override
    public void shutdownRequested(final ShutdownRequestedInput input) {
        // Checkpoints nothing: the test looks at what was prepared.
    }
}
