package io.embeddedkinesis.core.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The meters one stream or shard registered, so that they can all be removed again.
 *
 * <p>Every meter is a function of counters the broker keeps itself ({@code FunctionCounter},
 * {@code FunctionTimer}, {@code Gauge}): the hot path adds to a {@code LongAdder} and never calls into
 * the registry, whose own counters may read a clock or roll a step on every increment. The price is that
 * timers report a count and a total, not a maximum or percentiles. The meters hold their state object
 * weakly, as Micrometer's function meters do; the stream or shard holds it strongly while it lives.
 *
 * <p>Not thread-safe: its owner serializes registration and removal.
 */
final class RegisteredMeters {
    private final MeterRegistry registry;
    private final Tags tags;
    private final List<Meter> meters = new ArrayList<>();

    RegisteredMeters(final MeterRegistry registry, final Tags tags) {
        this.registry = registry;
        this.tags = tags;
    }

    <T> Meter counter(final String name, final Tags extraTags, final String description, final T state,
        final ToDoubleFunction<T> count) {
        return add(FunctionCounter.builder(name, state, count).tags(tags).tags(extraTags).description(description)
            .register(registry));
    }

    <T> Meter timer(final String name, final String description, final T state, final ToLongFunction<T> count,
        final ToDoubleFunction<T> totalNanos) {
        return add(FunctionTimer.builder(name, state, count, totalNanos, TimeUnit.NANOSECONDS).tags(tags)
            .description(description).register(registry));
    }

    <T> Meter gauge(final String name, final String description, final T state, final ToDoubleFunction<T> value) {
        return add(Gauge.builder(name, state, value).tags(tags).description(description).register(registry));
    }

    private Meter add(final Meter meter) {
        meters.add(meter);
        return meter;
    }

    /** Removes one meter that this set registered. */
    void remove(final Meter meter) {
        if (meters.remove(meter)) {
            registry.remove(meter);
        }
    }

    /** Removes every meter this set registered. */
    void removeAll() {
        for (final Meter meter : meters) {
            registry.remove(meter);
        }
        meters.clear();
    }
}
