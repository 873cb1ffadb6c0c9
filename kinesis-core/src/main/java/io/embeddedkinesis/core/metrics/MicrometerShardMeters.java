package io.embeddedkinesis.core.metrics;

import io.embeddedkinesis.core.model.MetricsName;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * A shard's meters in a Micrometer registry: CloudWatch's shard-level Kinesis metrics, tagged
 * {@code StreamName} and {@code ShardId}, each registered only while enhanced monitoring enables it.
 *
 * <p>The hot path reads one volatile bit mask of the enabled metrics and counts only those. The age of
 * the last record read is kept whatever is enabled: the stream's {@code GetRecords.IteratorAgeMilliseconds}
 * is the largest over its shards.
 *
 * <p>Thread-safe: counters are {@code LongAdder}s, and changes to the registered meters are serialized
 * by this object's lock.
 */
final class MicrometerShardMeters implements ShardMeters {
    private static final int INCOMING_BYTES = bit(MetricsName.INCOMING_BYTES);
    private static final int INCOMING_RECORDS = bit(MetricsName.INCOMING_RECORDS);
    private static final int OUTGOING_BYTES = bit(MetricsName.OUTGOING_BYTES);
    private static final int OUTGOING_RECORDS = bit(MetricsName.OUTGOING_RECORDS);
    private static final int WRITE_EXCEEDED = bit(MetricsName.WRITE_PROVISIONED_THROUGHPUT_EXCEEDED);
    private static final int READ_EXCEEDED = bit(MetricsName.READ_PROVISIONED_THROUGHPUT_EXCEEDED);

    private final MicrometerStreamMeters stream;
    private final RegisteredMeters meters;
    private final Map<MetricsName, Meter> registered = new EnumMap<>(MetricsName.class);
    private final LongAdder incomingBytes = new LongAdder();
    private final LongAdder incomingRecords = new LongAdder();
    private final LongAdder outgoingBytes = new LongAdder();
    private final LongAdder outgoingRecords = new LongAdder();
    private final LongAdder writeThrottled = new LongAdder();
    private final LongAdder readThrottled = new LongAdder();
    private volatile long iteratorAgeMs;
    private volatile int enabled;
    private boolean closed;

    MicrometerShardMeters(final MicrometerStreamMeters stream, final MeterRegistry registry, final String streamName,
        final String shardId) {
        this.stream = stream;
        this.meters = new RegisteredMeters(registry,
            Tags.of(MicrometerStreamMeters.STREAM_NAME, streamName, MicrometerStreamMeters.SHARD_ID, shardId));
    }

    private static int bit(final MetricsName name) {
        return 1 << name.ordinal();
    }

    @Override
    public void onIncoming(final long bytes) {
        final int mask = enabled;
        if ((mask & INCOMING_BYTES) != 0) {
            incomingBytes.add(bytes);
        }
        if ((mask & INCOMING_RECORDS) != 0) {
            incomingRecords.increment();
        }
    }

    @Override
    public void onWriteThrottled() {
        if ((enabled & WRITE_EXCEEDED) != 0) {
            writeThrottled.increment();
        }
    }

    @Override
    public void onOutgoing(final int records, final long bytes, final long ageMs) {
        iteratorAgeMs = ageMs;
        final int mask = enabled;
        if ((mask & OUTGOING_BYTES) != 0) {
            outgoingBytes.add(bytes);
        }
        if ((mask & OUTGOING_RECORDS) != 0) {
            outgoingRecords.add(records);
        }
    }

    @Override
    public void onReadThrottled() {
        if ((enabled & READ_EXCEEDED) != 0) {
            readThrottled.increment();
        }
    }

    long iteratorAgeMs() {
        return iteratorAgeMs;
    }

    /** Registers the meters of the metrics in a set and removes the others. */
    synchronized void enable(final Set<MetricsName> metrics) {
        if (closed) {
            return;
        }
        int mask = 0;
        for (final MetricsName name : MetricsName.values()) {
            if (name == MetricsName.ALL) {
                continue;
            }
            final boolean wanted = metrics.contains(name);
            final Meter meter = registered.get(name);
            if (wanted && meter == null) {
                registered.put(name, register(name));
            } else if (!wanted && meter != null) {
                meters.remove(meter);
                registered.remove(name);
            }
            mask |= wanted ? bit(name) : 0;
        }
        enabled = mask;
    }

    private Meter register(final MetricsName name) {
        final String metric = name.metricName();
        final Tags none = Tags.empty();
        return switch (name) {
            case INCOMING_BYTES -> meters.counter(metric, none, "Bytes put to the shard", this,
                m -> m.incomingBytes.sum());
            case INCOMING_RECORDS -> meters.counter(metric, none, "Records put to the shard", this,
                m -> m.incomingRecords.sum());
            case OUTGOING_BYTES -> meters.counter(metric, none, "Bytes read from the shard", this,
                m -> m.outgoingBytes.sum());
            case OUTGOING_RECORDS -> meters.counter(metric, none, "Records read from the shard", this,
                m -> m.outgoingRecords.sum());
            case WRITE_PROVISIONED_THROUGHPUT_EXCEEDED -> meters.counter(metric, none,
                "Records refused by the shard's write limits", this, m -> m.writeThrottled.sum());
            case READ_PROVISIONED_THROUGHPUT_EXCEEDED -> meters.counter(metric, none,
                "GetRecords calls refused by the shard's read limits", this, m -> m.readThrottled.sum());
            case ITERATOR_AGE_MILLISECONDS -> meters.gauge(metric,
                "The age of the last record the shard's last GetRecords call returned", this,
                MicrometerShardMeters::iteratorAgeMs);
            case ALL -> throw new IllegalArgumentException("ALL names no single meter: name=" + name);
        };
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        enabled = 0;
        meters.removeAll();
        registered.clear();
        stream.onShardClosed(this);
    }
}
