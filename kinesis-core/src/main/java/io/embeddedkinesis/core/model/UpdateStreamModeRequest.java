package io.embeddedkinesis.core.model;

/**
 * The parameters of {@code UpdateStreamMode}. As in Kinesis, the stream is named by its ARN only: the
 * operation has no {@code StreamName} member.
 *
 * @param streamARN  the stream's ARN.
 * @param streamMode the capacity mode the stream switches to.
 */
public record UpdateStreamModeRequest(String streamARN, StreamMode streamMode) {
}
