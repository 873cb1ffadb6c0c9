package io.embeddedkinesis.core.model;

/**
 * The parameters of {@code IncreaseStreamRetentionPeriod} and {@code DecreaseStreamRetentionPeriod}.
 *
 * @param stream               the stream.
 * @param retentionPeriodHours the new retention period in hours.
 */
public record StreamRetentionRequest(StreamRequest stream, Integer retentionPeriodHours) {
}
