package io.embeddedkinesis.core.application;

import java.util.function.UnaryOperator;

/**
 * A lease as the worker holding it last wrote it. Renewals and checkpoints both change it, each
 * conditional on the counter held here; the first change that fails marks the lease lost for good.
 *
 * <p>Thread-safe: a started worker's renewals come from its lease renewer's thread while its processors
 * checkpoint on the worker's thread; changes are serialized here, so the two never refute each other.
 */
final class HeldLease {
    private final LeaseTable table;
    private Lease lease;
    private boolean lost;

    HeldLease(final LeaseTable table, final Lease lease) {
        this.table = table;
        this.lease = lease;
    }

    synchronized Lease lease() {
        return lease;
    }

    synchronized boolean isLost() {
        return lost;
    }

    /**
     * Changes the lease if nobody else changed it since this worker did.
     *
     * @param change what to change.
     * @return true if written; false if the lease is lost (now or before).
     */
    synchronized boolean update(final UnaryOperator<Lease> change) {
        if (lost) {
            return false;
        }
        final Lease updated = change.apply(lease);
        if (!table.replace(lease, updated)) {
            lost = true;
            return false;
        }
        lease = updated;
        return true;
    }

    /**
     * Keeps the lease for another failover period, unless its worker gave it up (released it).
     *
     * @return false if it is lost.
     */
    synchronized boolean renew() {
        if (lease.leaseOwner() == null) {
            return !lost;
        }
        return update(Lease::renewed);
    }
}
