package io.embeddedkinesis.core.application;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeaseBalancingTest extends ApplicationTestSupport {
    private static final long FAILOVER_MS = 10_000;

    @Test
    void shouldTakeTheLeasesOfAWorkerThatStopsRenewingOnceTheyExpire() {
        openBroker().createStream("s", 4);
        final ConsumerApplication application = openApplication("s", RecordingProcessor.Behaviour.EVERY_BATCH);
        final Worker first = application.createWorker("w1");
        final Worker second = application.createWorker("w2");
        putKeys(0, 40);
        runFor(400, first);
        assertThat(first.heldShardIds()).hasSize(4);

        putKeys(40, 80);
        runFor(FAILOVER_MS - 1_000, second);
        assertThat(second.heldShardIds()).as("w1's leases are not expired yet: w2 only stole one").hasSize(1);
        runFor(2 * FAILOVER_MS, second);

        assertThat(second.heldShardIds()).hasSize(4);
        assertThat(application.leases()).allSatisfy(lease -> {
            assertThat(lease.leaseOwner()).isEqualTo("w2");
            assertThat(lease.ownerSwitchesSinceCheckpoint()).isZero();
        });
        assertThat(deliveredData()).as("w2 resumes from w1's checkpoints: each record once")
            .hasSize(80).doesNotHaveDuplicates();
    }

    @Test
    void shouldStealFromTheMostLoadedWorkerOneLeaseAScanUntilBalanced() {
        openBroker().createStream("s", 4);
        final ConsumerApplication application = openApplication("s", RecordingProcessor.Behaviour.EVERY_BATCH);
        final Worker first = application.createWorker("w1");
        runFor(400, first);
        final Worker second = application.createWorker("w2");

        runFor(200, first, second);
        assertThat(second.heldShardIds()).as("one lease stolen at the first scan").hasSize(1);
        runFor(FAILOVER_MS, first, second);
        assertThat(second.heldShardIds()).hasSize(2);
        runFor(3 * FAILOVER_MS, first, second);

        assertThat(first.heldShardIds()).hasSize(2);
        assertThat(second.heldShardIds()).hasSize(2);
        final Set<String> all = new HashSet<>(first.heldShardIds());
        all.addAll(second.heldShardIds());
        assertThat(all).hasSize(4);
        assertThat(events("leaseLost")).as("w1 was told it lost what w2 stole")
            .containsExactlyInAnyOrderElementsOf(second.heldShardIds());
    }

    @Test
    void shouldRefuseTheCheckpointOfAWorkerWhoseLeaseWasStolenAndTellItsProcessor() {
        openBroker().createStream("s", 2);
        final ConsumerApplication application = openApplication("s", RecordingProcessor.Behaviour.ONLY_ON_SHUTDOWN);
        final Worker first = application.createWorker("w1");
        putKeys(0, 20);
        runFor(400, first);
        final Worker second = application.createWorker("w2");
        drive(second);
        final String stolen = second.heldShardIds().get(0);
        final RecordingProcessorProbe probe = new RecordingProcessorProbe(events);

        assertThat(probe.lostBy(stolen)).isFalse();
        runFor(FAILOVER_MS / 3, first);

        assertThat(probe.lostBy(stolen)).isTrue();
        assertThat(first.heldShardIds()).doesNotContain(stolen);
        assertThat(application.leases()).filteredOn(lease -> lease.leaseKey().equals(stolen))
            .singleElement().satisfies(lease -> assertThat(lease.leaseOwner()).isEqualTo("w2"));
    }

    @Test
    void shouldFailACheckpointWithShutdownExceptionOnceTheLeaseIsTaken() {
        openBroker().createStream("s", 1);
        put("s", "k", "a");
        final List<CheckpointerHolder> holders = new ArrayList<>();
        final ConsumerApplication application = ConsumerApplication.open(broker, ApplicationConfig
            .builder("app", "s", shardId -> {
                holders.add(new CheckpointerHolder());
                return holders.get(holders.size() - 1);
            })
            .initialPosition(InitialPosition.TRIM_HORIZON).retrievalFactory(POLLING).errorHandler(errors::add)
            .build());
        applications.add(application);
        final Worker first = application.createWorker("w1");
        runFor(200, first);
        final CheckpointerHolder holder = holders.get(0);
        final Worker second = application.createWorker("w2");

        runFor(FAILOVER_MS + 1_000, second);
        assertThat(second.heldShardIds()).as("one lease, at the fair share: nothing to steal").isEmpty();
        runFor(FAILOVER_MS, second);

        assertThat(second.heldShardIds()).as("expired: w1's counter stood still for the failover time").hasSize(1);
        assertThatThrownBy(() -> holder.checkpointer.checkpoint())
            .isInstanceOf(ShutdownException.class)
            .hasMessage("Can't update checkpoint - instance doesn't hold the lease for this shard");
        drive(first);
        assertThat(first.heldShardIds()).isEmpty();
        assertThat(holder.lost).isTrue();
    }

    @Test
    void shouldHandLeasesOverAtOnceWhenAWorkerShutsDownGracefully() {
        openBroker().createStream("s", 2);
        final ConsumerApplication application = openApplication("s", RecordingProcessor.Behaviour.EVERY_BATCH);
        final Worker first = application.createWorker("w1");
        runFor(400, first);
        assertThat(first.heldShardIds()).hasSize(2);

        application.shutdownWorker(first);
        final Worker second = application.createWorker("w2");
        drive(second);

        assertThat(events("shutdownRequested")).hasSize(2);
        assertThat(second.heldShardIds()).as("released leases are taken without waiting").hasSize(2);
    }

    @Test
    void shouldLeaveLeasesToExpireWhenAWorkerHalts() {
        openBroker().createStream("s", 2);
        final ConsumerApplication application = openApplication("s", RecordingProcessor.Behaviour.EVERY_BATCH);
        final Worker first = application.createWorker("w1");
        runFor(200, first);

        application.haltWorker(first);
        first.doWork();

        assertThat(first.state()).isEqualTo(Worker.State.HALTED);
        assertThat(events("shutdownRequested")).isEmpty();
        assertThat(events("leaseLost")).isEmpty();
        assertThat(application.leases()).extracting(Lease::leaseOwner).containsOnly("w1");
    }

    @Test
    void shouldTakeBackTheLeasesOfItsOwnNameAfterARestartOnceTheyExpire() {
        openBroker().createStream("s", 2);
        putKeys(0, 10);
        ConsumerApplication application = openApplication("s", RecordingProcessor.Behaviour.ONLY_ON_SHUTDOWN);
        final Worker before = application.createWorker("w1");
        runFor(400, before);
        application.haltWorker(before);
        application.close();
        applications.remove(application);

        application = openApplication("s", RecordingProcessor.Behaviour.ONLY_ON_SHUTDOWN);
        final Worker after = application.createWorker("w1");
        runFor(FAILOVER_MS, after);
        assertThat(after.heldShardIds()).as("not expired yet: the old process might still be renewing").isEmpty();
        runFor(FAILOVER_MS, after);

        assertThat(after.heldShardIds()).hasSize(2);
        assertThat(deliveredData()).as("nothing was checkpointed: everything again").hasSize(20);
    }

    private void putKeys(final int from, final int to) {
        for (int i = from; i < to; i++) {
            put("s", "key-" + i, "r" + i);
        }
    }

    /** Reads leaseLost events. */
    private record RecordingProcessorProbe(List<String> events) {
        boolean lostBy(final String shardId) {
            return events.contains("leaseLost " + shardId);
        }
    }

    /** A processor that keeps its checkpointer, and whether it lost its lease. */
    private static final class CheckpointerHolder implements ShardRecordProcessor {
        RecordProcessorCheckpointer checkpointer;
        boolean lost;

        @Override
        public void initialize(final InitializationInput input) {
            // Nothing to set up.
        }

        @Override
        public void processRecords(final ProcessRecordsInput input) {
            checkpointer = input.checkpointer();
        }

        @Override
        public void leaseLost(final LeaseLostInput input) {
            lost = true;
        }

        @Override
        public void shardEnded(final ShardEndedInput input) {
            input.checkpointer().checkpoint();
        }

        @Override
        public void shutdownRequested(final ShutdownRequestedInput input) {
            // Nothing to checkpoint.
        }
    }
}
