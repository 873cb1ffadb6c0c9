package io.embeddedkinesis.core.model;

import java.util.List;

/**
 * The shard-level metrics enabled for a stream, as Kinesis's {@code EnhancedMetrics}: the one element of
 * the {@code EnhancedMonitoring} list that {@code DescribeStream} and {@code DescribeStreamSummary} return.
 *
 * @param shardLevelMetrics the metrics, in the model's order; empty when none is enabled.
 */
public record EnhancedMetrics(List<MetricsName> shardLevelMetrics) {
    /**
     * Copies the list.
     *
     * @param shardLevelMetrics see the class description.
     */
    public EnhancedMetrics {
        shardLevelMetrics = List.copyOf(shardLevelMetrics);
    }
}
