package io.embeddedkinesis.core.metrics;

import io.embeddedkinesis.core.model.MetricsName;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * A stream's meters in a Micrometer registry: CloudWatch's stream-level Kinesis metrics, tagged
 * {@value #STREAM_NAME}.
 *
 * <p>Four names are both stream-level and shard-level metrics in CloudWatch, told apart by their
 * dimensions: {@code IncomingBytes}, {@code IncomingRecords}, {@code WriteProvisionedThroughputExceeded}
 * and {@code ReadProvisionedThroughputExceeded}. Prometheus, and so Micrometer's Prometheus registry,
 * requires every meter of one name to have the same tag keys, and silently drops a meter that does not.
 * So the stream-level meters of those four names carry {@code ShardId=""}, which Prometheus reads as no
 * {@code ShardId} at all, as in CloudWatch.
 *
 * <p>{@code PutRecord.Latency} times one call in {@code putRecordTimingInterval}, picked at random: its count
 * is of the calls timed, and its mean is the latency; {@code PutRecord.Success} counts them all. Batch calls
 * ({@code PutRecords}, {@code GetRecords}) are all timed: the two clock reads are spread over their records.
 *
 * <p>Thread-safe: counters are {@code LongAdder}s, the shard list is copy-on-write, and changes to the
 * registered meters are serialized by this object's lock.
 */
final class MicrometerStreamMeters implements StreamMeters {
    /** The tag naming the stream, as CloudWatch's dimension. */
    static final String STREAM_NAME = "StreamName";
    /** The tag naming the shard, as CloudWatch's dimension. */
    static final String SHARD_ID = "ShardId";
    /** The tags of stream-level meters whose names shard-level meters share. */
    static final Tags NO_SHARD = Tags.of(SHARD_ID, "");

    private final MeterRegistry registry;
    private final Clock clock;
    private final String streamName;
    private final int putRecordTimingMask;
    private final RegisteredMeters meters;
    private final List<MicrometerShardMeters> shards = new CopyOnWriteArrayList<>();
    private volatile Set<MetricsName> shardLevelMetrics;
    private boolean closed;

    private final LongAdder putRecordCalls = new LongAdder();
    private final LongAdder putRecordBytes = new LongAdder();
    private final LongAdder putRecordTimed = new LongAdder();
    private final LongAdder putRecordNanos = new LongAdder();
    private final LongAdder putRecordThrottled = new LongAdder();
    private final LongAdder putRecordsCalls = new LongAdder();
    private final LongAdder putRecordsNanos = new LongAdder();
    private final LongAdder putRecordsSucceeded = new LongAdder();
    private final LongAdder putRecordsSuccessfulRecords = new LongAdder();
    private final LongAdder putRecordsThrottledRecords = new LongAdder();
    private final LongAdder putRecordsFailedRecords = new LongAdder();
    private final LongAdder putRecordsBytes = new LongAdder();
    private final LongAdder getRecordsCalls = new LongAdder();
    private final LongAdder getRecordsNanos = new LongAdder();
    private final LongAdder getRecordsRecords = new LongAdder();
    private final LongAdder getRecordsBytes = new LongAdder();
    private final LongAdder getRecordsThrottled = new LongAdder();

    MicrometerStreamMeters(final MeterRegistry registry, final String streamName,
        final Set<MetricsName> shardLevelMetrics, final int putRecordTimingInterval) {
        this.registry = registry;
        this.putRecordTimingMask = putRecordTimingInterval - 1;
        this.clock = registry.config().clock();
        this.streamName = streamName;
        this.shardLevelMetrics = Set.copyOf(shardLevelMetrics);
        this.meters = new RegisteredMeters(registry, Tags.of(STREAM_NAME, streamName));
        registerPutMeters();
        registerGetMeters();
    }

    private void registerPutMeters() {
        meters.counter("IncomingBytes", NO_SHARD, "Bytes put to the stream by PutRecord and PutRecords", this,
            m -> m.putRecordBytes.sum() + m.putRecordsBytes.sum());
        meters.counter("IncomingRecords", NO_SHARD, "Records put to the stream by PutRecord and PutRecords", this,
            m -> m.putRecordCalls.sum() + m.putRecordsSuccessfulRecords.sum());
        meters.counter("PutRecord.Success", Tags.empty(), "Successful PutRecord calls", this,
            m -> m.putRecordCalls.sum());
        meters.counter("PutRecord.Bytes", Tags.empty(), "Bytes put by PutRecord", this, m -> m.putRecordBytes.sum());
        meters.timer("PutRecord.Latency", "Time taken by successful PutRecord calls (a random sample of them)", this,
            m -> m.putRecordTimed.sum(), m -> m.putRecordNanos.sum());
        meters.counter("PutRecords.Success", Tags.empty(), "PutRecords calls where at least one record succeeded",
            this, m -> m.putRecordsSucceeded.sum());
        meters.counter("PutRecords.Records", Tags.empty(), "Records put by PutRecords (deprecated in CloudWatch:"
            + " PutRecords.SuccessfulRecords)", this, m -> m.putRecordsSuccessfulRecords.sum());
        meters.counter("PutRecords.Bytes", Tags.empty(), "Bytes put by PutRecords", this,
            m -> m.putRecordsBytes.sum());
        meters.timer("PutRecords.Latency", "Time taken by PutRecords calls", this, m -> m.putRecordsCalls.sum(),
            m -> m.putRecordsNanos.sum());
        meters.counter("PutRecords.SuccessfulRecords", Tags.empty(), "Records put by PutRecords", this,
            m -> m.putRecordsSuccessfulRecords.sum());
        meters.counter("PutRecords.ThrottledRecords", Tags.empty(), "PutRecords records refused by throttling",
            this, m -> m.putRecordsThrottledRecords.sum());
        meters.counter("PutRecords.FailedRecords", Tags.empty(), "PutRecords records that failed internally", this,
            m -> m.putRecordsFailedRecords.sum());
        meters.counter("PutRecords.TotalRecords", Tags.empty(), "Records sent in PutRecords calls", this,
            m -> m.putRecordsSuccessfulRecords.sum() + m.putRecordsThrottledRecords.sum()
                + m.putRecordsFailedRecords.sum());
        meters.counter("WriteProvisionedThroughputExceeded", NO_SHARD,
            "Records refused by throttling in PutRecord and PutRecords", this,
            m -> m.putRecordThrottled.sum() + m.putRecordsThrottledRecords.sum());
    }

    private void registerGetMeters() {
        meters.counter("GetRecords.Success", Tags.empty(), "Successful GetRecords calls", this,
            m -> m.getRecordsCalls.sum());
        meters.counter("GetRecords.Records", Tags.empty(), "Records returned by GetRecords", this,
            m -> m.getRecordsRecords.sum());
        meters.counter("GetRecords.Bytes", Tags.empty(), "Bytes returned by GetRecords", this,
            m -> m.getRecordsBytes.sum());
        meters.timer("GetRecords.Latency", "Time taken by successful GetRecords calls", this,
            m -> m.getRecordsCalls.sum(), m -> m.getRecordsNanos.sum());
        meters.gauge("GetRecords.IteratorAgeMilliseconds",
            "The age of the last record the last GetRecords call of each shard returned; the largest over shards",
            this, MicrometerStreamMeters::iteratorAgeMs);
        meters.counter("ReadProvisionedThroughputExceeded", NO_SHARD, "GetRecords calls refused by throttling", this,
            m -> m.getRecordsThrottled.sum());
    }

    private double iteratorAgeMs() {
        long max = 0;
        for (final MicrometerShardMeters shard : shards) {
            max = Math.max(max, shard.iteratorAgeMs());
        }
        return max;
    }

    @Override
    public long startTime() {
        return clock.monotonicTime();
    }

    @Override
    public long startPutRecordTime() {
        return (ThreadLocalRandom.current().nextInt() & putRecordTimingMask) == 0 ? clock.monotonicTime() : NOT_TIMED;
    }

    @Override
    public void onPutRecord(final long startTime, final long bytes) {
        if (startTime != NOT_TIMED) {
            putRecordNanos.add(clock.monotonicTime() - startTime);
            putRecordTimed.increment();
        }
        putRecordCalls.increment();
        putRecordBytes.add(bytes);
    }

    @Override
    public void onPutRecordThrottled() {
        putRecordThrottled.increment();
    }

    @Override
    public void onPutRecords(final long startTime, final int successfulRecords, final int throttledRecords,
        final int failedRecords, final long successfulBytes) {
        putRecordsNanos.add(clock.monotonicTime() - startTime);
        putRecordsCalls.increment();
        if (successfulRecords > 0) {
            putRecordsSucceeded.increment();
            putRecordsSuccessfulRecords.add(successfulRecords);
            putRecordsBytes.add(successfulBytes);
        }
        if (throttledRecords > 0) {
            putRecordsThrottledRecords.add(throttledRecords);
        }
        if (failedRecords > 0) {
            putRecordsFailedRecords.add(failedRecords);
        }
    }

    @Override
    public void onGetRecords(final long startTime, final int records, final long bytes) {
        getRecordsNanos.add(clock.monotonicTime() - startTime);
        getRecordsCalls.increment();
        getRecordsRecords.add(records);
        getRecordsBytes.add(bytes);
    }

    @Override
    public void onGetRecordsThrottled() {
        getRecordsThrottled.increment();
    }

    @Override
    public synchronized ShardMeters forShard(final String shardId) {
        final MicrometerShardMeters shard = new MicrometerShardMeters(this, registry, streamName, shardId);
        if (!closed) {
            shard.enable(shardLevelMetrics);
            shards.add(shard);
        }
        return shard;
    }

    @Override
    public synchronized void shardLevelMetrics(final Set<MetricsName> metrics) {
        final Set<MetricsName> changed = metrics.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(metrics));
        this.shardLevelMetrics = changed;
        if (closed) {
            return;
        }
        for (final MicrometerShardMeters shard : shards) {
            shard.enable(changed);
        }
    }

    /** Forgets a shard whose meters were closed. */
    void onShardClosed(final MicrometerShardMeters shard) {
        shards.remove(shard);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        meters.removeAll();
        for (final MicrometerShardMeters shard : shards) {
            shard.close();
        }
        shards.clear();
    }

    @Override
    public String toString() {
        return "meters of stream " + streamName;
    }
}
