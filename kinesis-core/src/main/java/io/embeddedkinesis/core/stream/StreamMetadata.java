package io.embeddedkinesis.core.stream;

import io.embeddedkinesis.core.ShardLimits;
import io.embeddedkinesis.core.model.MetricsName;
import io.embeddedkinesis.core.model.RecordDistributionStrategy;
import io.embeddedkinesis.core.model.StreamMode;
import io.embeddedkinesis.core.shard.ShardLineage;
import io.embeddedkinesis.core.shard.StoredShard;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a stream persists about itself in {@code stream.json}: everything needed to reopen it exactly as
 * it was. Sequence counters are not here: they live in the shard logs themselves.
 *
 * @param formatVersion        the layout of this file; {@link #FORMAT_VERSION} today.
 * @param streamName           the stream's name.
 * @param streamTag            36 random bits, unique per stream incarnation, carried by sequence numbers.
 * @param createdAtMs          when CreateStream was called.
 * @param readyAtMs            when the stream became (or becomes) ACTIVE.
 * @param retentionPeriodHours how long records are kept.
 * @param retentionFloorMs     records that arrived before this time stay expired, whatever the period:
 *                             raising the retention period never brings expired records back.
 * @param shardLimits          this stream's own per-shard limits, or null for the broker's.
 * @param deleteAtMs           when a requested deletion completes, or {@link Long#MAX_VALUE} if none.
 * @param scalingTimesMs       when UpdateShardCount ran in the last 24 hours, for its daily limit; or null.
 * @param maxRecordSizeInKiB   the largest record the stream takes, in KiB; null (in files written before
 *                             the setting existed) for the default.
 * @param shards               the shards.
 * @param tags                 the stream's tags; null in files written before tags existed, read as none.
 * @param shardLevelMetrics    the shard-level metrics enhanced monitoring enabled, by their Kinesis names; null
 *                             (in files written before enhanced monitoring existed) means none. Added without a
 *                             new format version: older brokers ignore it.
 * @param streamMode           the capacity mode; null (in files written before modes existed) for PROVISIONED.
 * @param modeSwitchTimesMs    when UpdateStreamMode switched the mode in the last 24 hours, for its daily limit;
 *                             or null.
 * @param encryption           server-side encryption, with its recent changes; null (in files written before
 *                             encryption existed) for none.
 * @param resourcePolicy       the policy PutResourcePolicy attached, as it was put; null when there is none and
 *                             in files written before resource policies existed. Added without a new format
 *                             version: older brokers ignore it.
 * @param warmThroughput       an on-demand stream's warm throughput; null when it has none and in files written
 *                             before warm throughput existed. Added without a new format version: older
 *                             brokers ignore it.
 * @param recordDistributionStrategy how records are spread over the shards; null (in files written before the
 *                             setting existed) for USER_PARTITION_KEY. Added without a new format version.
 */
record StreamMetadata(
    int formatVersion, String streamName, long streamTag, long createdAtMs, long readyAtMs,
    int retentionPeriodHours, long retentionFloorMs, ShardLimits shardLimits, long deleteAtMs,
    List<Long> scalingTimesMs, Integer maxRecordSizeInKiB, List<ShardMetadata> shards, Map<String, String> tags,
    List<String> shardLevelMetrics, StreamMode streamMode, List<Long> modeSwitchTimesMs,
    StreamEncryption encryption, String resourcePolicy, StreamWarmThroughput warmThroughput,
    RecordDistributionStrategy recordDistributionStrategy) {

    /** The layout written today. */
    static final int FORMAT_VERSION = 1;

    StreamMetadata withRetention(final int hours, final long floorMs) {
        return new StreamMetadata(formatVersion, streamName, streamTag, createdAtMs, readyAtMs, hours, floorMs,
            shardLimits, deleteAtMs, scalingTimesMs, maxRecordSizeInKiB, shards, tags, shardLevelMetrics,
            streamMode, modeSwitchTimesMs, encryption, resourcePolicy, warmThroughput,
            recordDistributionStrategy);
    }

    StreamMetadata withDeleteAtMs(final long atMs) {
        return new StreamMetadata(formatVersion, streamName, streamTag, createdAtMs, readyAtMs, retentionPeriodHours,
            retentionFloorMs, shardLimits, atMs, scalingTimesMs, maxRecordSizeInKiB, shards, tags, shardLevelMetrics,
            streamMode, modeSwitchTimesMs, encryption, resourcePolicy, warmThroughput,
            recordDistributionStrategy);
    }

    StreamMetadata withMaxRecordSizeInKiB(final int kib) {
        return new StreamMetadata(formatVersion, streamName, streamTag, createdAtMs, readyAtMs, retentionPeriodHours,
            retentionFloorMs, shardLimits, deleteAtMs, scalingTimesMs, kib, shards, tags, shardLevelMetrics,
            streamMode, modeSwitchTimesMs, encryption, resourcePolicy, warmThroughput,
            recordDistributionStrategy);
    }

    StreamMetadata withTags(final Map<String, String> changed) {
        return new StreamMetadata(formatVersion, streamName, streamTag, createdAtMs, readyAtMs, retentionPeriodHours,
            retentionFloorMs, shardLimits, deleteAtMs, scalingTimesMs, maxRecordSizeInKiB, shards, changed,
            shardLevelMetrics, streamMode, modeSwitchTimesMs, encryption, resourcePolicy, warmThroughput,
            recordDistributionStrategy);
    }

    StreamMetadata withShardLevelMetrics(final Set<MetricsName> metrics) {
        return new StreamMetadata(formatVersion, streamName, streamTag, createdAtMs, readyAtMs, retentionPeriodHours,
            retentionFloorMs, shardLimits, deleteAtMs, scalingTimesMs, maxRecordSizeInKiB, shards, tags,
            namesOf(metrics), streamMode, modeSwitchTimesMs, encryption, resourcePolicy, warmThroughput,
            recordDistributionStrategy);
    }

    StreamMetadata withStreamMode(final StreamMode mode, final List<Long> switchTimesMs,
        final StreamWarmThroughput warm, final RecordDistributionStrategy strategy) {
        return new StreamMetadata(formatVersion, streamName, streamTag, createdAtMs, readyAtMs, retentionPeriodHours,
            retentionFloorMs, shardLimits, deleteAtMs, scalingTimesMs, maxRecordSizeInKiB, shards, tags,
            shardLevelMetrics, mode, switchTimesMs, encryption, resourcePolicy, warm, strategy);
    }

    StreamMetadata withWarmThroughput(final StreamWarmThroughput warm) {
        return new StreamMetadata(formatVersion, streamName, streamTag, createdAtMs, readyAtMs, retentionPeriodHours,
            retentionFloorMs, shardLimits, deleteAtMs, scalingTimesMs, maxRecordSizeInKiB, shards, tags,
            shardLevelMetrics, streamMode, modeSwitchTimesMs, encryption, resourcePolicy, warm,
            recordDistributionStrategy);
    }

    StreamMetadata withRecordDistributionStrategy(final RecordDistributionStrategy strategy) {
        return new StreamMetadata(formatVersion, streamName, streamTag, createdAtMs, readyAtMs, retentionPeriodHours,
            retentionFloorMs, shardLimits, deleteAtMs, scalingTimesMs, maxRecordSizeInKiB, shards, tags,
            shardLevelMetrics, streamMode, modeSwitchTimesMs, encryption, resourcePolicy, warmThroughput, strategy);
    }

    StreamMetadata withEncryption(final StreamEncryption changed) {
        return new StreamMetadata(formatVersion, streamName, streamTag, createdAtMs, readyAtMs, retentionPeriodHours,
            retentionFloorMs, shardLimits, deleteAtMs, scalingTimesMs, maxRecordSizeInKiB, shards, tags,
            shardLevelMetrics, streamMode, modeSwitchTimesMs, changed, resourcePolicy, warmThroughput,
            recordDistributionStrategy);
    }

    StreamMetadata withResourcePolicy(final String policy) {
        return new StreamMetadata(formatVersion, streamName, streamTag, createdAtMs, readyAtMs, retentionPeriodHours,
            retentionFloorMs, shardLimits, deleteAtMs, scalingTimesMs, maxRecordSizeInKiB, shards, tags,
            shardLevelMetrics, streamMode, modeSwitchTimesMs, encryption, policy, warmThroughput,
            recordDistributionStrategy);
    }

    /** The enabled shard-level metrics, read back; unknown names (from a newer broker) are skipped. */
    Set<MetricsName> enabledMetrics() {
        final Set<MetricsName> enabled = EnumSet.noneOf(MetricsName.class);
        if (shardLevelMetrics != null) {
            for (final String name : shardLevelMetrics) {
                final MetricsName metric = MetricsName.fromMetricName(name);
                if (metric != null && metric != MetricsName.ALL) {
                    enabled.add(metric);
                }
            }
        }
        return enabled;
    }

    /** The names to persist for a set of enabled metrics. */
    static List<String> namesOf(final Set<MetricsName> metrics) {
        return metrics.stream().sorted().map(MetricsName::metricName).toList();
    }

    /**
     * One shard of the stream.
     *
     * @param shardIndex               the number in its shard id.
     * @param startingHashKey          the lowest hash key it owns, decimal.
     * @param endingHashKey            the highest hash key it owns, decimal.
     * @param startingPosition         its log's end position when it was created.
     * @param parentShardIndex         the shard it was split or merged from, or null.
     * @param adjacentParentShardIndex the other shard of a merge, or null.
     * @param createdAtMs              when it was created, or null for the stream's creation time.
     * @param endingPosition           the position of its ending sequence number once closed, or null while open.
     * @param closedAtMs               when it was closed, or null while open.
     */
    record ShardMetadata(int shardIndex, String startingHashKey, String endingHashKey, long startingPosition,
        Integer parentShardIndex, Integer adjacentParentShardIndex, Long createdAtMs, Long endingPosition,
        Long closedAtMs) {

        /** The metadata of a shard as it stands. */
        static ShardMetadata of(final StoredShard shard) {
            final StoredShard.Closure closure = shard.closure();
            final ShardLineage lineage = shard.lineage();
            return new ShardMetadata(shard.id().index(), shard.hashKeyRange().startingHashKey().toString(),
                shard.hashKeyRange().endingHashKey().toString(), shard.startingPosition(),
                lineage.parentShardId() == null ? null : lineage.parentShardId().index(),
                lineage.adjacentParentShardId() == null ? null : lineage.adjacentParentShardId().index(),
                lineage.createdAtMs(), closure == null ? null : closure.endingPosition(),
                closure == null ? null : closure.closedAtMs());
        }
    }
}
