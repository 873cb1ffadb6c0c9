package io.embeddedkinesis.core.model;

/**
 * The parameters of {@code UpdateStreamMode}. As in Kinesis, the stream is named by its ARN only: the
 * operation has no {@code StreamName} member.
 *
 * @param streamARN           the stream's ARN.
 * @param streamMode          the capacity mode the stream switches to.
 * @param warmThroughputMiBps the warm throughput an on-demand stream is kept ready for, in MiB/s, or null for
 *                            none; only with {@link StreamMode#ON_DEMAND}, and only with the account's minimum
 *                            throughput billing commitment enabled.
 */
public record UpdateStreamModeRequest(String streamARN, StreamMode streamMode, Integer warmThroughputMiBps) {
    /**
     * A switch without warm throughput.
     *
     * @param streamARN  see the class description.
     * @param streamMode see the class description.
     */
    public UpdateStreamModeRequest(final String streamARN, final StreamMode streamMode) {
        this(streamARN, streamMode, null);
    }
}
