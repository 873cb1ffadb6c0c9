package io.embeddedkinesis.core.application;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReshardConsumptionTest extends ApplicationTestSupport {
    private static final String SHARD_0 = "shardId-000000000000";
    private static final String SHARD_1 = "shardId-000000000001";
    private static final String SHARD_2 = "shardId-000000000002";
    private static final String SHARD_3 = "shardId-000000000003";
    private static final String MIDDLE = BigInteger.ONE.shiftLeft(127).toString();
    private static final int KEYS = 8;

    @Test
    void shouldProcessEveryRecordOnceInKeyOrderAcrossSplitAndMergeWithChildrenAfterTheirParents() {
        openBroker().createStream("s", 1);
        final List<String> produced = new ArrayList<>();
        putRound(produced, 0);
        broker.splitShard("s", SHARD_0, MIDDLE);
        putRound(produced, 1);
        final ConsumerApplication application = openApplication("s", RecordingProcessor.Behaviour.EVERY_BATCH);
        final Worker worker = application.createWorker("w1");
        runFor(15_000, worker);
        broker.mergeShards("s", SHARD_1, SHARD_2);
        putRound(produced, 2);

        runFor(40_000, worker);

        assertThat(deliveredData()).containsExactlyInAnyOrderElementsOf(produced);
        assertKeyOrder();
        assertStartsAfterEnd(SHARD_0, SHARD_1);
        assertStartsAfterEnd(SHARD_0, SHARD_2);
        assertStartsAfterEnd(SHARD_1, SHARD_3);
        assertStartsAfterEnd(SHARD_2, SHARD_3);
        assertThat(application.leases()).filteredOn(Lease::isShardEnded).extracting(Lease::leaseKey)
            .containsExactly(SHARD_0, SHARD_1, SHARD_2);
        assertThat(application.leases()).filteredOn(lease -> lease.leaseKey().equals(SHARD_0)).singleElement()
            .satisfies(lease -> assertThat(lease.childShardIds()).containsExactly(SHARD_1, SHARD_2));
        assertThat(application.leases()).filteredOn(lease -> lease.leaseKey().equals(SHARD_3)).singleElement()
            .satisfies(lease -> assertThat(lease.parentShardIds()).containsExactlyInAnyOrder(SHARD_1, SHARD_2));
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldKeepChildrenWaitingWhileTheParentsProcessorDoesNotCheckpointAtShardEnd() {
        openBroker().createStream("s", 1);
        final List<String> produced = new ArrayList<>();
        putRound(produced, 0);
        broker.splitShard("s", SHARD_0, MIDDLE);
        putRound(produced, 1);
        final ConsumerApplication application = openApplication("s",
            RecordingProcessor.Behaviour.NEVER_AT_SHARD_END);
        final Worker worker = application.createWorker("w1");

        runFor(30_000, worker);

        assertThat(events("shardEnded")).as("retried after each backoff").hasSizeGreaterThan(1)
            .containsOnly(SHARD_0);
        assertThat(events("initialize")).containsExactly(SHARD_0 + ":TRIM_HORIZON");
        assertThat(worker.heldShardIds()).contains(SHARD_0, SHARD_1, SHARD_2);
        assertThat(errors).first().satisfies(error -> assertThat(error)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Application didn't checkpoint at end of shard " + SHARD_0 + ". Application must checkpoint"
                + " upon shard end. See ShardRecordProcessor.shardEnded javadocs for more information."));
    }

    @Test
    void shouldStartChildrenOfAShardSplitWhileProcessingOnceTheParentEnds() {
        openBroker().createStream("s", 1);
        final List<String> produced = new ArrayList<>();
        putRound(produced, 0);
        final ConsumerApplication application = openApplication("s", RecordingProcessor.Behaviour.EVERY_BATCH,
            b -> b.shardSyncIntervalMillis(600_000));
        final Worker worker = application.createWorker("w1");
        runFor(1_000, worker);

        broker.splitShard("s", SHARD_0, MIDDLE);
        putRound(produced, 1);
        runFor(25_000, worker);

        assertThat(deliveredData()).containsExactlyInAnyOrderElementsOf(produced);
        assertKeyOrder();
        assertStartsAfterEnd(SHARD_0, SHARD_1);
        assertStartsAfterEnd(SHARD_0, SHARD_2);
        assertThat(application.leases()).filteredOn(lease -> !lease.leaseKey().equals(SHARD_0))
            .allSatisfy(lease -> assertThat(lease.parentShardIds()).containsExactly(SHARD_0));
    }

    /** One record per key, numbered by round: "key:round". */
    private void putRound(final List<String> produced, final int round) {
        for (int key = 0; key < KEYS; key++) {
            put("s", "key-" + key, "key-" + key + "/" + round);
            produced.add("key-" + key + "/" + round);
        }
    }

    private void assertKeyOrder() {
        final Map<String, Integer> lastRound = new HashMap<>();
        for (final String data : deliveredData()) {
            final String key = data.substring(0, data.indexOf('/'));
            final int round = Integer.parseInt(data.substring(data.indexOf('/') + 1));
            assertThat(round).as("order of " + key).isGreaterThan(lastRound.getOrDefault(key, -1));
            lastRound.put(key, round);
        }
    }

    private void assertStartsAfterEnd(final String parent, final String child) {
        final int ended = events.indexOf("shardEnded " + parent);
        final int started = events.indexOf("initialize " + child + ":TRIM_HORIZON");
        assertThat(ended).as(parent + " ended").isNotNegative();
        assertThat(started).as(child + " started after " + parent + " ended").isGreaterThan(ended);
    }
}
