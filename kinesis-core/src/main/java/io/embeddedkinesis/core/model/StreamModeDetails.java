package io.embeddedkinesis.core.model;

/**
 * A stream's capacity mode, as in Kinesis's {@code StreamModeDetails}.
 *
 * @param streamMode the mode.
 */
public record StreamModeDetails(StreamMode streamMode) {
    /** The details of a provisioned stream. */
    public static final StreamModeDetails PROVISIONED = new StreamModeDetails(StreamMode.PROVISIONED);
    /** The details of an on-demand stream. */
    public static final StreamModeDetails ON_DEMAND = new StreamModeDetails(StreamMode.ON_DEMAND);

    /**
     * The details of a mode.
     *
     * @param mode the mode.
     * @return its details, shared.
     */
    public static StreamModeDetails of(final StreamMode mode) {
        return mode == StreamMode.ON_DEMAND ? ON_DEMAND : PROVISIONED;
    }
}
