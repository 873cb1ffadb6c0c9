package io.embeddedkinesis.core.model;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A shard-level metric that {@code EnableEnhancedMonitoring} switches on, as Kinesis's {@code MetricsName}
 * enum names it; {@link #ALL} stands for every other one.
 */
public enum MetricsName {
    /** Bytes put to the shard. */
    INCOMING_BYTES("IncomingBytes"),
    /** Records put to the shard. */
    INCOMING_RECORDS("IncomingRecords"),
    /** Bytes read from the shard. */
    OUTGOING_BYTES("OutgoingBytes"),
    /** Records read from the shard. */
    OUTGOING_RECORDS("OutgoingRecords"),
    /** Records refused because the shard's write limits were exceeded. */
    WRITE_PROVISIONED_THROUGHPUT_EXCEEDED("WriteProvisionedThroughputExceeded"),
    /** {@code GetRecords} calls refused because the shard's read limits were exceeded. */
    READ_PROVISIONED_THROUGHPUT_EXCEEDED("ReadProvisionedThroughputExceeded"),
    /** The age of the last record a {@code GetRecords} call on the shard returned. */
    ITERATOR_AGE_MILLISECONDS("IteratorAgeMilliseconds"),
    /** Every shard-level metric. */
    ALL("ALL");

    private static final List<String> METRIC_NAMES =
        EnumSet.allOf(MetricsName.class).stream().map(MetricsName::metricName).toList();

    private final String metricName;

    MetricsName(final String metricName) {
        this.metricName = metricName;
    }

    /**
     * The name as Kinesis writes it, in requests, responses and CloudWatch.
     *
     * @return e.g. {@code IncomingBytes}.
     */
    public String metricName() {
        return metricName;
    }

    /**
     * Finds a metric by the name Kinesis writes.
     *
     * @param metricName e.g. {@code IncomingBytes}.
     * @return the metric, or null if Kinesis has none of that name.
     */
    public static MetricsName fromMetricName(final String metricName) {
        for (final MetricsName name : values()) {
            if (name.metricName.equals(metricName)) {
                return name;
            }
        }
        return null;
    }

    /**
     * Every name Kinesis accepts, in the model's order, for messages.
     *
     * @return {@code [IncomingBytes, ..., ALL]}.
     */
    public static List<String> metricNames() {
        return METRIC_NAMES;
    }

    /**
     * The metrics a list names, with {@link #ALL} expanded into the seven it stands for.
     *
     * @param names the names; nulls are skipped.
     * @return a new set, without {@link #ALL}.
     */
    public static Set<MetricsName> expand(final Iterable<MetricsName> names) {
        final Set<MetricsName> expanded = EnumSet.noneOf(MetricsName.class);
        for (final MetricsName name : names) {
            if (name == ALL) {
                expanded.addAll(EnumSet.complementOf(EnumSet.of(ALL)));
            } else if (name != null) {
                expanded.add(name);
            }
        }
        return expanded;
    }
}
