package io.embeddedkinesis.core.stream;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.exception.ResourceInUseException;
import io.embeddedkinesis.core.exception.ValidationErrors;
import io.embeddedkinesis.core.model.EnhancedMonitoringRequest;
import io.embeddedkinesis.core.model.EnhancedMonitoringResult;
import io.embeddedkinesis.core.model.MetricsName;
import io.embeddedkinesis.core.model.StreamStatus;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code EnableEnhancedMonitoring} and {@code DisableEnhancedMonitoring}: which shard-level metrics a
 * stream's shards report. The setting is part of the stream's metadata, so it survives a restart, and it
 * takes effect at once, on the shards the stream has and on those resharding gives it later.
 *
 * <p>{@code ALL} is expanded into the seven metrics it stands for, in what is stored and in what is
 * returned, as kinesis-mock does (moto echoes {@code ALL}; what AWS echoes is unverified). Lists come back
 * in the model's order. Kinesis limits both operations to 5 calls a second per stream; this broker does not.
 *
 * <p>Thread-safe: changes are serialized by the registry's lock.
 */
public final class EnhancedMonitoring {
    private static final int MAX_METRICS = 7;

    private final StreamRegistry registry;
    private final BrokerConfig config;

    /**
     * @param registry the streams.
     */
    public EnhancedMonitoring(final StreamRegistry registry) {
        this.registry = registry;
        this.config = registry.config();
    }

    /**
     * Enables shard-level metrics.
     *
     * @param request the stream and the metrics to add.
     * @return the metrics enabled before and after.
     */
    public EnhancedMonitoringResult enable(final EnhancedMonitoringRequest request) {
        return change(request, true);
    }

    /**
     * Disables shard-level metrics.
     *
     * @param request the stream and the metrics to remove.
     * @return the metrics enabled before and after.
     */
    public EnhancedMonitoringResult disable(final EnhancedMonitoringRequest request) {
        return change(request, false);
    }

    private EnhancedMonitoringResult change(final EnhancedMonitoringRequest request, final boolean enable) {
        validate(request);
        synchronized (registry) {
            final Stream stream = registry.find(request.stream());
            final StreamStatus status = stream.status(config.clock().time());
            if (status != StreamStatus.ACTIVE) {
                throw new ResourceInUseException("Stream " + stream.streamName() + " under account "
                    + config.accountId() + " not ACTIVE, instead in state " + status);
            }
            final Set<MetricsName> current = stream.shardLevelMetrics();
            final Set<MetricsName> desired = current.isEmpty()
                ? EnumSet.noneOf(MetricsName.class) : EnumSet.copyOf(current);
            final Set<MetricsName> named = MetricsName.expand(request.shardLevelMetrics());
            if (enable) {
                desired.addAll(named);
            } else {
                desired.removeAll(named);
            }
            if (!desired.equals(current)) {
                registry.updateShardLevelMetrics(stream, desired);
            }
            return new EnhancedMonitoringResult(stream.streamName(), inOrder(current), inOrder(desired),
                stream.streamArn());
        }
    }

    private static void validate(final EnhancedMonitoringRequest request) {
        final List<MetricsName> metrics = request.shardLevelMetrics();
        final ValidationErrors errors = new ValidationErrors();
        if (metrics == null) {
            errors.notNull("shardLevelMetrics", false);
        } else if (metrics.isEmpty()) {
            errors.add("shardLevelMetrics", "[]", "Member must have length greater than or equal to 1");
        } else if (metrics.size() > MAX_METRICS) {
            errors.add("shardLevelMetrics", metrics.stream().map(name -> name == null ? "null" : name.metricName())
                .toList().toString(), "Member must have length less than or equal to " + MAX_METRICS);
        }
        StreamRegistry.check(errors, request.stream()).throwIfAny();
        StreamRegistry.validate(request.stream());
    }

    private static List<MetricsName> inOrder(final Set<MetricsName> metrics) {
        return metrics.stream().sorted().toList();
    }
}
