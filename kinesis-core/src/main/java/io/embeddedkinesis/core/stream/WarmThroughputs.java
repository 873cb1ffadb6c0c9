package io.embeddedkinesis.core.stream;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.exception.ResourceInUseException;
import io.embeddedkinesis.core.exception.ValidationErrors;
import io.embeddedkinesis.core.model.StreamMode;
import io.embeddedkinesis.core.model.StreamStatus;
import io.embeddedkinesis.core.model.UpdateStreamWarmThroughputRequest;
import io.embeddedkinesis.core.model.UpdateStreamWarmThroughputResult;

/**
 * {@code UpdateStreamWarmThroughput}: sets the write throughput an on-demand stream is kept ready for, with
 * Kinesis's rules. Only on-demand streams have warm throughput, only in an account whose minimum throughput
 * billing commitment is enabled, and at most {@link BrokerConfig#maxWarmThroughputMiBps()} (10 GiB/s); the
 * stream must be ACTIVE and is UPDATING for the broker's reshard delay after a change.
 *
 * <p>The broker keeps no capacity in reserve (an on-demand stream scales by its load, see
 * {@link OnDemandScaler}); the setting is kept, persisted and described, so that code which warms streams
 * before a peak runs unchanged.
 *
 * <p>Thread-safe: changes are serialized by the registry's lock.
 */
public final class WarmThroughputs {
    private final StreamRegistry registry;
    private final BrokerConfig config;

    /**
     * @param registry the streams.
     */
    public WarmThroughputs(final StreamRegistry registry) {
        this.registry = registry;
        this.config = registry.config();
    }

    /**
     * Sets a stream's warm throughput. Asking for the target it has changes nothing.
     *
     * @param request the stream and the warm throughput.
     * @return the stream and its warm throughput after the update.
     */
    public UpdateStreamWarmThroughputResult update(final UpdateStreamWarmThroughputRequest request) {
        final Integer miBps = request.warmThroughputMiBps();
        // The model's members are StreamARN, StreamName, StreamId (reserved, ignored), WarmThroughputMiBps; the
        // stream is checked last, as in the codebase's other operations.
        StreamRegistry.check(new ValidationErrors()
            .number("warmThroughputMiBps", miBps == null ? null : miBps.longValue(), true, 0, Integer.MAX_VALUE),
            request.stream()).throwIfAny();
        StreamRegistry.validate(request.stream());
        synchronized (registry) {
            final Stream stream = registry.find(request.stream());
            final long nowMs = config.clock().time();
            final StreamStatus status = stream.status(nowMs);
            if (status != StreamStatus.ACTIVE) {
                throw new ResourceInUseException("Stream " + stream.streamName() + " under account "
                    + config.accountId() + " not ACTIVE, instead in state " + status);
            }
            if (stream.streamMode() != StreamMode.ON_DEMAND) {
                throw StreamModes.notOnDemand(stream.streamName(), config.accountId());
            }
            change(registry, stream, miBps, nowMs);
            return new UpdateStreamWarmThroughputResult(stream.streamArn(), stream.streamName(),
                stream.warmThroughput().describe(nowMs));
        }
    }

    /**
     * Sets an ACTIVE on-demand stream's warm throughput, if the account may have it, and marks the stream
     * UPDATING; the caller holds the registry's lock.
     */
    static void change(final StreamRegistry registry, final Stream stream, final int miBps, final long nowMs) {
        registry.account().checkWarmThroughput(miBps);
        final StreamWarmThroughput current = stream.warmThroughput();
        if (current != null && current.targetMiBps() == miBps) {
            return;
        }
        final long readyAtMs = nowMs + registry.config().reshardDelayMs();
        registry.updateWarmThroughput(stream, StreamWarmThroughput.change(current, miBps, nowMs, readyAtMs));
        stream.updatingUntil(readyAtMs);
    }
}
