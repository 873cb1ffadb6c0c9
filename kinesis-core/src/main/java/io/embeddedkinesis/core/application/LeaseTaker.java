package io.embeddedkinesis.core.application;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Chooses the leases one worker should take, as the KCL 2.x lease taker does. Every scan of the table it
 * notes, for each lease, when this worker last saw its counter change; a lease whose counter stood still
 * for the failover time, or that has no owner, is expired. The worker aims for its fair share,
 * {@code ceil(leases / workers)}, counting as workers the owners of unexpired leases and itself. It takes
 * expired leases first; only when none are expired does it steal from the most loaded worker, at most
 * {@code maxLeasesToStealAtOneTime} a scan, and only from a worker above the share (or at it, when this
 * worker lacks more than one).
 *
 * <p>Leases of shards checkpointed at {@code SHARD_END} need no owner and are left out. Expiry follows the
 * application's clock. Not thread-safe: one per worker.
 */
final class LeaseTaker {
    private final String workerId;
    private final long failoverTimeMillis;
    private final int maxLeasesToStealAtOneTime;
    private final Map<String, Observation> observations = new HashMap<>();

    LeaseTaker(final String workerId, final long failoverTimeMillis, final int maxLeasesToStealAtOneTime) {
        this.workerId = workerId;
        this.failoverTimeMillis = failoverTimeMillis;
        this.maxLeasesToStealAtOneTime = maxLeasesToStealAtOneTime;
    }

    /**
     * Scans the table and picks what to take.
     *
     * @param leases every lease of the table.
     * @param held   the leases this worker holds and renews.
     * @param nowMs  the time of the scan.
     * @return the leases to take, as read.
     */
    List<Lease> chooseLeasesToTake(final List<Lease> leases, final Set<String> held, final long nowMs) {
        final List<Lease> active = new ArrayList<>();
        final Map<String, Observation> seen = new HashMap<>();
        for (final Lease lease : leases) {
            final Observation before = observations.get(lease.leaseKey());
            final long sinceMs = before != null && before.counter() == lease.leaseCounter() ? before.sinceMs() : nowMs;
            seen.put(lease.leaseKey(), new Observation(lease.leaseCounter(), sinceMs));
            if (!lease.isShardEnded()) {
                active.add(lease);
            }
        }
        observations.clear();
        observations.putAll(seen);

        final List<Lease> expired = new ArrayList<>();
        final Map<String, List<Lease>> byOwner = new TreeMap<>();
        byOwner.put(workerId, new ArrayList<>());
        for (final Lease lease : active) {
            if (isExpired(lease, held, nowMs)) {
                expired.add(lease);
            } else {
                byOwner.computeIfAbsent(lease.leaseOwner(), owner -> new ArrayList<>()).add(lease);
            }
        }
        final int workers = byOwner.size();
        final int target = (active.size() + workers - 1) / workers;
        final int needed = target - byOwner.get(workerId).size();
        if (needed <= 0) {
            return List.of();
        }
        if (!expired.isEmpty()) {
            return expired.subList(0, Math.min(needed, expired.size()));
        }
        return chooseLeasesToSteal(byOwner, target, needed);
    }

    /**
     * Whether a lease is up for taking. A lease in this worker's name that it does not hold, as after a
     * restart under the same id, expires like anyone else's: nobody renews it.
     */
    private boolean isExpired(final Lease lease, final Set<String> held, final long nowMs) {
        if (lease.leaseOwner() == null) {
            return true;
        }
        if (held.contains(lease.leaseKey())) {
            return false;
        }
        return nowMs - observations.get(lease.leaseKey()).sinceMs() > failoverTimeMillis;
    }

    private List<Lease> chooseLeasesToSteal(final Map<String, List<Lease>> byOwner, final int target,
        final int needed) {
        String mostLoaded = null;
        for (final Map.Entry<String, List<Lease>> entry : byOwner.entrySet()) {
            if (mostLoaded == null || entry.getValue().size() > byOwner.get(mostLoaded).size()) {
                mostLoaded = entry.getKey();
            }
        }
        final List<Lease> victims = byOwner.get(mostLoaded);
        final int overTarget = victims.size() - target;
        if (mostLoaded.equals(workerId) || overTarget < (needed > 1 ? 0 : 1)) {
            return List.of();
        }
        final int count = Math.min(maxLeasesToStealAtOneTime, overTarget == 0 ? 1 : Math.min(needed, overTarget));
        // The victim's last leases by key: the ones it took last, usually the least far along.
        return victims.subList(victims.size() - count, victims.size());
    }

    /** When this worker last saw a lease's counter change. */
    private record Observation(long counter, long sinceMs) {
    }
}
