package io.embeddedkinesis.core.model;

/**
 * What {@code UpdateStreamWarmThroughput} returns.
 *
 * @param streamARN      the stream's ARN.
 * @param streamName     the stream's name.
 * @param warmThroughput the stream's warm throughput after the update.
 */
public record UpdateStreamWarmThroughputResult(String streamARN, String streamName,
    WarmThroughputObject warmThroughput) {
}
