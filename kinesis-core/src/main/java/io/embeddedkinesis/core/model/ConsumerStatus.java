package io.embeddedkinesis.core.model;

/**
 * The state of an enhanced fan-out consumer, as Kinesis reports it in {@code ConsumerStatus}.
 */
public enum ConsumerStatus {
    /** Registered a moment ago; it cannot subscribe to shards yet. */
    CREATING,
    /** Being deregistered; it cannot subscribe to shards any more. */
    DELETING,
    /** Ready: it may subscribe to the stream's shards. */
    ACTIVE
}
