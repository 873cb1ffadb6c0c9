/**
 * What the broker measures: CloudWatch's Kinesis metrics, recorded into a Micrometer {@code MeterRegistry}
 * that the user passes in, and a usage meter that counts what AWS would bill.
 *
 * <p>The broker talks only to {@link io.embeddedkinesis.core.metrics.StreamMeters} and
 * {@link io.embeddedkinesis.core.metrics.ShardMeters}, made per stream and per shard when they open by
 * the {@link io.embeddedkinesis.core.metrics.BrokerMetrics} of its configuration. Without a registry these
 * are one no-op object, whose calls the JIT removes; and no Micrometer class is ever loaded, so
 * micrometer-core is an optional dependency. With a registry, every meter is registered when its stream
 * or shard opens, and the put and read paths add to plain {@code LongAdder}s that the registered meters
 * read when the registry is scraped: no tag building, lookup, clock read or allocation per call beyond
 * the latency's two reads of the registry's monotonic clock.
 *
 * <p>Micrometer types appear in this package only (the build checks it).
 */
package io.embeddedkinesis.core.metrics;
