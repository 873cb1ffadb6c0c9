package io.embeddedkinesis.core.model;

import java.time.Instant;

/**
 * One stream in a {@code ListStreams} result, as in Kinesis's {@code StreamSummary}.
 *
 * @param streamName              the stream's name.
 * @param streamARN               the stream's ARN.
 * @param streamStatus            the stream's status.
 * @param streamModeDetails       the capacity mode.
 * @param streamCreationTimestamp when the stream was created.
 */
public record StreamSummary(
    String streamName, String streamARN, StreamStatus streamStatus, StreamModeDetails streamModeDetails,
    Instant streamCreationTimestamp) {
}
