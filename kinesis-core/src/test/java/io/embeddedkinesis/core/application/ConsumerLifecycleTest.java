package io.embeddedkinesis.core.application;

import io.embeddedkinesis.core.model.PutRecordResult;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsumerLifecycleTest extends ApplicationTestSupport {
    private static final String SHARD_0 = "shardId-000000000000";

    @Test
    void shouldInitializeThenProcessRecordsThenShutDownWhenAskedGracefully() {
        openBroker().createStream("s", 1);
        put("s", "k", "a");
        put("s", "k", "b");
        final ConsumerApplication application = openApplication("s", RecordingProcessor.Behaviour.ONLY_ON_SHUTDOWN);
        final Worker worker = application.createWorker("w1");

        runFor(400, worker);
        worker.requestShutdown();
        drive(worker);

        assertThat(events).containsExactly("initialize " + SHARD_0 + ":TRIM_HORIZON", "record " + SHARD_0 + ":k:a",
            "record " + SHARD_0 + ":k:b", "shutdownRequested " + SHARD_0);
        assertThat(worker.state()).isEqualTo(Worker.State.SHUT_DOWN);
        final Lease lease = application.leases().get(0);
        assertThat(lease.leaseOwner()).as("released for another worker to take at once").isNull();
        assertThat(lease.checkpoint().isSentinel()).isFalse();
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldResumeAfterTheLastCheckpointWhenTheApplicationAndBrokerRestart() {
        openBroker().createStream("s", 1);
        put("s", "k", "a");
        put("s", "k", "b");
        ConsumerApplication application = openApplication("s", RecordingProcessor.Behaviour.EVERY_BATCH);
        runFor(400, application.createWorker("w1"));
        application.close();
        broker.close();

        openBroker();
        put("s", "k", "c");
        events.clear();
        application = openApplication("s", RecordingProcessor.Behaviour.EVERY_BATCH);
        runFor(400, application.createWorker("w1"));

        assertThat(events.get(0)).startsWith("initialize " + SHARD_0 + ":").doesNotContain("TRIM_HORIZON");
        assertThat(deliveredData()).containsExactly("c");
    }

    @Test
    void shouldRedeliverWhatWasNotCheckpointedWhenTheApplicationRestarts() {
        openBroker().createStream("s", 1);
        put("s", "k", "a");
        final RecordingProcessor.Behaviour never = new RecordingProcessor.Behaviour(false, true, false);
        ConsumerApplication application = openApplication("s", never);
        runFor(400, application.createWorker("w1"));
        application.close();

        application = openApplication("s", never);
        runFor(400, application.createWorker("w2"));

        assertThat(deliveredData()).as("at least once").containsExactly("a", "a");
    }

    @Test
    void shouldDeliverPlainRecordsWithSubSequenceNumberZero() {
        openBroker().createStream("s", 1);
        final PutRecordResult put = broker.putRecord("s", "k", "a".getBytes(StandardCharsets.UTF_8));
        final List<KinesisClientRecord> delivered = new ArrayList<>();
        final ConsumerApplication application = ConsumerApplication.open(broker, ApplicationConfig
            .builder("app", "s", shardId -> new CapturingProcessor(delivered::addAll, null))
            .initialPosition(InitialPosition.TRIM_HORIZON).retrievalFactory(POLLING).build());
        applications.add(application);

        runFor(200, application.createWorker("w1"));

        assertThat(delivered).singleElement().satisfies(record -> {
            assertThat(record.sequenceNumber()).isEqualTo(put.sequenceNumber());
            assertThat(record.subSequenceNumber()).isZero();
            assertThat(record.aggregated()).isFalse();
            assertThat(record.partitionKey()).isEqualTo("k");
            assertThat(record.approximateArrivalTimestamp()).isEqualTo(Instant.ofEpochMilli(START_MS));
        });
    }

    @Test
    void shouldRefuseCheckpointsOutsideTheDeliveredRangeAsTheKclDoes() {
        openBroker().createStream("s", 2);
        final String first = putTo(SHARD_0, "a");
        final String second = putTo(SHARD_0, "b");
        final AtomicReference<RecordProcessorCheckpointer> checkpointer = new AtomicReference<>();
        final ConsumerApplication application = capturing(checkpointer);
        final Worker worker = application.createWorker("w1");
        runFor(200, worker);
        checkpointer.get().checkpoint(second);
        final String later = putTo(SHARD_0, "c");
        final String otherShard = putTo("shardId-000000000001", "x");

        assertThatThrownBy(() -> checkpointer.get().checkpoint(first))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Could not checkpoint at extended sequence number {SequenceNumber: " + first
                + ",SubsequenceNumber: 0} as it did not fall into acceptable range between the last checkpoint "
                + "{SequenceNumber: " + second + ",SubsequenceNumber: 0} and the greatest extended sequence number"
                + " passed to this record processor {SequenceNumber: " + second + ",SubsequenceNumber: 0}");
        assertThatThrownBy(() -> checkpointer.get().checkpoint(later))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("Could not checkpoint at extended sequence number {SequenceNumber: " + later);
        assertThatThrownBy(() -> checkpointer.get().checkpoint(otherShard))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Could not checkpoint at sequence number " + otherShard
                + " as it is not a sequence number of shard " + SHARD_0);
        assertThatThrownBy(() -> checkpointer.get().checkpoint(second, -1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Could not checkpoint at invalid, negative subsequence number -1");
        assertThatThrownBy(() -> checkpointer.get().checkpoint("banana"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("it is not a sequence number of shard " + SHARD_0);
        assertThat(application.leases().get(0).checkpoint()).isEqualTo(ExtendedSequenceNumber.of(second));
    }

    @Test
    void shouldStorePreparedCheckpointsWithStateAndOfferThemToTheNextProcessor() {
        openBroker().createStream("s", 1);
        final String first = putTo(SHARD_0, "a");
        putTo(SHARD_0, "b");
        final AtomicReference<RecordProcessorCheckpointer> checkpointer = new AtomicReference<>();
        ConsumerApplication application = capturing(checkpointer);
        runFor(200, application.createWorker("w1"));

        final PreparedCheckpointer prepared = checkpointer.get().prepareCheckpoint(first, 0,
            "state".getBytes(StandardCharsets.UTF_8));

        final Lease pending = application.leases().get(0);
        assertThat(prepared.pendingCheckpoint()).isEqualTo(ExtendedSequenceNumber.of(first));
        assertThat(pending.pendingCheckpoint()).isEqualTo(ExtendedSequenceNumber.of(first));
        assertThat(pending.checkpoint()).as("not committed yet").isEqualTo(ExtendedSequenceNumber.TRIM_HORIZON);
        application.close();

        final List<InitializationInput> initialized = new ArrayList<>();
        application = ConsumerApplication.open(broker, ApplicationConfig
            .builder("app", "s", shardId -> new CapturingProcessor(records -> { }, initialized::add))
            .retrievalFactory(POLLING).build());
        applications.add(application);
        runFor(0, application.createWorker("w2"));

        assertThat(initialized).singleElement().satisfies(input -> {
            assertThat(input.pendingCheckpointSequenceNumber()).isEqualTo(ExtendedSequenceNumber.of(first));
            assertThat(new String(input.pendingCheckpointState(), StandardCharsets.UTF_8)).isEqualTo("state");
        });
    }

    @Test
    void shouldCommitAPreparedCheckpointAndDiscardItsPendingState() {
        openBroker().createStream("s", 1);
        final String first = putTo(SHARD_0, "a");
        final AtomicReference<RecordProcessorCheckpointer> checkpointer = new AtomicReference<>();
        final ConsumerApplication application = capturing(checkpointer);
        runFor(200, application.createWorker("w1"));

        checkpointer.get().prepareCheckpoint("state".getBytes(StandardCharsets.UTF_8)).checkpoint();

        final Lease lease = application.leases().get(0);
        assertThat(lease.checkpoint()).isEqualTo(ExtendedSequenceNumber.of(first));
        assertThat(lease.pendingCheckpoint()).isNull();
        assertThat(lease.pendingCheckpointState()).isNull();
    }

    @Test
    void shouldStartShardsWithoutCheckpointAtLatestOrAtATimestamp() {
        openBroker().createStream("s", 1);
        put("s", "k", "old");
        clock.advance(1_000);
        final Instant cut = Instant.ofEpochMilli(clock.time());
        put("s", "k", "cut");
        final ConsumerApplication latest = openApplication("s", RecordingProcessor.Behaviour.EVERY_BATCH,
            b -> b.initialPosition(InitialPosition.LATEST));
        final Worker latestWorker = latest.createWorker("w1");
        runFor(200, latestWorker);
        put("s", "k", "new");
        runFor(200, latestWorker);
        final List<String> fromLatest = deliveredData();
        latest.close();
        applications.remove(latest);
        events.clear();

        final ConsumerApplication atTimestamp = ConsumerApplication.open(broker, ApplicationConfig
            .builder("other-app", "s", shardId -> new RecordingProcessor(shardId, events,
                RecordingProcessor.Behaviour.EVERY_BATCH))
            .initialPosition(InitialPosition.atTimestamp(cut)).retrievalFactory(POLLING).build());
        applications.add(atTimestamp);
        runFor(200, atTimestamp.createWorker("w1"));

        assertThat(fromLatest).containsExactly("new");
        assertThat(deliveredData()).containsExactly("cut", "new");
    }

    private String putTo(final String shardId, final String data) {
        final String hashKey = shardId.endsWith("0") ? "0" : "340282366920938463463374607431768211455";
        return broker.putRecord(io.embeddedkinesis.core.model.PutRecordRequest.of("s", "k",
            data.getBytes(StandardCharsets.UTF_8)).withExplicitHashKey(hashKey)).sequenceNumber();
    }

    private ConsumerApplication capturing(final AtomicReference<RecordProcessorCheckpointer> checkpointer) {
        final ConsumerApplication application = ConsumerApplication.open(broker, ApplicationConfig
            .builder("app", "s", shardId -> new ShardRecordProcessor() {
                @Override
                public void initialize(final InitializationInput input) {
                }

                @Override
                public void processRecords(final ProcessRecordsInput input) {
                    if (shardId.equals(SHARD_0)) {
                        checkpointer.set(input.checkpointer());
                    }
                }

                @Override
                public void leaseLost(final LeaseLostInput input) {
                }

                @Override
                public void shardEnded(final ShardEndedInput input) {
                    input.checkpointer().checkpoint();
                }

                @Override
                public void shutdownRequested(final ShutdownRequestedInput input) {
                }
            })
            .initialPosition(InitialPosition.TRIM_HORIZON).retrievalFactory(POLLING).build());
        applications.add(application);
        return application;
    }
}
