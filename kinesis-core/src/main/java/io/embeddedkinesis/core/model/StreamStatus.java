package io.embeddedkinesis.core.model;

/**
 * The state of a stream, as Kinesis reports it in {@code StreamStatus}.
 */
public enum StreamStatus {
    /** Being created; not yet readable or writable. */
    CREATING,
    /** Being deleted; reads and writes may still work until it is gone. */
    DELETING,
    /** Readable and writable. */
    ACTIVE,
    /** Being resharded or reconfigured; reads and writes continue. */
    UPDATING
}
