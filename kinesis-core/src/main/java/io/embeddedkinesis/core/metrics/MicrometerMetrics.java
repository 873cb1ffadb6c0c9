package io.embeddedkinesis.core.metrics;

import io.embeddedkinesis.core.model.MetricsName;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Objects;
import java.util.Set;

/**
 * Metrics registered in a Micrometer registry: one {@link MicrometerStreamMeters} per stream.
 */
final class MicrometerMetrics implements BrokerMetrics {
    /**
     * One {@code PutRecord} in this many is timed. Two reads of the clock cost about a tenth of a put of
     * 100 bytes (see {@code MetricsPutRecordBenchmark}); the mean latency of a sample is as good.
     */
    static final int PUT_RECORD_TIMING_INTERVAL = 16;

    private final MeterRegistry registry;
    private final int putRecordTimingInterval;

    MicrometerMetrics(final MeterRegistry registry) {
        this(registry, PUT_RECORD_TIMING_INTERVAL);
    }

    /**
     * @param registry                the registry.
     * @param putRecordTimingInterval one {@code PutRecord} in this many is timed: a power of two.
     */
    MicrometerMetrics(final MeterRegistry registry, final int putRecordTimingInterval) {
        if (Integer.bitCount(putRecordTimingInterval) != 1) {
            throw new IllegalArgumentException("timing interval must be a power of two: putRecordTimingInterval="
                + putRecordTimingInterval);
        }
        this.registry = Objects.requireNonNull(registry, "registry");
        this.putRecordTimingInterval = putRecordTimingInterval;
    }

    @Override
    public StreamMeters forStream(final String streamName, final Set<MetricsName> shardLevelMetrics) {
        return new MicrometerStreamMeters(registry, streamName, shardLevelMetrics, putRecordTimingInterval);
    }

    @Override
    public ApplicationMeters forApplication(final String applicationName, final String streamName) {
        return new MicrometerApplicationMeters(registry, applicationName, streamName);
    }

    @Override
    public String toString() {
        return "micrometer(" + registry.getClass().getSimpleName() + ")";
    }
}
