package io.embeddedkinesis.core;

import io.embeddedkinesis.core.log.Durability;
import io.embeddedkinesis.core.log.LogCycle;
import io.embeddedkinesis.core.metrics.BrokerMetrics;
import io.embeddedkinesis.core.metrics.UsagePrices;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a {@link KinesisBroker} is set up. Every default is the real service's behaviour; the options
 * exist for tests (a movable clock, short retention, no throttling) and for tuning durability.
 *
 * <p>Immutable; build one with {@link #builder()}.
 */
public final class BrokerConfig {
    /** The maximum record size of a stream unless set otherwise, in KiB: 1 MiB, Kinesis's default. */
    public static final int DEFAULT_MAX_RECORD_SIZE_KIB = 1024;
    /**
     * The default of {@link #shardLimit()}: the shard quota the service's quota page gave new accounts in
     * us-east-1, us-west-2 and eu-west-1 until 2023 (200 elsewhere); the current page gives more.
     */
    public static final int DEFAULT_SHARD_LIMIT = 500;
    /** The largest maximum record size a stream can be given, in KiB: 10 MiB. */
    public static final int LARGEST_MAX_RECORD_SIZE_KIB = 10240;
    /** The largest record Kinesis accepts by default: data plus partition key, 1 MiB. */
    public static final int MAX_RECORD_SIZE_BYTES = DEFAULT_MAX_RECORD_SIZE_KIB * 1024;
    /** The model's limit on a record's {@code Data}, whatever its stream's maximum record size: 10 MiB. */
    public static final int MAX_DATA_BYTES = LARGEST_MAX_RECORD_SIZE_KIB * 1024;

    /** Region name prefixes and the partitions whose regions they begin, as the AWS SDKs' endpoint rules list them. */
    private static final String[][] PARTITIONS = {
        {"cn-", "aws-cn"},
        {"us-gov-", "aws-us-gov"},
        {"us-iso-", "aws-iso"},
        {"us-isob-", "aws-iso-b"},
        {"eu-isoe-", "aws-iso-e"},
        {"us-isof-", "aws-iso-f"},
        {"eusc-", "aws-eusc"},
    };

    private final Path directory;
    private final EpochClock clock;
    private final String region;
    private final String accountId;
    private final ShardLimits shardLimits;
    private final int shardLimit;
    private final int onDemandStreamCountLimit;
    private final int maxWarmThroughputMiBps;
    private final OnDemandScaling onDemandScaling;
    private final int minimumRetentionPeriodHours;
    private final long streamCreationDelayMs;
    private final long streamDeletionDelayMs;
    private final long reshardDelayMs;
    private final long shardIteratorTtlMs;
    private final long consumerCreationDelayMs;
    private final long consumerDeletionDelayMs;
    private final long subscriptionLifetimeMs;
    private final LogCycle logCycle;
    private final Durability durability;
    private final long fsyncIntervalMs;
    private final long housekeepingIntervalMs;
    private final BrokerMetrics metrics;
    private final UsagePrices usagePrices;

    private BrokerConfig(final Builder builder) {
        this.directory = builder.directory;
        this.clock = builder.clock;
        this.region = builder.region;
        this.accountId = builder.accountId;
        this.shardLimits = builder.shardLimits;
        this.shardLimit = builder.shardLimit;
        this.onDemandStreamCountLimit = builder.onDemandStreamCountLimit;
        this.maxWarmThroughputMiBps = builder.maxWarmThroughputMiBps;
        this.onDemandScaling = builder.onDemandScaling;
        this.minimumRetentionPeriodHours = builder.minimumRetentionPeriodHours;
        this.streamCreationDelayMs = builder.streamCreationDelayMs;
        this.streamDeletionDelayMs = builder.streamDeletionDelayMs;
        this.reshardDelayMs = builder.reshardDelayMs;
        this.shardIteratorTtlMs = builder.shardIteratorTtlMs;
        this.consumerCreationDelayMs = builder.consumerCreationDelayMs;
        this.consumerDeletionDelayMs = builder.consumerDeletionDelayMs;
        this.subscriptionLifetimeMs = builder.subscriptionLifetimeMs;
        this.logCycle = builder.logCycle;
        this.durability = builder.durability;
        this.fsyncIntervalMs = builder.fsyncIntervalMs;
        this.housekeepingIntervalMs = builder.housekeepingIntervalMs;
        this.metrics = builder.metrics;
        this.usagePrices = builder.usagePrices;
    }

    /**
     * Starts a configuration with every default.
     *
     * @return a builder.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Where the broker keeps its files.
     *
     * @return the directory, or null for a fresh temporary directory deleted on close.
     */
    public Path directory() {
        return directory;
    }

    /**
     * The one clock behind every time the broker uses: arrival timestamps, retention, iterator expiry,
     * token refill, log file cycles, stream status delays.
     *
     * @return the clock; the system clock by default.
     */
    public EpochClock clock() {
        return clock;
    }

    /**
     * The region named in ARNs.
     *
     * @return e.g. {@code us-east-1}.
     */
    public String region() {
        return region;
    }

    /**
     * The AWS partition of the region, which ARNs begin with: {@code aws-cn} for China's regions,
     * {@code aws-us-gov} for GovCloud's, {@code aws-iso}, {@code aws-iso-b}, {@code aws-iso-e} and
     * {@code aws-iso-f} for the isolated ones, {@code aws-eusc} for the European Sovereign Cloud, and {@code aws}
     * for every other region.
     *
     * @return e.g. {@code aws} for {@code us-east-1}, {@code aws-cn} for {@code cn-north-1}.
     */
    public String partition() {
        for (final String[] prefixAndPartition : PARTITIONS) {
            if (region.startsWith(prefixAndPartition[0])) {
                return prefixAndPartition[1];
            }
        }
        return "aws";
    }

    /**
     * The account named in ARNs and error messages.
     *
     * @return twelve digits.
     */
    public String accountId() {
        return accountId;
    }

    /**
     * The per-shard limits of streams that do not set their own.
     *
     * @return the limits; Kinesis's by default.
     */
    public ShardLimits shardLimits() {
        return shardLimits;
    }

    /**
     * The most open shards all streams of the broker may have together, as an account's shard quota.
     *
     * @return the limit; 500 by default.
     */
    public int shardLimit() {
        return shardLimit;
    }

    /**
     * The most streams that may be in on-demand capacity mode, as an account's quota; reported by
     * {@code DescribeLimits}.
     *
     * @return the limit; 50 by default, as in Kinesis.
     */
    public int onDemandStreamCountLimit() {
        return onDemandStreamCountLimit;
    }

    /**
     * The most warm throughput an on-demand stream may be given ({@code UpdateStreamWarmThroughput}, and
     * {@code WarmThroughputMiBps} in {@code CreateStream} and {@code UpdateStreamMode}), as an account's quota.
     *
     * @return the limit in MiB/s; 10240 (10 GiB/s) by default, as in Kinesis.
     */
    public int maxWarmThroughputMiBps() {
        return maxWarmThroughputMiBps;
    }

    /**
     * How on-demand streams start and scale.
     *
     * @return the settings; {@link OnDemandScaling#DEFAULTS} by default.
     */
    public OnDemandScaling onDemandScaling() {
        return onDemandScaling;
    }

    /**
     * The shortest retention period a stream may be given.
     *
     * @return hours; 24 as in Kinesis, or less for tests.
     */
    public int minimumRetentionPeriodHours() {
        return minimumRetentionPeriodHours;
    }

    /**
     * How long a new stream stays CREATING.
     *
     * @return milliseconds; 0 by default.
     */
    public long streamCreationDelayMs() {
        return streamCreationDelayMs;
    }

    /**
     * How long a deleted stream stays DELETING before it is gone.
     *
     * @return milliseconds; 0 by default.
     */
    public long streamDeletionDelayMs() {
        return streamDeletionDelayMs;
    }

    /**
     * How long a stream stays UPDATING after a split, merge or shard count update.
     *
     * @return milliseconds; 0 by default.
     */
    public long reshardDelayMs() {
        return reshardDelayMs;
    }

    /**
     * How long a shard iterator stays valid.
     *
     * @return milliseconds; 300,000 (5 minutes) as in Kinesis.
     */
    public long shardIteratorTtlMs() {
        return shardIteratorTtlMs;
    }

    /**
     * How long a newly registered enhanced fan-out consumer stays CREATING.
     *
     * @return milliseconds; 0 by default.
     */
    public long consumerCreationDelayMs() {
        return consumerCreationDelayMs;
    }

    /**
     * How long a deregistered enhanced fan-out consumer stays DELETING before it is gone.
     *
     * @return milliseconds; 0 by default.
     */
    public long consumerDeletionDelayMs() {
        return consumerDeletionDelayMs;
    }

    /**
     * How long a {@code SubscribeToShard} subscription pushes records before it completes and the consumer
     * subscribes again.
     *
     * @return milliseconds; 300,000 (5 minutes) as in Kinesis.
     */
    public long subscriptionLifetimeMs() {
        return subscriptionLifetimeMs;
    }

    /**
     * How much time one shard log file covers.
     *
     * @return the cycle; hourly by default.
     */
    public LogCycle logCycle() {
        return logCycle;
    }

    /**
     * What an acknowledged put survives.
     *
     * @return the durability; {@link Durability#PAGE_CACHE} by default.
     */
    public Durability durability() {
        return durability;
    }

    /**
     * How often {@link Durability#FSYNC_INTERVAL} forces the logs to disk.
     *
     * @return milliseconds.
     */
    public long fsyncIntervalMs() {
        return fsyncIntervalMs;
    }

    /**
     * How often the background thread deletes expired log files and completes delayed deletions. The same
     * thread looks at on-demand streams' load every second, or every interval if that is shorter.
     *
     * @return milliseconds; 0 means no background thread (call {@link KinesisBroker#enforceRetention()} and
     *         {@link KinesisBroker#scaleOnDemandStreams()}).
     */
    public long housekeepingIntervalMs() {
        return housekeepingIntervalMs;
    }

    /**
     * Where the broker's metrics go.
     *
     * @return {@link BrokerMetrics#none()} by default: no metrics, at no cost.
     */
    public BrokerMetrics metrics() {
        return metrics;
    }

    /**
     * The prices {@link KinesisBroker#usage(String)} estimates costs with.
     *
     * @return {@link UsagePrices#NONE} by default: every cost zero.
     */
    public UsagePrices usagePrices() {
        return usagePrices;
    }

    /**
     * Builds a {@link BrokerConfig}. Not thread-safe.
     */
    public static final class Builder {
        private Path directory;
        private EpochClock clock = SystemEpochClock.INSTANCE;
        private String region = "us-east-1";
        private String accountId = "000000000000";
        private ShardLimits shardLimits = ShardLimits.KINESIS_DEFAULTS;
        private int shardLimit = DEFAULT_SHARD_LIMIT;
        private int onDemandStreamCountLimit = 50;
        private int maxWarmThroughputMiBps = 10_240;
        private OnDemandScaling onDemandScaling = OnDemandScaling.DEFAULTS;
        private int minimumRetentionPeriodHours = 24;
        private long streamCreationDelayMs;
        private long streamDeletionDelayMs;
        private long reshardDelayMs;
        private long shardIteratorTtlMs = 300_000L;
        private long consumerCreationDelayMs;
        private long consumerDeletionDelayMs;
        private long subscriptionLifetimeMs = 300_000L;
        private LogCycle logCycle = LogCycle.HOURLY;
        private Durability durability = Durability.PAGE_CACHE;
        private long fsyncIntervalMs = 1_000L;
        private long housekeepingIntervalMs = 60_000L;
        private BrokerMetrics metrics = BrokerMetrics.none();
        private UsagePrices usagePrices = UsagePrices.NONE;

        private Builder() {
        }

        /**
         * Sets where the broker keeps its files; it reopens whatever a previous broker left there.
         *
         * @param directory the directory, created if missing; null for a temporary one.
         * @return this builder.
         */
        public Builder directory(final Path directory) {
            this.directory = directory;
            return this;
        }

        /**
         * Sets the clock; tests pass an Agrona {@code CachedEpochClock} and move it.
         *
         * @param clock the clock.
         * @return this builder.
         */
        public Builder clock(final EpochClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the region named in ARNs.
         *
         * @param region e.g. {@code eu-west-1}.
         * @return this builder.
         */
        public Builder region(final String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /**
         * Sets the account named in ARNs and messages.
         *
         * @param accountId twelve digits.
         * @return this builder.
         */
        public Builder accountId(final String accountId) {
            if (accountId == null || !accountId.matches("\\d{12}")) {
                throw new IllegalArgumentException("account id must be twelve digits: accountId=" + accountId);
            }
            this.accountId = accountId;
            return this;
        }

        /**
         * Sets the per-shard limits of streams that do not set their own.
         *
         * @param limits e.g. {@link ShardLimits#NONE} to switch throttling off.
         * @return this builder.
         */
        public Builder shardLimits(final ShardLimits limits) {
            this.shardLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Sets the most open shards all streams may have together; CreateStream beyond it fails with
         * {@code LimitExceededException}.
         *
         * @param limit at least 1.
         * @return this builder.
         */
        public Builder shardLimit(final int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("shard limit must be positive: limit=" + limit);
            }
            this.shardLimit = limit;
            return this;
        }

        /**
         * Sets the most streams that may be in on-demand capacity mode, as {@code DescribeLimits} reports it.
         *
         * @param limit at least 0.
         * @return this builder.
         */
        public Builder onDemandStreamCountLimit(final int limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("on-demand stream count limit must not be negative: limit="
                    + limit);
            }
            this.onDemandStreamCountLimit = limit;
            return this;
        }

        /**
         * Sets the most warm throughput an on-demand stream may be given, as an account's quota.
         *
         * @param miBps at least 0, in MiB/s.
         * @return this builder.
         */
        public Builder maxWarmThroughputMiBps(final int miBps) {
            if (miBps < 0) {
                throw new IllegalArgumentException("max warm throughput must not be negative: miBps=" + miBps);
            }
            this.maxWarmThroughputMiBps = miBps;
            return this;
        }

        /**
         * Sets how on-demand streams start and scale: their shard counts and when a shard is split or merged.
         *
         * @param scaling the settings.
         * @return this builder.
         */
        public Builder onDemandScaling(final OnDemandScaling scaling) {
            this.onDemandScaling = Objects.requireNonNull(scaling, "scaling");
            return this;
        }

        /**
         * Allows retention periods shorter than Kinesis's 24 hours, for tests.
         *
         * @param hours 1 to 24.
         * @return this builder.
         */
        public Builder minimumRetentionPeriodHours(final int hours) {
            if (hours < 1 || hours > 24) {
                throw new IllegalArgumentException("minimum retention must be 1..24 hours: hours=" + hours);
            }
            this.minimumRetentionPeriodHours = hours;
            return this;
        }

        /**
         * Makes new streams stay CREATING for a while, as real ones do.
         *
         * @param delayMs milliseconds, 0 for none.
         * @return this builder.
         */
        public Builder streamCreationDelayMs(final long delayMs) {
            this.streamCreationDelayMs = requireNonNegative("streamCreationDelayMs", delayMs);
            return this;
        }

        /**
         * Makes deleted streams stay DELETING for a while, as real ones do.
         *
         * @param delayMs milliseconds, 0 for none.
         * @return this builder.
         */
        public Builder streamDeletionDelayMs(final long delayMs) {
            this.streamDeletionDelayMs = requireNonNegative("streamDeletionDelayMs", delayMs);
            return this;
        }

        /**
         * Makes streams stay UPDATING for a while after each reshard, as real ones do; further reshards are
         * refused meanwhile, reads and writes go on.
         *
         * @param delayMs milliseconds, 0 for none.
         * @return this builder.
         */
        public Builder reshardDelayMs(final long delayMs) {
            this.reshardDelayMs = requireNonNegative("reshardDelayMs", delayMs);
            return this;
        }

        /**
         * Sets how long shard iterators stay valid.
         *
         * @param ttlMs milliseconds, at least 1.
         * @return this builder.
         */
        public Builder shardIteratorTtlMs(final long ttlMs) {
            if (ttlMs < 1) {
                throw new IllegalArgumentException("iterator lifetime must be positive: ttlMs=" + ttlMs);
            }
            this.shardIteratorTtlMs = ttlMs;
            return this;
        }

        /**
         * Makes newly registered consumers stay CREATING for a while, as real ones do; they cannot subscribe
         * meanwhile.
         *
         * @param delayMs milliseconds, 0 for none.
         * @return this builder.
         */
        public Builder consumerCreationDelayMs(final long delayMs) {
            this.consumerCreationDelayMs = requireNonNegative("consumerCreationDelayMs", delayMs);
            return this;
        }

        /**
         * Makes deregistered consumers stay DELETING for a while, as real ones do.
         *
         * @param delayMs milliseconds, 0 for none.
         * @return this builder.
         */
        public Builder consumerDeletionDelayMs(final long delayMs) {
            this.consumerDeletionDelayMs = requireNonNegative("consumerDeletionDelayMs", delayMs);
            return this;
        }

        /**
         * Sets how long a {@code SubscribeToShard} subscription lasts before it completes.
         *
         * @param lifetimeMs milliseconds, at least 1.
         * @return this builder.
         */
        public Builder subscriptionLifetimeMs(final long lifetimeMs) {
            if (lifetimeMs < 1) {
                throw new IllegalArgumentException("subscription lifetime must be positive: lifetimeMs="
                    + lifetimeMs);
            }
            this.subscriptionLifetimeMs = lifetimeMs;
            return this;
        }

        /**
         * Sets how much time one log file covers.
         *
         * @param cycle the cycle.
         * @return this builder.
         */
        public Builder logCycle(final LogCycle cycle) {
            this.logCycle = Objects.requireNonNull(cycle, "cycle");
            return this;
        }

        /**
         * Sets what an acknowledged put survives.
         *
         * @param durability the durability.
         * @return this builder.
         */
        public Builder durability(final Durability durability) {
            this.durability = Objects.requireNonNull(durability, "durability");
            return this;
        }

        /**
         * Sets how often {@link Durability#FSYNC_INTERVAL} forces the logs to disk.
         *
         * @param intervalMs milliseconds, at least 1.
         * @return this builder.
         */
        public Builder fsyncIntervalMs(final long intervalMs) {
            if (intervalMs < 1) {
                throw new IllegalArgumentException("fsync interval must be positive: intervalMs=" + intervalMs);
            }
            this.fsyncIntervalMs = intervalMs;
            return this;
        }

        /**
         * Sets how often the background thread runs; 0 starts no thread at all.
         *
         * @param intervalMs milliseconds.
         * @return this builder.
         */
        public Builder housekeepingIntervalMs(final long intervalMs) {
            this.housekeepingIntervalMs = requireNonNegative("housekeepingIntervalMs", intervalMs);
            return this;
        }

        /**
         * Sends the broker's metrics somewhere, e.g. {@code BrokerMetrics.micrometer(registry)}.
         *
         * @param metrics the metrics; {@link BrokerMetrics#none()} for none.
         * @return this builder.
         */
        public Builder metrics(final BrokerMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /**
         * Sets the prices that usage is costed at, e.g. those of the AWS region the workload would run in.
         *
         * @param prices the prices.
         * @return this builder.
         */
        public Builder usagePrices(final UsagePrices prices) {
            this.usagePrices = Objects.requireNonNull(prices, "prices");
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration.
         */
        public BrokerConfig build() {
            return new BrokerConfig(this);
        }

        private static long requireNonNegative(final String name, final long value) {
            if (value < 0) {
                throw new IllegalArgumentException(name + " must not be negative: " + name + "=" + value);
            }
            return value;
        }
    }
}
