package io.embeddedkinesis.core.model;

/**
 * An on-demand stream's warm throughput, as in Kinesis's {@code WarmThroughputObject}: the write throughput
 * the stream is kept ready for, beyond what its load alone would scale it to.
 *
 * @param targetMiBps  the warm throughput asked for, in MiB/s.
 * @param currentMiBps the warm throughput in place now, in MiB/s: the target once the stream is ACTIVE after the
 *                     change, the previous target while it is UPDATING.
 */
public record WarmThroughputObject(int targetMiBps, int currentMiBps) {
}
