package io.embeddedkinesis.core.metrics;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.ShardLimits;
import io.embeddedkinesis.core.exception.ProvisionedThroughputExceededException;
import io.embeddedkinesis.core.model.CreateStreamRequest;
import io.embeddedkinesis.core.model.GetRecordsResult;
import io.embeddedkinesis.core.model.MetricsName;
import io.embeddedkinesis.core.model.PutRecordRequest;
import io.embeddedkinesis.core.model.PutRecordsRequestEntry;
import io.embeddedkinesis.core.model.PutRecordsResult;
import io.embeddedkinesis.core.model.ShardIteratorType;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrokerMetricsTest {
    private static final long START_MS = 1_764_000_000_000L;
    private static final String SHARD_0 = "shardId-000000000000";
    private static final byte[] DATA = "0123456789".getBytes(StandardCharsets.UTF_8);
    private static final String KEY = "user-1";
    private static final long RECORD_BYTES = DATA.length + KEY.length();
    private static final String MAX_HASH_KEY = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE).toString();

    @TempDir
    Path directory;

    private final CachedEpochClock clock = new CachedEpochClock();
    private final SteppingClock meterClock = new SteppingClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, meterClock);
    private KinesisBroker broker;

    @AfterEach
    void closeBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private KinesisBroker open() {
        clock.update(START_MS);
        broker = KinesisBroker.open(BrokerConfig.builder().directory(directory).clock(clock)
            .housekeepingIntervalMs(0).metrics(new MicrometerMetrics(registry, 1)).build());
        return broker;
    }

    @Test
    void shouldRegisterTheStreamLevelMetersNamedAsCloudWatchNamesThem() {
        open().createStream("s", 2);

        assertThat(meterNames("s")).containsExactlyInAnyOrder("IncomingBytes", "IncomingRecords",
            "PutRecord.Success", "PutRecord.Bytes", "PutRecord.Latency", "PutRecords.Success", "PutRecords.Records",
            "PutRecords.Bytes", "PutRecords.Latency", "PutRecords.SuccessfulRecords", "PutRecords.ThrottledRecords",
            "PutRecords.FailedRecords", "PutRecords.TotalRecords", "WriteProvisionedThroughputExceeded",
            "GetRecords.Success", "GetRecords.Records", "GetRecords.Bytes", "GetRecords.Latency",
            "GetRecords.IteratorAgeMilliseconds", "ReadProvisionedThroughputExceeded");
        assertThat(registry.get("PutRecord.Success").tag("StreamName", "s").meter().getId().getTags())
            .containsExactly(Tag.of("StreamName", "s"));
    }

    @Test
    void shouldGiveTheStreamLevelMetersOfSharedNamesAnEmptyShardIdForPrometheus() {
        open().createStream("s", 1);

        for (final String name : List.of("IncomingBytes", "IncomingRecords", "WriteProvisionedThroughputExceeded",
            "ReadProvisionedThroughputExceeded")) {
            assertThat(registry.get(name).tag("StreamName", "s").meter().getId().getTags())
                .as(name).containsExactly(Tag.of("ShardId", ""), Tag.of("StreamName", "s"));
        }
    }

    @Test
    void shouldCountAndTimePutRecord() {
        open().createStream("s", 1);

        broker.putRecord("s", KEY, DATA);
        broker.putRecord("s", KEY, DATA);

        assertThat(count("PutRecord.Success")).isEqualTo(2);
        assertThat(count("PutRecord.Bytes")).isEqualTo(2 * RECORD_BYTES);
        assertThat(streamCount("IncomingRecords")).isEqualTo(2);
        assertThat(streamCount("IncomingBytes")).isEqualTo(2 * RECORD_BYTES);
        final FunctionTimer latency = registry.get("PutRecord.Latency").tag("StreamName", "s").functionTimer();
        assertThat(latency.count()).isEqualTo(2);
        assertThat(latency.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(2.0 * SteppingClock.STEP_NS);
    }

    @Test
    void shouldCountPutRecordsBySuccessAndThrottling() {
        open().createStream(CreateStreamRequest.of("s", 1)
            .withShardLimits(new ShardLimits(ShardLimits.UNLIMITED, 2, ShardLimits.UNLIMITED, ShardLimits.UNLIMITED)));
        final List<PutRecordsRequestEntry> three = List.of(entry(), entry(), entry());

        final PutRecordsResult first = broker.putRecords("s", three);
        final PutRecordsResult second = broker.putRecords("s", three);

        assertThat(first.failedRecordCount()).isEqualTo(1);
        assertThat(second.failedRecordCount()).isEqualTo(3);
        assertThat(count("PutRecords.Success")).isEqualTo(1);
        assertThat(count("PutRecords.SuccessfulRecords")).isEqualTo(2);
        assertThat(count("PutRecords.Records")).isEqualTo(2);
        assertThat(count("PutRecords.ThrottledRecords")).isEqualTo(4);
        assertThat(count("PutRecords.FailedRecords")).isZero();
        assertThat(count("PutRecords.TotalRecords")).isEqualTo(6);
        assertThat(count("PutRecords.Bytes")).isEqualTo(2 * RECORD_BYTES);
        assertThat(streamCount("WriteProvisionedThroughputExceeded")).isEqualTo(4);
        assertThat(streamCount("IncomingRecords")).isEqualTo(2);
        assertThat(registry.get("PutRecords.Latency").tag("StreamName", "s").functionTimer().count()).isEqualTo(2);
    }

    @Test
    void shouldTimeASampleOfPutRecordCallsByDefault() {
        clock.update(START_MS);
        broker = KinesisBroker.open(BrokerConfig.builder().directory(directory).clock(clock)
            .housekeepingIntervalMs(0).shardLimits(ShardLimits.NONE).metrics(BrokerMetrics.micrometer(registry))
            .build());
        broker.createStream("s", 1);

        for (int i = 0; i < 1_600; i++) {
            broker.putRecord("s", KEY, DATA);
        }

        final FunctionTimer latency = registry.get("PutRecord.Latency").tag("StreamName", "s").functionTimer();
        assertThat(count("PutRecord.Success")).isEqualTo(1_600);
        assertThat(latency.count()).as("about one in %d", MicrometerMetrics.PUT_RECORD_TIMING_INTERVAL)
            .isBetween(40.0, 200.0);
        assertThat(latency.mean(TimeUnit.NANOSECONDS)).isEqualTo(SteppingClock.STEP_NS);
    }

    @Test
    void shouldRefuseATimingIntervalThatIsNotAPowerOfTwo() {
        assertThatThrownBy(() -> new MicrometerMetrics(registry, 10))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("timing interval must be a power of two: putRecordTimingInterval=10");
    }

    @Test
    void shouldCountAThrottledPutRecord() {
        open().createStream(CreateStreamRequest.of("s", 1)
            .withShardLimits(new ShardLimits(ShardLimits.UNLIMITED, 1, ShardLimits.UNLIMITED, ShardLimits.UNLIMITED)));
        broker.putRecord("s", KEY, DATA);

        assertThatThrownBy(() -> broker.putRecord("s", KEY, DATA))
            .isInstanceOf(ProvisionedThroughputExceededException.class);

        assertThat(streamCount("WriteProvisionedThroughputExceeded")).isEqualTo(1);
        assertThat(count("PutRecord.Success")).isEqualTo(1);
    }

    @Test
    void shouldCountGetRecordsAndReportTheAgeOfTheLastRecordRead() {
        open().createStream("s", 1);
        broker.putRecord("s", KEY, DATA);
        clock.advance(1_000);
        broker.putRecord("s", KEY, DATA);
        clock.advance(5_000);

        final GetRecordsResult read = broker.getRecords(broker.getShardIterator("s", SHARD_0,
            ShardIteratorType.TRIM_HORIZON));

        assertThat(read.records()).hasSize(2);
        assertThat(count("GetRecords.Success")).isEqualTo(1);
        assertThat(count("GetRecords.Records")).isEqualTo(2);
        assertThat(count("GetRecords.Bytes")).isEqualTo(2 * RECORD_BYTES);
        assertThat(registry.get("GetRecords.Latency").tag("StreamName", "s").functionTimer().count()).isEqualTo(1);
        assertThat(gauge("GetRecords.IteratorAgeMilliseconds")).isEqualTo(5_000);

        broker.getRecords(read.nextShardIterator());

        assertThat(gauge("GetRecords.IteratorAgeMilliseconds")).as("caught up").isZero();
    }

    @Test
    void shouldReportTheOldestShardAsTheStreamsIteratorAge() {
        open().createStream("s", 2);
        enableAll();
        final String low = broker.putRecord(putTo("1")).shardId();
        clock.advance(3_000);
        final String high = broker.putRecord(putTo(MAX_HASH_KEY)).shardId();
        clock.advance(1_000);

        broker.getRecords(broker.getShardIterator("s", low, ShardIteratorType.TRIM_HORIZON));
        broker.getRecords(broker.getShardIterator("s", high, ShardIteratorType.TRIM_HORIZON));

        assertThat(shardGauge("IteratorAgeMilliseconds", low)).isEqualTo(4_000);
        assertThat(shardGauge("IteratorAgeMilliseconds", high)).isEqualTo(1_000);
        assertThat(gauge("GetRecords.IteratorAgeMilliseconds")).isEqualTo(4_000);
    }

    @Test
    void shouldCountAThrottledGetRecords() {
        open().createStream(CreateStreamRequest.of("s", 1)
            .withShardLimits(new ShardLimits(ShardLimits.UNLIMITED, ShardLimits.UNLIMITED, ShardLimits.UNLIMITED, 1)));
        enableAll();
        final String iterator = broker.getShardIterator("s", SHARD_0, ShardIteratorType.TRIM_HORIZON);
        broker.getRecords(iterator);

        assertThatThrownBy(() -> broker.getRecords(iterator))
            .isInstanceOf(ProvisionedThroughputExceededException.class);

        assertThat(streamCount("ReadProvisionedThroughputExceeded")).isEqualTo(1);
        assertThat(shardCount("ReadProvisionedThroughputExceeded", SHARD_0)).isEqualTo(1);
        assertThat(count("GetRecords.Success")).isEqualTo(1);
    }

    @Test
    void shouldRegisterShardLevelMetersOnlyWhileEnhancedMonitoringEnablesThem() {
        open().createStream("s", 2);
        assertThat(shardMeters()).isEmpty();

        broker.enableEnhancedMonitoring("s", MetricsName.INCOMING_BYTES, MetricsName.OUTGOING_RECORDS);

        assertThat(shardMeters()).containsExactlyInAnyOrder(
            "IncomingBytes/shardId-000000000000", "IncomingBytes/shardId-000000000001",
            "OutgoingRecords/shardId-000000000000", "OutgoingRecords/shardId-000000000001");

        broker.disableEnhancedMonitoring("s", MetricsName.INCOMING_BYTES);

        assertThat(shardMeters()).containsExactlyInAnyOrder(
            "OutgoingRecords/shardId-000000000000", "OutgoingRecords/shardId-000000000001");

        broker.disableEnhancedMonitoring("s", MetricsName.ALL);

        assertThat(shardMeters()).isEmpty();
    }

    @Test
    void shouldCountShardLevelMetricsOnlyWhileEnabled() {
        open().createStream("s", 1);
        broker.putRecord("s", KEY, DATA);
        enableAll();

        broker.putRecord("s", KEY, DATA);
        broker.getRecords(broker.getShardIterator("s", SHARD_0, ShardIteratorType.TRIM_HORIZON));

        assertThat(shardCount("IncomingRecords", SHARD_0)).isEqualTo(1);
        assertThat(shardCount("IncomingBytes", SHARD_0)).isEqualTo(RECORD_BYTES);
        assertThat(shardCount("OutgoingRecords", SHARD_0)).isEqualTo(2);
        assertThat(shardCount("OutgoingBytes", SHARD_0)).isEqualTo(2 * RECORD_BYTES);
        assertThat(shardCount("WriteProvisionedThroughputExceeded", SHARD_0)).isZero();
        assertThat(streamCount("IncomingRecords")).isEqualTo(2);
    }

    @Test
    void shouldGiveShardLevelMetersToTheShardsReshardingCreates() {
        open().createStream("s", 1);
        broker.enableEnhancedMonitoring("s", MetricsName.INCOMING_RECORDS);

        broker.splitShard("s", SHARD_0, BigInteger.ONE.shiftLeft(127).toString());
        broker.putRecord(putTo("1"));

        assertThat(shardMeters()).containsExactlyInAnyOrder("IncomingRecords/shardId-000000000000",
            "IncomingRecords/shardId-000000000001", "IncomingRecords/shardId-000000000002");
        assertThat(shardCount("IncomingRecords", "shardId-000000000001")).isEqualTo(1);
    }

    @Test
    void shouldRegisterTheMetersAgainWhenTheBrokerReopensTheStream() {
        open().createStream("s", 1);
        broker.enableEnhancedMonitoring("s", MetricsName.ITERATOR_AGE_MILLISECONDS);
        broker.close();

        assertThat(registry.getMeters()).isEmpty();

        open();

        assertThat(meterNames("s")).contains("PutRecord.Success");
        assertThat(shardMeters()).containsExactly("IteratorAgeMilliseconds/shardId-000000000000");
    }

    @Test
    void shouldRemoveTheMetersOfADeletedStream() {
        open().createStream("s", 1);
        enableAll();
        broker.createStream("other", 1);

        broker.deleteStream("s");

        assertThat(registry.getMeters()).extracting(meter -> meter.getId().getTag("StreamName")).containsOnly("other");
    }

    @Test
    void shouldRegisterNothingWithoutARegistry() {
        clock.update(START_MS);
        broker = KinesisBroker.open(BrokerConfig.builder().directory(directory).clock(clock)
            .housekeepingIntervalMs(0).build());
        broker.createStream("s", 1);
        broker.enableEnhancedMonitoring("s", MetricsName.ALL);
        broker.putRecord("s", KEY, DATA);

        assertThat(broker.config().metrics()).isSameAs(BrokerMetrics.none());
        assertThat(registry.getMeters()).isEmpty();
    }

    private static PutRecordRequest putTo(final String hashKey) {
        return PutRecordRequest.of("s", KEY, DATA).withExplicitHashKey(hashKey);
    }

    private static PutRecordsRequestEntry entry() {
        return new PutRecordsRequestEntry(DATA, KEY, null);
    }

    private void enableAll() {
        broker.enableEnhancedMonitoring("s", MetricsName.ALL);
    }

    private Set<String> meterNames(final String stream) {
        return registry.getMeters().stream().filter(meter -> stream.equals(meter.getId().getTag("StreamName")))
            .map(meter -> meter.getId().getName()).collect(Collectors.toCollection(TreeSet::new));
    }

    private Set<String> shardMeters() {
        return registry.getMeters().stream().map(Meter::getId)
            .filter(id -> id.getTag("ShardId") != null && !id.getTag("ShardId").isEmpty())
            .map(id -> id.getName() + "/" + id.getTag("ShardId")).collect(Collectors.toCollection(TreeSet::new));
    }

    private long count(final String name) {
        return (long) registry.get(name).tag("StreamName", "s").functionCounter().count();
    }

    private long streamCount(final String name) {
        return (long) registry.get(name).tags("StreamName", "s", "ShardId", "").functionCounter().count();
    }

    private long shardCount(final String name, final String shardId) {
        final FunctionCounter counter =
            registry.get(name).tags("StreamName", "s", "ShardId", shardId).functionCounter();
        return (long) counter.count();
    }

    private long gauge(final String name) {
        return (long) registry.get(name).tag("StreamName", "s").gauge().value();
    }

    private long shardGauge(final String name, final String shardId) {
        final Gauge gauge = registry.get(name).tags("StreamName", "s", "ShardId", shardId).gauge();
        return (long) gauge.value();
    }

    /** A Micrometer clock whose monotonic time moves one step each time it is read: every call takes a step. */
    private static final class SteppingClock implements Clock {
        static final long STEP_NS = 1_000_000L;
        private long nanos;

        @Override
        public long wallTime() {
            return START_MS;
        }

        @Override
        public synchronized long monotonicTime() {
            nanos += STEP_NS;
            return nanos;
        }
    }
}
