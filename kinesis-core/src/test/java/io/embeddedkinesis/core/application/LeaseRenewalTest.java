package io.embeddedkinesis.core.application;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A started worker renews its leases on a thread of its own, as the KCL does, so a processor that is busy
 * for longer than the failover time keeps its shard. (The test waits, in wall-clock time and at most 30 s
 * per step, for the renewer's thread to see each move of the clock.)
 */
@Timeout(120)
class LeaseRenewalTest extends ApplicationTestSupport {
    private static final long FAILOVER_MS = 3_000;

    @Test
    void shouldKeepTheLeaseOfAProcessorBusyForLongerThanTheFailoverTime() throws InterruptedException {
        openBroker().createStream("s", 1);
        final CountDownLatch busy = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final ConsumerApplication application = openBusyApplication(busy, release);
        application.startWorker("busy");
        final Worker other = application.createWorker("other");
        broker.putRecord("s", "k", "slow work".getBytes(StandardCharsets.UTF_8));
        final LongSupplier counter = () -> application.leases().get(0).leaseCounter();

        assertThat(busy.await(30, TimeUnit.SECONDS)).as("the processor started its slow work").isTrue();
        for (int step = 0; step < 4; step++) {   // four failover periods: every lease would have expired
            final long before = counter.getAsLong();
            clock.advance(FAILOVER_MS / 3 + 1);
            awaitIncrease(counter, before);
            drive(other);
            clock.advance(FAILOVER_MS * 2 / 3);
            drive(other);
        }
        release.countDown();

        assertThat(other.heldShardIds()).as("the other worker took nothing").isEmpty();
        assertThat(application.leases().get(0).leaseOwner()).isEqualTo("busy");
        assertThat(events).doesNotContain("leaseLost shardId-000000000000");
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldKeepRenewingWhileAShutdownWaitsForABusyProcessor() throws InterruptedException {
        openBroker().createStream("s", 1);
        final CountDownLatch busy = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final ConsumerApplication application = openBusyApplication(busy, release);
        final Worker worker = application.startWorker("busy");
        broker.putRecord("s", "k", "slow work".getBytes(StandardCharsets.UTF_8));
        final LongSupplier counter = () -> application.leases().get(0).leaseCounter();
        assertThat(busy.await(30, TimeUnit.SECONDS)).as("the processor started its slow work").isTrue();

        final Thread shutdown = new Thread(() -> application.shutdownWorker(worker), "test-shutdown");
        shutdown.start();
        for (int step = 0; step < 4; step++) {
            final long before = counter.getAsLong();
            clock.advance(FAILOVER_MS / 3 + 1);
            awaitIncrease(counter, before);
        }
        release.countDown();
        shutdown.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));

        assertThat(shutdown.isAlive()).as("the shutdown finished").isFalse();
        assertThat(application.leases().get(0).leaseOwner()).as("released by the shutdown").isNull();
        assertThat(application.leases().get(0).checkpoint().isSentinel())
            .as("the busy batch was checkpointed, not lost").isFalse();
        assertThat(events).containsExactly("shutdownRequested");
        assertThat(errors).isEmpty();
    }

    /** Application "app" on stream "s" with a {@link BusyProcessor} and a short failover time. */
    private ConsumerApplication openBusyApplication(final CountDownLatch busy, final CountDownLatch release) {
        final ConsumerApplication application = ConsumerApplication.open(broker, ApplicationConfig.builder("app",
                "s", shardId -> new BusyProcessor(events, busy, release))
            .initialPosition(InitialPosition.TRIM_HORIZON)
            .retrievalFactory(POLLING)
            .failoverTimeMillis(FAILOVER_MS)
            .errorHandler(errors::add)
            .build());
        applications.add(application);
        return application;
    }

    private static void awaitIncrease(final LongSupplier counter, final long before) {
        final long giveUpNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (counter.getAsLong() == before) {
            assertThat(System.nanoTime()).as("the lease renewed within %d s", WAIT_SECONDS).isLessThan(giveUpNs);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** Processes its first batch slowly: it blocks until the test releases it. */
    private static final class BusyProcessor implements ShardRecordProcessor {
        private final List<String> events;
        private final CountDownLatch busy;
        private final CountDownLatch release;

        BusyProcessor(final List<String> events, final CountDownLatch busy, final CountDownLatch release) {
            this.events = events;
            this.busy = busy;
            this.release = release;
        }

        @Override
        public void initialize(final InitializationInput input) {
        }

        @Override
        public void processRecords(final ProcessRecordsInput input) {
            if (input.records().isEmpty()) {
                return;
            }
            busy.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (final InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            input.checkpointer().checkpoint();
        }

        @Override
        public void leaseLost(final LeaseLostInput input) {
            events.add("leaseLost " + input.shardId());
        }

        @Override
        public void shardEnded(final ShardEndedInput input) {
            input.checkpointer().checkpoint();
        }

        @Override
        public void shutdownRequested(final ShutdownRequestedInput input) {
            events.add("shutdownRequested");
            input.checkpointer().checkpoint();
        }
    }
}
