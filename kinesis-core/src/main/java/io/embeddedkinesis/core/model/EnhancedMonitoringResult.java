package io.embeddedkinesis.core.model;

import java.util.List;

/**
 * What {@code EnableEnhancedMonitoring} and {@code DisableEnhancedMonitoring} return, as Kinesis's
 * {@code EnhancedMonitoringOutput}.
 *
 * @param streamName               the stream's name.
 * @param currentShardLevelMetrics the metrics enabled before the call, in the model's order.
 * @param desiredShardLevelMetrics the metrics enabled after it, in the model's order.
 * @param streamARN                the stream's ARN.
 */
public record EnhancedMonitoringResult(String streamName, List<MetricsName> currentShardLevelMetrics,
    List<MetricsName> desiredShardLevelMetrics, String streamARN) {
    /**
     * Copies the lists.
     *
     * @param streamName               see the class description.
     * @param currentShardLevelMetrics see the class description.
     * @param desiredShardLevelMetrics see the class description.
     * @param streamARN                see the class description.
     */
    public EnhancedMonitoringResult {
        currentShardLevelMetrics = List.copyOf(currentShardLevelMetrics);
        desiredShardLevelMetrics = List.copyOf(desiredShardLevelMetrics);
    }
}
