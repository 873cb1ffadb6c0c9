package io.embeddedkinesis.core.model;

/**
 * How a stream's capacity is managed, as Kinesis names it in {@code StreamModeDetails}.
 */
public enum StreamMode {
    /** A fixed number of shards, changed only by resharding. */
    PROVISIONED,
    /** Shards scale with the load. */
    ON_DEMAND
}
