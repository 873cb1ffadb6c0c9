package io.embeddedkinesis.core.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A consumer application's meters in a Micrometer registry, tagged {@value #APPLICATION} and
 * {@code StreamName}: the gauge {@code IteratorAgeMilliseconds}, the largest iterator age over the
 * shards being processed.
 *
 * <p>Thread-safe: ages are kept in a concurrent map; registration and removal hold this object's lock.
 */
final class MicrometerApplicationMeters implements ApplicationMeters {
    /** The tag naming the consumer application. */
    static final String APPLICATION = "Application";

    private final RegisteredMeters meters;
    private final Map<String, Long> ageByShard = new ConcurrentHashMap<>();
    private boolean closed;

    MicrometerApplicationMeters(final MeterRegistry registry, final String applicationName, final String streamName) {
        this.meters = new RegisteredMeters(registry,
            Tags.of(APPLICATION, applicationName, MicrometerStreamMeters.STREAM_NAME, streamName));
        meters.gauge("IteratorAgeMilliseconds",
            "The age of the last record the application read from each shard; the largest over shards", this,
            MicrometerApplicationMeters::iteratorAgeMs);
    }

    private double iteratorAgeMs() {
        long max = 0;
        for (final long age : ageByShard.values()) {
            max = Math.max(max, age);
        }
        return max;
    }

    @Override
    public void onIteratorAge(final String shardId, final long iteratorAgeMs) {
        ageByShard.put(shardId, iteratorAgeMs);
    }

    @Override
    public void onShardReleased(final String shardId) {
        ageByShard.remove(shardId);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            meters.removeAll();
        }
    }
}
