package io.embeddedkinesis.core.model;

/**
 * The parameters of {@code UpdateStreamWarmThroughput}.
 *
 * @param stream              the stream, by name or ARN.
 * @param warmThroughputMiBps the warm throughput to keep the stream ready for, in MiB/s: at least 0; required.
 */
public record UpdateStreamWarmThroughputRequest(StreamRequest stream, Integer warmThroughputMiBps) {
}
