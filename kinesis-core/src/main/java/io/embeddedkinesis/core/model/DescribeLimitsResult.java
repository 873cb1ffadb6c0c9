package io.embeddedkinesis.core.model;

/**
 * What {@code DescribeLimits} returns: the account's quotas and how much of them is used.
 *
 * @param shardLimit               the most open shards all streams may have together.
 * @param openShardCount           the open shards of all streams.
 * @param onDemandStreamCount      the streams in on-demand capacity mode.
 * @param onDemandStreamCountLimit the most streams that may be in on-demand capacity mode.
 */
public record DescribeLimitsResult(
    int shardLimit, int openShardCount, int onDemandStreamCount, int onDemandStreamCountLimit) {
}
