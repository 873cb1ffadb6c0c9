package io.embeddedkinesis.core.model;

import java.util.List;

/**
 * The parameters of {@code EnableEnhancedMonitoring} and {@code DisableEnhancedMonitoring}.
 *
 * @param stream            the stream.
 * @param shardLevelMetrics 1 to 7 metrics to switch on or off; {@link MetricsName#ALL} names every one.
 */
public record EnhancedMonitoringRequest(StreamRequest stream, List<MetricsName> shardLevelMetrics) {
    /**
     * Names a stream and its metrics.
     *
     * @param streamNameOrArn the stream's name or ARN.
     * @param metrics         the metrics.
     * @return the request.
     */
    public static EnhancedMonitoringRequest of(final String streamNameOrArn, final MetricsName... metrics) {
        return new EnhancedMonitoringRequest(StreamRequest.of(streamNameOrArn), List.of(metrics));
    }
}
