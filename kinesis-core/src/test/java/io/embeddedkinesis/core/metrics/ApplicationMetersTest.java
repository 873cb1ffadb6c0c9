package io.embeddedkinesis.core.metrics;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.application.ApplicationConfig;
import io.embeddedkinesis.core.application.ConsumerApplication;
import io.embeddedkinesis.core.application.InitialPosition;
import io.embeddedkinesis.core.application.InitializationInput;
import io.embeddedkinesis.core.application.LeaseLostInput;
import io.embeddedkinesis.core.application.PollingConfig;
import io.embeddedkinesis.core.application.ProcessRecordsInput;
import io.embeddedkinesis.core.application.ShardEndedInput;
import io.embeddedkinesis.core.application.ShardRecordProcessor;
import io.embeddedkinesis.core.application.ShutdownRequestedInput;
import io.embeddedkinesis.core.application.Worker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A consumer application's {@code IteratorAgeMilliseconds}, tagged with the application and the stream.
 */
class ApplicationMetersTest {
    private static final long START_MS = 1_764_000_000_000L;

    @TempDir
    Path directory;

    @Test
    void shouldGaugeTheAgeOfTheLastRecordReadPerApplicationAndRemoveItOnClose() {
        final CachedEpochClock clock = new CachedEpochClock();
        clock.update(START_MS);
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (KinesisBroker broker = KinesisBroker.open(BrokerConfig.builder().directory(directory).clock(clock)
            .housekeepingIntervalMs(0).metrics(BrokerMetrics.micrometer(registry)).build())) {
            broker.createStream("s", 1);
            broker.putRecord("s", "k", "a".getBytes(StandardCharsets.UTF_8));
            clock.advance(5_000);
            final ConsumerApplication application = ConsumerApplication.open(broker, ApplicationConfig
                .builder("app", "s", shardId -> new IdleProcessor())
                .initialPosition(InitialPosition.TRIM_HORIZON).retrievalFactory(new PollingConfig(100, 1_000)).build());
            final Worker worker = application.createWorker("w1");
            drive(worker);

            final Gauge age = registry.get("IteratorAgeMilliseconds").tag("Application", "app")
                .tag("StreamName", "s").gauge();
            assertThat(age.value()).isEqualTo(5_000);

            clock.advance(1_000);
            drive(worker);
            assertThat(age.value()).as("caught up: nothing read, nothing behind").isZero();

            application.close();
            assertThat(registry.find("IteratorAgeMilliseconds").tag("Application", "app").gauge()).isNull();
        }
    }

    private static void drive(final Worker worker) {
        int rounds = 0;
        while (worker.doWork() > 0 && ++rounds < 100) {
            // Until the worker has nothing left to do at this time.
        }
    }

    /** Processes nothing. */
    private static final class IdleProcessor implements ShardRecordProcessor {
        @Override
        public void initialize(final InitializationInput input) {
            // Nothing to set up.
        }

        @Override
        public void processRecords(final ProcessRecordsInput input) {
            // The records do not matter here.
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
            // Nothing to checkpoint.
        }
    }
}
