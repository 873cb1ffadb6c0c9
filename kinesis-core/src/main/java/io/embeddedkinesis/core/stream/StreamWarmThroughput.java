package io.embeddedkinesis.core.stream;

import io.embeddedkinesis.core.model.WarmThroughputObject;

/**
 * An on-demand stream's warm throughput, as {@code UpdateStreamWarmThroughput} (or {@code WarmThroughputMiBps}
 * in {@code CreateStream} and {@code UpdateStreamMode}) left it; persisted in {@code stream.json}.
 *
 * <p>The broker keeps no capacity in reserve, so this is what the stream shows: the target, and as current the
 * target once the change is done (the stream ACTIVE again), the previous target until then. Like the stream's
 * status, the current value is derived from the clock rather than moved by a background job. Immutable.
 *
 * @param targetMiBps   the warm throughput asked for, in MiB/s.
 * @param previousMiBps the current warm throughput when the change was asked for (0 for a stream without one).
 * @param readyAtMs     when the change is done.
 */
record StreamWarmThroughput(int targetMiBps, int previousMiBps, long readyAtMs) {
    /**
     * A change of warm throughput.
     *
     * @param before      the stream's warm throughput, or null if it has none.
     * @param targetMiBps the new target.
     * @param nowMs       when the change is asked for.
     * @param readyAtMs   when it is done.
     * @return the new warm throughput.
     */
    static StreamWarmThroughput change(final StreamWarmThroughput before, final int targetMiBps, final long nowMs,
        final long readyAtMs) {
        return new StreamWarmThroughput(targetMiBps, before == null ? 0 : before.currentMiBps(nowMs), readyAtMs);
    }

    /** The warm throughput in place at a time. */
    int currentMiBps(final long nowMs) {
        return nowMs >= readyAtMs ? targetMiBps : previousMiBps;
    }

    /** The warm throughput as descriptions show it at a time. */
    WarmThroughputObject describe(final long nowMs) {
        return new WarmThroughputObject(targetMiBps, currentMiBps(nowMs));
    }
}
