package io.embeddedkinesis.core.model;

/**
 * A stream's capacity mode, as in Kinesis's {@code StreamModeDetails}.
 *
 * @param streamMode the mode.
 */
public record StreamModeDetails(StreamMode streamMode) {
    /** The details of a provisioned stream. */
    public static final StreamModeDetails PROVISIONED = new StreamModeDetails(StreamMode.PROVISIONED);
}
