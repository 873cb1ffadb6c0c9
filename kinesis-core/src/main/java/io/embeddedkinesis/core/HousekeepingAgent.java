package io.embeddedkinesis.core;

import io.embeddedkinesis.core.stream.OnDemandScaler;
import io.embeddedkinesis.core.stream.StreamRegistry;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;

/**
 * The broker's one background duty: on the injected clock, deletes log files past retention and
 * completes delayed stream deletions every housekeeping interval, scales on-demand streams every
 * scaling interval, and forces the logs to disk every fsync interval when durability asks for it.
 *
 * <p>Runs on its own thread under an Agrona {@code AgentRunner}; errors go to the runner's error
 * handler, and the agent carries on. Decisions follow the broker's clock, so a test that freezes the
 * clock freezes the agent too.
 */
final class HousekeepingAgent implements Agent {
    private final StreamRegistry registry;
    private final OnDemandScaler scaler;
    private final EpochClock clock;
    private final long retentionIntervalMs;
    private final long scalingIntervalMs;
    private final long syncIntervalMs;
    private long lastRetentionMs;
    private long lastScalingMs;
    private long lastSyncMs;

    /**
     * @param registry            the streams.
     * @param scaler              what scales on-demand streams.
     * @param clock               the broker's clock.
     * @param retentionIntervalMs how often to enforce retention, or 0 never.
     * @param scalingIntervalMs   how often to look at on-demand streams' load, or 0 never.
     * @param syncIntervalMs      how often to force logs to disk, or 0 never.
     */
    HousekeepingAgent(final StreamRegistry registry, final OnDemandScaler scaler, final EpochClock clock,
        final long retentionIntervalMs, final long scalingIntervalMs, final long syncIntervalMs) {
        this.registry = registry;
        this.scaler = scaler;
        this.clock = clock;
        this.retentionIntervalMs = retentionIntervalMs;
        this.scalingIntervalMs = scalingIntervalMs;
        this.syncIntervalMs = syncIntervalMs;
        this.lastRetentionMs = clock.time();
        this.lastScalingMs = lastRetentionMs;
        this.lastSyncMs = lastRetentionMs;
    }

    @Override
    public int doWork() {
        final long nowMs = clock.time();
        int work = 0;
        if (syncIntervalMs > 0 && nowMs - lastSyncMs >= syncIntervalMs) {
            lastSyncMs = nowMs;
            registry.syncAll();
            work++;
        }
        if (scalingIntervalMs > 0 && nowMs - lastScalingMs >= scalingIntervalMs) {
            lastScalingMs = nowMs;
            work += 1 + scaler.scale();
        }
        if (retentionIntervalMs > 0 && nowMs - lastRetentionMs >= retentionIntervalMs) {
            lastRetentionMs = nowMs;
            work += 1 + registry.enforceRetention();
        }
        return work;
    }

    @Override
    public String roleName() {
        return "embedded-kinesis-housekeeping";
    }
}
