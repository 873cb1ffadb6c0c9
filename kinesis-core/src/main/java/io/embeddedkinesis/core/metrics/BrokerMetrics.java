package io.embeddedkinesis.core.metrics;

import io.embeddedkinesis.core.model.MetricsName;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Set;

/**
 * Where a broker's metrics go: nowhere ({@link #none()}, the default), or a Micrometer registry
 * ({@link #micrometer(MeterRegistry)}). Set with {@code BrokerConfig.Builder.metrics}.
 *
 * <pre>{@code
 * MeterRegistry registry = new SimpleMeterRegistry();
 * KinesisBroker broker = KinesisBroker.open(BrokerConfig.builder()
 *     .metrics(BrokerMetrics.micrometer(registry))
 *     .build());
 * }</pre>
 *
 * <p>Meters are named as CloudWatch names Kinesis's metrics and tagged {@code StreamName} (and
 * {@code ShardId} at shard level); see the README for the list. Implementations are thread-safe.
 */
public interface BrokerMetrics {
    /**
     * Makes the meters of a stream, as it is created or reopened.
     *
     * @param streamName        the stream's name.
     * @param shardLevelMetrics the shard-level metrics enabled for it.
     * @return its meters; closed when the stream is deleted or the broker closes.
     */
    StreamMeters forStream(String streamName, Set<MetricsName> shardLevelMetrics);

    /**
     * Makes the meters of a consumer application, as it opens.
     *
     * @param applicationName the application's name.
     * @param streamName      the stream it reads.
     * @return its meters; closed when the application closes. None, by default.
     */
    default ApplicationMeters forApplication(String applicationName, String streamName) {
        return NoMetrics.INSTANCE;
    }

    /**
     * No metrics, at no cost: the default.
     *
     * @return the no-op metrics.
     */
    static BrokerMetrics none() {
        return NoMetrics.INSTANCE;
    }

    /**
     * Metrics registered in a Micrometer registry. The meters of a stream are removed from it when the
     * stream is deleted or the broker closes, so several brokers may share one registry in turn.
     *
     * @param registry the registry; its clock times the operations.
     * @return the metrics.
     */
    static BrokerMetrics micrometer(final MeterRegistry registry) {
        return new MicrometerMetrics(registry);
    }
}
