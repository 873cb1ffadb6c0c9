package io.embeddedkinesis.core.stream;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.LimitExceededException;
import io.embeddedkinesis.core.exception.ResourceInUseException;
import io.embeddedkinesis.core.exception.ValidationErrors;
import io.embeddedkinesis.core.model.StreamMode;
import io.embeddedkinesis.core.model.StreamRequest;
import io.embeddedkinesis.core.model.StreamStatus;
import io.embeddedkinesis.core.model.UpdateStreamModeRequest;

import java.util.List;

/**
 * {@code UpdateStreamMode}: switches a stream between provisioned and on-demand capacity, with Kinesis's
 * rules. The shards stay as they are: an on-demand stream scales from the shards it has (see
 * {@link OnDemandScaler}), and a provisioned one keeps what its scaling left it. The stream is UPDATING
 * for the broker's reshard delay, and a stream may switch at most twice in a rolling 24 hours.
 *
 * <p>Thread-safe: switches are serialized by the registry's lock.
 */
public final class StreamModes {
    private static final int SWITCHES_PER_DAY = 2;

    private final StreamRegistry registry;
    private final BrokerConfig config;

    /**
     * @param registry the streams.
     */
    public StreamModes(final StreamRegistry registry) {
        this.registry = registry;
        this.config = registry.config();
    }

    /**
     * Switches a stream's capacity mode. Asking for the mode the stream has already changes nothing and
     * counts against no limit (tools such as Terraform repeat the call on every apply), except that warm
     * throughput asked for an on-demand stream is set as {@code UpdateStreamWarmThroughput} would set it. A
     * switch to provisioned drops the stream's warm throughput (inferred: the documentation says provisioned
     * streams do not support it, and no sample of a switch back was found).
     *
     * @param request the stream's ARN, the new mode and an on-demand stream's warm throughput.
     */
    public void updateStreamMode(final UpdateStreamModeRequest request) {
        final Integer warmMiBps = request.warmThroughputMiBps();
        // The model's members are StreamARN, StreamId, StreamModeDetails, WarmThroughputMiBps; messages follow
        // that order (StreamId, reserved, is ignored).
        new ValidationErrors()
            .string("streamARN", request.streamARN(), true, RequestPatterns.STREAM_ARN,
                RequestPatterns.STREAM_ARN_TEXT, 1, 2048)
            .notNull("streamModeDetails", request.streamMode() != null)
            .number("warmThroughputMiBps", warmMiBps == null ? null : warmMiBps.longValue(), false, 0,
                Integer.MAX_VALUE)
            .throwIfAny();
        if (request.streamMode() == StreamMode.PROVISIONED && warmMiBps != null) {
            throw StreamRegistry.warmThroughputNotExpected();
        }
        synchronized (registry) {
            final Stream stream = registry.find(new StreamRequest(null, request.streamARN()));
            final long nowMs = config.clock().time();
            final StreamStatus status = stream.status(nowMs);
            if (status != StreamStatus.ACTIVE) {
                throw new ResourceInUseException("Stream " + stream.streamName() + " under account "
                    + config.accountId() + " not ACTIVE, instead in state " + status);
            }
            if (stream.streamMode() == request.streamMode()) {
                if (warmMiBps != null) {
                    WarmThroughputs.change(registry, stream, warmMiBps, nowMs);
                }
                return;
            }
            final List<Long> switches = Stream.lastDayWith(stream.modeSwitchTimesMs(), nowMs);
            if (switches.size() > SWITCHES_PER_DAY) {
                // Kinesis documents the limit but no sample of its text was found; this follows the wording of
                // UpdateShardCount's daily limit.
                throw new LimitExceededException("UpdateStreamMode cannot be called more than " + SWITCHES_PER_DAY
                    + " times in a rolling 24 hour period for stream " + stream.streamName() + " under account "
                    + config.accountId() + ".");
            }
            StreamWarmThroughput warm = null;
            if (request.streamMode() == StreamMode.ON_DEMAND) {
                registry.checkOnDemandStreamLimit();
                if (warmMiBps != null) {
                    registry.account().checkWarmThroughput(warmMiBps);
                    warm = StreamWarmThroughput.change(null, warmMiBps, nowMs, nowMs + config.reshardDelayMs());
                }
            }
            registry.updateStreamMode(stream, request.streamMode(), switches, warm);
            stream.updatingUntil(nowMs + config.reshardDelayMs());
        }
    }

    /**
     * The refusal of a setting that only on-demand streams have (warm throughput, the {@code AUTO} record
     * distribution strategy). Inferred: AWS documents an {@code InvalidArgumentException} for {@code AUTO} on a
     * provisioned stream but no sample of its text; the wording mirrors UpdateShardCount's refusal of an
     * on-demand stream ("... is in On-Demand mode.").
     *
     * @param streamName the provisioned stream's name.
     * @param accountId  the account.
     * @return the exception.
     */
    static InvalidArgumentException notOnDemand(final String streamName, final String accountId) {
        return new InvalidArgumentException("Request is invalid. Stream " + streamName + " under account " + accountId
            + " is in Provisioned mode.");
    }
}
