package io.embeddedkinesis.core.application;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;

/**
 * Renews a started worker's leases on a thread of its own, every third of {@code failoverTimeMillis} on the
 * broker's clock, as the KCL's lease renewer does: the worker's thread may be inside a processor's
 * {@code processRecords} for longer than the failover time, and its leases must not expire meanwhile. A
 * lease whose renewal fails is lost; the worker tells its processor on its own thread.
 *
 * <p>Runs on one thread; stopped before its worker stops, so that a halted worker's leases expire.
 */
final class LeaseRenewer implements Agent {
    private final Worker worker;
    private final EpochClock clock;
    private final long intervalMs;
    private long nextRenewalMs;

    LeaseRenewer(final Worker worker, final EpochClock clock, final long failoverTimeMillis) {
        this.worker = worker;
        this.clock = clock;
        this.intervalMs = failoverTimeMillis / 3;
        this.nextRenewalMs = clock.time() + intervalMs;
    }

    @Override
    public int doWork() {
        final long nowMs = clock.time();
        if (nowMs < nextRenewalMs) {
            return 0;
        }
        nextRenewalMs = nowMs + intervalMs;
        worker.renewHeldLeases();
        return 1;
    }

    @Override
    public String roleName() {
        return "lease-renewer-" + worker.roleName();
    }
}
