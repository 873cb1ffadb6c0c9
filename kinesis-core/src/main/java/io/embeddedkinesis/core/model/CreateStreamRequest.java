package io.embeddedkinesis.core.model;

import io.embeddedkinesis.core.ShardLimits;

import java.util.Map;

/**
 * The parameters of {@code CreateStream}.
 *
 * <p>A provisioned stream needs a shard count; an on-demand stream must not have one (it starts with the
 * broker's {@link io.embeddedkinesis.core.OnDemandScaling#initialShardCount()}). Without a mode, a request
 * with a shard count creates a provisioned stream and one without creates an on-demand stream.
 *
 * @param streamName                 the name: 1 to 128 characters of {@code [a-zA-Z0-9_.-]}, unique in the
 *                                   broker.
 * @param shardCount                 how many shards, at least 1; null for an on-demand stream.
 * @param streamMode                 the capacity mode, or null to follow the shard count.
 * @param shardLimits                this stream's per-shard limits, or null for the broker's.
 * @param maxRecordSizeInKiB         the largest record (data and partition key) the stream takes, in KiB: 1024
 *                                   to 10240; null for Kinesis's default, 1024.
 * @param tags                       the stream's first tags (1 to 50, as {@code AddTagsToStream} takes them), or
 *                                   null for none.
 * @param warmThroughputMiBps        the warm throughput an on-demand stream is kept ready for, in MiB/s, or null
 *                                   for none; only for an on-demand stream, and only with the account's minimum
 *                                   throughput billing commitment enabled.
 * @param recordDistributionStrategy how records are spread over the shards, or null for
 *                                   {@link RecordDistributionStrategy#USER_PARTITION_KEY}; {@code AUTO} only for
 *                                   an on-demand stream.
 */
public record CreateStreamRequest(String streamName, Integer shardCount, StreamMode streamMode,
    ShardLimits shardLimits, Integer maxRecordSizeInKiB, Map<String, String> tags, Integer warmThroughputMiBps,
    RecordDistributionStrategy recordDistributionStrategy) {

    /**
     * A request with the broker's defaults for everything but the name, shard count and limits.
     *
     * @param streamName  see the class description.
     * @param shardCount  see the class description.
     * @param shardLimits see the class description.
     */
    public CreateStreamRequest(final String streamName, final Integer shardCount, final ShardLimits shardLimits) {
        this(streamName, shardCount, null, shardLimits, null, null, null, null);
    }

    /**
     * A request for a provisioned stream with the broker's shard limits.
     *
     * @param streamName the name.
     * @param shardCount how many shards.
     * @return the request.
     */
    public static CreateStreamRequest of(final String streamName, final int shardCount) {
        return new CreateStreamRequest(streamName, shardCount, null);
    }

    /**
     * A request for an on-demand stream, which manages its shards itself.
     *
     * @param streamName the name.
     * @return the request.
     */
    public static CreateStreamRequest onDemand(final String streamName) {
        return new CreateStreamRequest(streamName, null, StreamMode.ON_DEMAND, null, null, null, null, null);
    }

    /**
     * This request with per-shard limits of its own, e.g. {@link ShardLimits#NONE} for a benchmark stream.
     *
     * @param limits the limits.
     * @return a new request.
     */
    public CreateStreamRequest withShardLimits(final ShardLimits limits) {
        return new CreateStreamRequest(streamName, shardCount, streamMode, limits, maxRecordSizeInKiB, tags,
            warmThroughputMiBps, recordDistributionStrategy);
    }

    /**
     * This request with a maximum record size, e.g. 10240 for records of up to 10 MiB.
     *
     * @param kib the largest record in KiB.
     * @return a new request.
     */
    public CreateStreamRequest withMaxRecordSizeInKiB(final int kib) {
        return new CreateStreamRequest(streamName, shardCount, streamMode, shardLimits, kib, tags,
            warmThroughputMiBps, recordDistributionStrategy);
    }

    /**
     * This request with tags for the new stream.
     *
     * @param streamTags the tags by key.
     * @return a new request.
     */
    public CreateStreamRequest withTags(final Map<String, String> streamTags) {
        return new CreateStreamRequest(streamName, shardCount, streamMode, shardLimits, maxRecordSizeInKiB,
            streamTags, warmThroughputMiBps, recordDistributionStrategy);
    }

    /**
     * This request with warm throughput for the new on-demand stream.
     *
     * @param miBps the warm throughput in MiB/s.
     * @return a new request.
     */
    public CreateStreamRequest withWarmThroughputMiBps(final int miBps) {
        return new CreateStreamRequest(streamName, shardCount, streamMode, shardLimits, maxRecordSizeInKiB, tags,
            miBps, recordDistributionStrategy);
    }

    /**
     * This request with a record distribution strategy for the new on-demand stream.
     *
     * @param strategy the strategy, e.g. {@link RecordDistributionStrategy#AUTO}.
     * @return a new request.
     */
    public CreateStreamRequest withRecordDistributionStrategy(final RecordDistributionStrategy strategy) {
        return new CreateStreamRequest(streamName, shardCount, streamMode, shardLimits, maxRecordSizeInKiB, tags,
            warmThroughputMiBps, strategy);
    }
}
