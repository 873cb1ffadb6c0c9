package io.embeddedkinesis.core.metrics;

import io.embeddedkinesis.core.model.MetricsName;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Objects;
import java.util.Set;

/**
 * Metrics registered in a Micrometer registry: one {@link MicrometerStreamMeters} per stream.
 */
final class MicrometerMetrics implements BrokerMetrics {
    private final MeterRegistry registry;

    MicrometerMetrics(final MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public StreamMeters forStream(final String streamName, final Set<MetricsName> shardLevelMetrics) {
        return new MicrometerStreamMeters(registry, streamName, shardLevelMetrics);
    }

    @Override
    public String toString() {
        return "micrometer(" + registry.getClass().getSimpleName() + ")";
    }
}
