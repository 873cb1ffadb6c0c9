package io.embeddedkinesis.core.stream;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.ShardLimits;
import io.embeddedkinesis.core.metrics.StreamMeters;
import io.embeddedkinesis.core.metrics.UsageMeter;
import io.embeddedkinesis.core.model.MetricsName;
import io.embeddedkinesis.core.model.RecordDistributionStrategy;
import io.embeddedkinesis.core.model.StreamMode;
import io.embeddedkinesis.core.model.StreamStatus;
import io.embeddedkinesis.core.routing.HashKey;
import io.embeddedkinesis.core.shard.StoredShard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stream as the broker holds it: its identity, settings and shards, and the router that picks a shard
 * for a hash key.
 *
 * <p>The status is derived from the clock rather than stored: a stream is CREATING until its ready time
 * (immediately, unless the broker is configured to delay creation as the real service does), DELETING
 * once deletion was requested, ACTIVE otherwise. Nothing has to run in the background to move it on.
 *
 * <p>Thread-safe: settings that change are volatile and replaced whole; the shard list is immutable.
 */
public final class Stream {
    /** A rolling day, for the operations Kinesis allows only so often a day. */
    static final long DAY_MS = 24 * 3_600_000L;

    private final String streamName;
    private final String streamArn;
    private final long streamTag;
    private final long createdAtMs;
    private final long readyAtMs;
    private final ShardLimits shardLimits;
    private final ShardLimits ownShardLimits;
    private final StreamMeters meters;
    private final UsageMeter usage;
    private final AtomicInteger roundRobin = new AtomicInteger();
    private volatile Set<MetricsName> shardLevelMetrics;
    private volatile ShardSet shards;
    private volatile long updatingUntilMs;
    private volatile List<Long> scalingTimesMs;
    private volatile boolean readySeen;
    private volatile Retention retention;
    private volatile long deleteAtMs;
    private volatile int maxRecordSizeInKiB;
    private volatile SortedMap<String, String> tags;
    private volatile String resourcePolicy;
    private volatile StreamMode streamMode;
    private volatile List<Long> modeSwitchTimesMs;
    private volatile StreamEncryption encryption;
    private volatile StreamWarmThroughput warmThroughput;
    private volatile RecordDistributionStrategy recordDistributionStrategy;

    Stream(final String streamArn, final StreamMetadata metadata, final List<StoredShard> shards,
        final ShardLimits shardLimits, final StreamMeters meters, final long openedAtMs) {
        this.streamName = metadata.streamName();
        this.streamArn = streamArn;
        this.streamTag = metadata.streamTag();
        this.createdAtMs = metadata.createdAtMs();
        this.readyAtMs = metadata.readyAtMs();
        this.retention = new Retention(metadata.retentionPeriodHours(), metadata.retentionFloorMs());
        this.deleteAtMs = metadata.deleteAtMs();
        this.shardLimits = shardLimits;
        this.ownShardLimits = metadata.shardLimits();
        this.shards = new ShardSet(shards);
        this.scalingTimesMs = metadata.scalingTimesMs() == null ? List.of() : List.copyOf(metadata.scalingTimesMs());
        this.maxRecordSizeInKiB = metadata.maxRecordSizeInKiB() == null
            ? BrokerConfig.DEFAULT_MAX_RECORD_SIZE_KIB : metadata.maxRecordSizeInKiB();
        this.tags = sortedCopy(metadata.tags() == null ? Map.of() : metadata.tags());
        this.resourcePolicy = metadata.resourcePolicy();
        this.shardLevelMetrics = Set.copyOf(metadata.enabledMetrics());
        this.streamMode = metadata.streamMode() == null ? StreamMode.PROVISIONED : metadata.streamMode();
        this.modeSwitchTimesMs = metadata.modeSwitchTimesMs() == null ? List.of()
            : List.copyOf(metadata.modeSwitchTimesMs());
        this.encryption = metadata.encryption() == null ? StreamEncryption.NONE : metadata.encryption();
        this.warmThroughput = metadata.warmThroughput();
        this.recordDistributionStrategy = metadata.recordDistributionStrategy() == null
            ? RecordDistributionStrategy.USER_PARTITION_KEY : metadata.recordDistributionStrategy();
        this.meters = meters;
        this.usage = new UsageMeter(openedAtMs);
    }

    /**
     * The stream's name.
     *
     * @return the name.
     */
    public String streamName() {
        return streamName;
    }

    /**
     * The stream's ARN.
     *
     * @return {@code arn:<partition>:kinesis:<region>:<account>:stream/<name>}.
     */
    public String streamArn() {
        return streamArn;
    }

    /**
     * The tag that sequence numbers and iterators of this stream carry.
     *
     * @return 36 bits, unique to this incarnation of the stream.
     */
    public long streamTag() {
        return streamTag;
    }

    /**
     * When the stream was created.
     *
     * @return epoch milliseconds.
     */
    public long createdAtMs() {
        return createdAtMs;
    }

    /**
     * The stream's status at a time.
     *
     * @param nowMs the current time.
     * @return the status.
     */
    public StreamStatus status(final long nowMs) {
        if (deleteAtMs != Long.MAX_VALUE) {
            return StreamStatus.DELETING;
        }
        if (!isReady(nowMs)) {
            return StreamStatus.CREATING;
        }
        return nowMs < updatingUntilMs ? StreamStatus.UPDATING : StreamStatus.ACTIVE;
    }

    /**
     * Marks the stream UPDATING, as a reshard does, until a time.
     *
     * @param untilMs when it is ACTIVE again.
     */
    void updatingUntil(final long untilMs) {
        this.updatingUntilMs = untilMs;
    }

    long readyAtMs() {
        return readyAtMs;
    }

    ShardLimits ownShardLimits() {
        return ownShardLimits;
    }

    /**
     * Whether records may be put and read: the stream is ACTIVE (or UPDATING, or DELETING but not gone).
     *
     * @param nowMs the current time; only read while the stream may still be CREATING.
     * @return false while CREATING.
     */
    public boolean isReady(final long nowMs) {
        if (readySeen) {
            return true;
        }
        if (nowMs >= readyAtMs) {
            readySeen = true;
            return true;
        }
        return false;
    }

    /**
     * Whether the stream's readiness depends on the time, so callers must read the clock.
     *
     * @return true until the stream has been seen ready.
     */
    public boolean awaitsReadiness() {
        return !readySeen;
    }

    /**
     * How long records are kept.
     *
     * @return the retention period in hours.
     */
    public int retentionPeriodHours() {
        return retention.hours();
    }

    Retention retention() {
        return retention;
    }

    void retention(final Retention changed) {
        this.retention = changed;
    }

    /**
     * The oldest arrival time still within retention.
     *
     * @param nowMs the current time.
     * @return records that arrived before this time have expired.
     */
    public long trimHorizonMs(final long nowMs) {
        return retention.trimHorizonMs(nowMs);
    }

    /**
     * A retention period with the floor below which records stay expired when the period grows.
     *
     * @param hours   the retention period.
     * @param floorMs records that arrived before this time are expired whatever the period.
     */
    record Retention(int hours, long floorMs) {
        private static final long HOUR_MS = 3_600_000L;

        long trimHorizonMs(final long nowMs) {
            return Math.max(nowMs - hours * HOUR_MS, floorMs);
        }

        /** The retention after a change of period at a time: what had expired by then stays expired. */
        Retention change(final int newHours, final long nowMs) {
            return new Retention(newHours, trimHorizonMs(nowMs));
        }
    }

    /**
     * Whether a shard is EXPIRED: closed, and retention has passed over every record it holds.
     *
     * @param shard a shard of this stream.
     * @param nowMs the current time.
     * @return true if it must no longer be listed or read.
     */
    public boolean isExpired(final StoredShard shard, final long nowMs) {
        return ShardSelection.isExpired(shard, trimHorizonMs(nowMs));
    }

    /**
     * When a requested deletion completes.
     *
     * @return epoch milliseconds, or {@link Long#MAX_VALUE} if the stream is not being deleted.
     */
    public long deleteAtMs() {
        return deleteAtMs;
    }

    void deleteAtMs(final long atMs) {
        this.deleteAtMs = atMs;
    }

    /**
     * The largest record, data and partition key together, that the stream takes.
     *
     * @return the size in KiB: 1024 unless raised by {@code UpdateMaxRecordSize} or at creation.
     */
    public int maxRecordSizeInKiB() {
        return maxRecordSizeInKiB;
    }

    /**
     * The largest record, data and partition key together, that the stream takes.
     *
     * @return the size in bytes.
     */
    public int maxRecordSizeBytes() {
        return maxRecordSizeInKiB * 1024;
    }

    void maxRecordSizeInKiB(final int kib) {
        this.maxRecordSizeInKiB = kib;
    }

    /**
     * The per-shard limits in force for this stream.
     *
     * @return the limits.
     */
    public ShardLimits shardLimits() {
        return shardLimits;
    }

    /**
     * The stream's shards still within retention, open and closed, in shard id order.
     *
     * @return an immutable list.
     */
    public List<StoredShard> shards() {
        return shards.all();
    }

    /**
     * The shards that take records, in hash key order.
     *
     * @return an immutable list.
     */
    public List<StoredShard> openShards() {
        return shards.open();
    }

    /** When UpdateShardCount ran recently, oldest first. */
    List<Long> scalingTimesMs() {
        return scalingTimesMs;
    }

    /** How many times UpdateShardCount ran since a time. */
    int scalingsSince(final long sinceMs) {
        return (int) scalingTimesMs.stream().filter(atMs -> atMs > sinceMs).count();
    }

    /** Records an UpdateShardCount, forgetting those older than a day. */
    void recordScaling(final long nowMs) {
        this.scalingTimesMs = lastDayWith(scalingTimesMs, nowMs);
    }

    /**
     * The stream's capacity mode.
     *
     * @return PROVISIONED or ON_DEMAND.
     */
    public StreamMode streamMode() {
        return streamMode;
    }

    /**
     * The stream's server-side encryption: what records put now are marked with, and what the descriptions
     * show.
     *
     * @return the setting.
     */
    public StreamEncryption encryption() {
        return encryption;
    }

    void encryption(final StreamEncryption changed) {
        this.encryption = changed;
    }

    /** When UpdateStreamMode switched the mode recently, oldest first. */
    List<Long> modeSwitchTimesMs() {
        return modeSwitchTimesMs;
    }

    void streamMode(final StreamMode mode, final List<Long> switchTimesMs, final StreamWarmThroughput warm,
        final RecordDistributionStrategy strategy) {
        this.modeSwitchTimesMs = List.copyOf(switchTimesMs);
        this.warmThroughput = warm;
        this.recordDistributionStrategy = strategy;
        this.streamMode = mode;
    }

    /**
     * How records put to the stream are spread over its shards: by partition key, or, for an on-demand stream
     * set to {@code AUTO}, evenly whatever their keys.
     *
     * @return the strategy; read once per put or batch, as it is volatile.
     */
    public RecordDistributionStrategy recordDistributionStrategy() {
        return recordDistributionStrategy;
    }

    void recordDistributionStrategy(final RecordDistributionStrategy changed) {
        this.recordDistributionStrategy = changed;
    }

    /** An on-demand stream's warm throughput, or null if it has none. */
    StreamWarmThroughput warmThroughput() {
        return warmThroughput;
    }

    void warmThroughput(final StreamWarmThroughput changed) {
        this.warmThroughput = changed;
    }

    /** The times of the last 24 hours, oldest first, and now. */
    static List<Long> lastDayWith(final List<Long> timesMs, final long nowMs) {
        final List<Long> recent = new ArrayList<>();
        for (final Long atMs : timesMs) {
            if (atMs > nowMs - DAY_MS) {
                recent.add(atMs);
            }
        }
        recent.add(nowMs);
        return List.copyOf(recent);
    }

    /** The stream's tags, by key in ascending order; immutable. */
    SortedMap<String, String> tags() {
        return tags;
    }

    void tags(final Map<String, String> changed) {
        this.tags = sortedCopy(changed);
    }

    /** The stream's resource policy as it was put, or null if it has none. */
    String resourcePolicy() {
        return resourcePolicy;
    }

    void resourcePolicy(final String changed) {
        this.resourcePolicy = changed;
    }

    /** Keys sort as Java strings (UTF-16 code units), the order in which Kinesis lists tags. */
    static SortedMap<String, String> sortedCopy(final Map<String, String> tags) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    }

    /**
     * The stream-level meters.
     *
     * @return the meters, a no-op without metrics.
     */
    public StreamMeters meters() {
        return meters;
    }

    /**
     * The billable usage counted since the broker opened the stream.
     *
     * @return the usage meter.
     */
    public UsageMeter usage() {
        return usage;
    }

    /**
     * The shard-level metrics enhanced monitoring enabled.
     *
     * @return an immutable set, without {@link MetricsName#ALL}.
     */
    public Set<MetricsName> shardLevelMetrics() {
        return shardLevelMetrics;
    }

    void shardLevelMetrics(final Set<MetricsName> changed) {
        this.shardLevelMetrics = Set.copyOf(changed);
        meters.shardLevelMetrics(changed);
    }

    ShardSet shardSet() {
        return shards;
    }

    void shardSet(final ShardSet changed) {
        this.shards = changed;
    }

    /**
     * Finds a shard by index.
     *
     * @param shardIndex the number in the shard id.
     * @return the shard, or null if the stream has no such shard.
     */
    public StoredShard shard(final int shardIndex) {
        return shards.byIndex(shardIndex);
    }

    /**
     * Picks the open shard that owns a hash key.
     *
     * @param hashKey the hash key.
     * @return the shard.
     */
    public StoredShard route(final HashKey hashKey) {
        return shards.route(hashKey);
    }

    /**
     * The stream's only open shard, which owns every hash key: a put to it needs no hash of its partition key
     * until a reshard seals the shard.
     *
     * @return the shard, or null if the stream has not exactly one open shard.
     */
    public StoredShard soleOpenShard() {
        return shards.soleOpen();
    }

    /**
     * Picks the next open shard in turn, for a stream with the {@code AUTO} record distribution strategy: over
     * any run of puts the open shards get records evenly, whatever their keys. One atomic increment per record,
     * on this path only.
     *
     * @return the shard.
     */
    public StoredShard routeRoundRobin() {
        return shards.roundRobin(roundRobin.getAndIncrement());
    }

    @Override
    public String toString() {
        return streamArn;
    }
}
