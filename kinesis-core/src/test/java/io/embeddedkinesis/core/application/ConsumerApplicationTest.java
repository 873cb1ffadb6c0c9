package io.embeddedkinesis.core.application;

import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsumerApplicationTest extends ApplicationTestSupport {
    @Test
    void shouldKeepTheLeaseTableInTheBrokerDirectoryOneFilePerLease() {
        openBroker().createStream("s", 2);
        final ConsumerApplication application = openApplication("s", RecordingProcessor.Behaviour.EVERY_BATCH);
        drive(application.createWorker("w1"));

        final Path leases = directory.resolve("applications").resolve("app").resolve("leases");
        assertThat(leases.resolve("shardId-000000000000.json")).isRegularFile();
        assertThat(leases.resolve("shardId-000000000001.json")).isRegularFile();
        assertThat(application.leases()).extracting(Lease::leaseOwner).containsOnly("w1");
    }

    @Test
    void shouldIgnoreATemporaryFileLeftByACrashDuringAWrite() throws Exception {
        openBroker().createStream("s", 1);
        ConsumerApplication application = openApplication("s", RecordingProcessor.Behaviour.EVERY_BATCH);
        drive(application.createWorker("w1"));
        application.close();
        final Path leases = directory.resolve("applications").resolve("app").resolve("leases");
        Files.writeString(leases.resolve("shardId-000000000000.tmp"), "{\"leaseKey\":\"torn");

        application = openApplication("s", RecordingProcessor.Behaviour.EVERY_BATCH);

        assertThat(application.leases()).singleElement().satisfies(lease -> {
            assertThat(lease.leaseKey()).isEqualTo("shardId-000000000000");
            assertThat(lease.leaseOwner()).isNull();
        });
    }

    @Test
    void shouldRefuseASecondOpenOfTheSameApplicationAndAnotherStreamForIt() {
        openBroker().createStream("s", 1);
        broker.createStream("t", 1);
        final ConsumerApplication application = openApplication("s", RecordingProcessor.Behaviour.EVERY_BATCH);

        assertThatThrownBy(() -> openApplication("s", RecordingProcessor.Behaviour.EVERY_BATCH))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("the consumer application is open already: applicationName=app");
        application.close();
        assertThatThrownBy(() -> openApplication("t", RecordingProcessor.Behaviour.EVERY_BATCH))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("the application consumes another stream: applicationName=app, streamName=s");
        assertThatThrownBy(() -> openApplication("missing", RecordingProcessor.Behaviour.EVERY_BATCH))
            .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void shouldRefuseBadNamesAndDuplicateWorkers() {
        openBroker().createStream("s", 1);
        final ConsumerApplication application = openApplication("s", RecordingProcessor.Behaviour.EVERY_BATCH);
        application.createWorker("w1");

        assertThatThrownBy(() -> application.createWorker("w1"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("worker id must be new and not empty: workerId=w1");
        assertThatThrownBy(() -> ApplicationConfig.builder("no/slash", "s", shardId -> null))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("application name must be 1 to 128 characters of [a-zA-Z0-9_.-]: applicationName=no/slash");
    }

    @Test
    void shouldReportReadFailuresToTheErrorHandlerOncePerBackoff() {
        openBroker().createStream("s", 1);
        final ConsumerApplication application = openApplication("s", RecordingProcessor.Behaviour.EVERY_BATCH,
            b -> b.shardSyncIntervalMillis(1_000));
        final Worker worker = application.createWorker("w1");
        runFor(200, worker);

        broker.deleteStream("s");
        runFor(2_000, worker);

        assertThat(errors).isNotEmpty().hasSizeLessThanOrEqualTo(2 + 2_000 / 500 + 1)
            .allSatisfy(error -> assertThat(error).isInstanceOf(ResourceNotFoundException.class));
        assertThat(worker.state()).isEqualTo(Worker.State.RUNNING);
    }

    @Test
    void shouldOrderCheckpointsAsTheKclDoes() {
        final ExtendedSequenceNumber low = ExtendedSequenceNumber.of("100");
        final ExtendedSequenceNumber lowSub = new ExtendedSequenceNumber("100", 3);
        final ExtendedSequenceNumber high = ExtendedSequenceNumber.of("99999999999999999999999");

        assertThat(ExtendedSequenceNumber.AT_TIMESTAMP).isLessThan(ExtendedSequenceNumber.TRIM_HORIZON);
        assertThat(ExtendedSequenceNumber.TRIM_HORIZON).isLessThan(ExtendedSequenceNumber.LATEST);
        assertThat(ExtendedSequenceNumber.LATEST).isLessThan(low);
        assertThat(low).isLessThan(lowSub);
        assertThat(lowSub).isLessThan(high);
        assertThat(high).isLessThan(ExtendedSequenceNumber.SHARD_END);
        assertThat(ExtendedSequenceNumber.of("SHARD_END")).isEqualTo(ExtendedSequenceNumber.SHARD_END);
        assertThatThrownBy(() -> ExtendedSequenceNumber.of("later"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("not a sequence number or a sentinel checkpoint: sequenceNumber=later");
    }
}
