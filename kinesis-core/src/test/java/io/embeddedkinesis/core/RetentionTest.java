package io.embeddedkinesis.core;

import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.ValidationException;
import io.embeddedkinesis.core.junit.EmbeddedKinesis;
import io.embeddedkinesis.core.junit.KinesisStream;
import io.embeddedkinesis.core.junit.StreamReader;
import io.embeddedkinesis.core.junit.TestBroker;
import io.embeddedkinesis.core.junit.TestClock;
import io.embeddedkinesis.core.model.ShardIteratorType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

import static io.embeddedkinesis.core.BrokerTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@EmbeddedKinesis
@KinesisStream(name = "s")
class RetentionTest {
    private static final long HOUR = 3_600_000L;
    private static final String HOUR_START = "2025-11-24T17:00:00Z";

    TestBroker kinesis;
    KinesisBroker broker;
    TestClock clock;
    StreamReader reader;

    @Test
    void shouldNeverReturnRecordsPastRetention() {
        broker.putRecord("s", "k", bytes("old"));
        clock.advance(24 * HOUR - 120_000);
        broker.putRecord("s", "k", bytes("young"));
        final String before = broker.getShardIterator("s", "shardId-000000000000", ShardIteratorType.TRIM_HORIZON);

        clock.advance(120_001);

        assertThat(reader.readAll("s")).extracting(BrokerTestSupport::text).containsExactly("young");
        assertThat(broker.getRecords(before).records()).extracting(BrokerTestSupport::text).containsExactly("young");
        assertThat(broker.getRecords(broker.getShardIterator("s", "shardId-000000000000", Instant.ofEpochMilli(0)))
            .records()).extracting(BrokerTestSupport::text).containsExactly("young");
    }

    @Test
    void shouldMakeOlderRecordsUnreadableAtOnceWhenRetentionDecreases() {
        broker.increaseStreamRetentionPeriod("s", 72);
        broker.putRecord("s", "k", bytes("two-days-old"));
        clock.advance(48 * HOUR);
        broker.putRecord("s", "k", bytes("new"));

        assertThat(reader.readAll("s")).hasSize(2);
        broker.decreaseStreamRetentionPeriod("s", 24);

        assertThat(reader.readAll("s")).extracting(BrokerTestSupport::text).containsExactly("new");
    }

    @Test
    void shouldDeleteExpiredLogFilesFromDisk() throws IOException {
        for (int hour = 0; hour < 30; hour++) {
            broker.putRecord("s", "k", bytes("hour-" + hour));
            clock.advance(HOUR);
        }
        final long before = logFiles();

        final int deleted = broker.enforceRetention();

        assertThat(deleted).isGreaterThanOrEqualTo(5);
        assertThat(logFiles()).isEqualTo(before - deleted);
        assertThat(reader.readAll("s")).extracting(BrokerTestSupport::text).startsWith("hour-6").hasSize(24);
        broker.putRecord("s", "k", bytes("after"));
        assertThat(reader.readAll("s")).hasSize(25);
    }

    @Test
    @EmbeddedKinesis(housekeepingIntervalMs = 1)
    void shouldDeleteExpiredFilesOnTheHousekeepingThread() throws Exception {
        for (int hour = 0; hour < 30; hour++) {
            broker.putRecord("s", "k", bytes("hour-" + hour));
            clock.advance(HOUR);
        }
        final long before = logFiles();

        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (logFiles() == before && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }

        assertThat(logFiles()).isLessThan(before);
    }

    @Test
    void shouldValidateRetentionChangesAsKinesisDoes() {
        assertThatThrownBy(() -> broker.increaseStreamRetentionPeriod("s", 8761))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("Maximum allowed retention period is 8760 hours. Requested retention period (8761 hours) is too"
                + " long.");
        assertThatThrownBy(() -> broker.decreaseStreamRetentionPeriod("s", 23))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too"
                + " short.");
        assertThatThrownBy(() -> broker.decreaseStreamRetentionPeriod("s", -1))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value '-1' at 'retentionPeriodHours' failed to satisfy"
                + " constraint: Member must have value greater than or equal to 1");
        broker.increaseStreamRetentionPeriod("s", 100);
        assertThatThrownBy(() -> broker.increaseStreamRetentionPeriod("s", 50))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("Requested retention period (50 hours) for stream s can not be shorter than existing retention"
                + " period (100 hours). Use DecreaseRetentionPeriod API.");
        assertThatThrownBy(() -> broker.decreaseStreamRetentionPeriod("s", 200))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("Requested retention period (200 hours) for stream s can not be longer than existing retention"
                + " period (100 hours). Use IncreaseRetentionPeriod API.");
        broker.increaseStreamRetentionPeriod("s", 100);
        assertThat(broker.describeStreamSummary("s").retentionPeriodHours()).isEqualTo(100);
    }

    @Test
    @EmbeddedKinesis(minimumRetentionPeriodHours = 1)
    void shouldAllowShortRetentionWhenTheBrokerPermitsIt() {
        broker.decreaseStreamRetentionPeriod("s", 1);
        broker.putRecord("s", "k", bytes("soon-gone"));

        clock.advance(HOUR + 1);

        assertThat(reader.readAll("s")).isEmpty();
    }

    @Test
    void shouldNotResurrectExpiredRecordsWhenRetentionIncreases() {
        broker.putRecord("s", "k", bytes("old"));
        clock.advance(30 * HOUR);
        broker.putRecord("s", "k", bytes("new"));
        broker.enforceRetention();

        broker.increaseStreamRetentionPeriod("s", 48);

        assertThat(reader.readAll("s")).extracting(BrokerTestSupport::text).containsExactly("new");
    }

    @Test
    @EmbeddedKinesis(clockStart = HOUR_START)
    void shouldKeepRecordsExpiredWhenRetentionIncreasesEvenIfTheirFileRemains() {
        final long hourStart = Instant.parse(HOUR_START).toEpochMilli();
        broker.putRecord("s", "k", bytes("old"));
        clock.update(hourStart + 50 * 60_000L);
        broker.putRecord("s", "k", bytes("same-file"));
        clock.update(hourStart + 24 * HOUR + 10 * 60_000L);
        assertThat(broker.enforceRetention()).isZero();
        assertThat(reader.readAll("s")).extracting(BrokerTestSupport::text).containsExactly("same-file");

        broker.increaseStreamRetentionPeriod("s", 48);

        assertThat(reader.readAll("s")).extracting(BrokerTestSupport::text).containsExactly("same-file");
        kinesis.reopen();
        assertThat(reader.readAll("s")).extracting(BrokerTestSupport::text).containsExactly("same-file");
        clock.advance(HOUR);
        assertThat(reader.readAll("s")).extracting(BrokerTestSupport::text).containsExactly("same-file");
    }

    private long logFiles() throws IOException {
        while (true) {
            try (Stream<Path> files = Files.walk(broker.directory())) {
                return files.filter(f -> f.getFileName().toString().endsWith(".cq4")).count();
            } catch (final java.io.UncheckedIOException raced) {
                // A file vanished while the housekeeping thread deleted it: count again.
                continue;
            }
        }
    }
}
