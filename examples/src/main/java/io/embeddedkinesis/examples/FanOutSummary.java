package io.embeddedkinesis.examples;

/**
 * What one consumer of {@link FanOutDemo} received.
 *
 * @param consumerName          the consumer.
 * @param received              records received, duplicates included.
 * @param duplicates            deliveries beyond the first of a quote.
 * @param missing               quotes put but never received.
 * @param p50Micros             the median put-to-handling latency.
 * @param p99Micros             its 99th percentile.
 * @param maxMicros             its maximum.
 */
public record FanOutSummary(String consumerName, int received, int duplicates, int missing, long p50Micros,
    long p99Micros, long maxMicros) {
    /**
     * Whether every quote put arrived exactly once.
     *
     * @return true with no duplicates and nothing missing.
     */
    public boolean receivedEachOnce() {
        return duplicates == 0 && missing == 0;
    }
}
