package io.embeddedkinesis.core.application;

import io.embeddedkinesis.core.routing.HashKeyRange;

import java.util.List;
import java.util.Objects;

/**
 * One shard's lease in a consumer application's lease table, with the fields of the KCL's lease table
 * item. A worker owns a lease while it keeps increasing {@code leaseCounter}; every change is conditional
 * on the counter the changer last saw, so a worker whose change fails has lost the lease.
 *
 * <p>Immutable; every change makes a new lease with a higher counter.
 *
 * @param leaseKey                     the shard id.
 * @param leaseOwner                   the id of the worker that holds it, or null when free.
 * @param leaseCounter                 increased by every change; a worker that sees it standing still
 *                                     for the failover time takes the lease as expired.
 * @param checkpoint                   where processing resumes: after this position, or at a sentinel.
 * @param pendingCheckpoint            a prepared checkpoint not yet committed, or null.
 * @param pendingCheckpointState       the application state prepared with it, or null.
 * @param ownerSwitchesSinceCheckpoint how often the lease changed hands since the last checkpoint.
 * @param parentShardIds               the shard's parents, which must reach {@code SHARD_END} first.
 * @param childShardIds                the shard's children, once it ended.
 * @param hashKeyRange                 the hash keys the shard owns.
 */
public record Lease(String leaseKey, String leaseOwner, long leaseCounter, ExtendedSequenceNumber checkpoint,
    ExtendedSequenceNumber pendingCheckpoint, byte[] pendingCheckpointState, long ownerSwitchesSinceCheckpoint,
    List<String> parentShardIds, List<String> childShardIds, HashKeyRange hashKeyRange) {
    /**
     * Validates the lease and copies its lists.
     *
     * @param leaseKey                     see the class description.
     * @param leaseOwner                   see the class description.
     * @param leaseCounter                 see the class description.
     * @param checkpoint                   see the class description.
     * @param pendingCheckpoint            see the class description.
     * @param pendingCheckpointState       see the class description.
     * @param ownerSwitchesSinceCheckpoint see the class description.
     * @param parentShardIds               see the class description.
     * @param childShardIds                see the class description.
     * @param hashKeyRange                 see the class description.
     */
    public Lease {
        Objects.requireNonNull(leaseKey, "leaseKey");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(hashKeyRange, "hashKeyRange");
        parentShardIds = List.copyOf(parentShardIds);
        childShardIds = List.copyOf(childShardIds);
    }

    /** A new, free lease of a shard. */
    static Lease create(final String shardId, final ExtendedSequenceNumber checkpoint,
        final List<String> parentShardIds, final HashKeyRange hashKeyRange) {
        return new Lease(shardId, null, 0, checkpoint, null, null, 0, parentShardIds, List.of(), hashKeyRange);
    }

    /** The lease kept by its owner for another failover period. */
    Lease renewed() {
        return new Lease(leaseKey, leaseOwner, leaseCounter + 1, checkpoint, pendingCheckpoint,
            pendingCheckpointState, ownerSwitchesSinceCheckpoint, parentShardIds, childShardIds, hashKeyRange);
    }

    /** The lease taken, from its owner or free, by a worker. */
    Lease takenBy(final String workerId) {
        final long switches = workerId.equals(leaseOwner) ? ownerSwitchesSinceCheckpoint
            : ownerSwitchesSinceCheckpoint + 1;
        return new Lease(leaseKey, workerId, leaseCounter + 1, checkpoint, pendingCheckpoint,
            pendingCheckpointState, switches, parentShardIds, childShardIds, hashKeyRange);
    }

    /** The lease given up by its owner, free for any worker at once. */
    Lease released() {
        return new Lease(leaseKey, null, leaseCounter + 1, checkpoint, pendingCheckpoint, pendingCheckpointState,
            ownerSwitchesSinceCheckpoint, parentShardIds, childShardIds, hashKeyRange);
    }

    /** The lease checkpointed: any pending checkpoint is discarded. */
    Lease checkpointed(final ExtendedSequenceNumber position, final List<String> children) {
        return new Lease(leaseKey, leaseOwner, leaseCounter + 1, position, null, null, 0, parentShardIds,
            children, hashKeyRange);
    }

    /** The lease with a prepared checkpoint. */
    Lease prepared(final ExtendedSequenceNumber position, final byte[] state) {
        return new Lease(leaseKey, leaseOwner, leaseCounter + 1, checkpoint, position, state,
            ownerSwitchesSinceCheckpoint, parentShardIds, childShardIds, hashKeyRange);
    }

    /**
     * Whether the shard was processed to its end and checkpointed there.
     *
     * @return true at {@code SHARD_END}.
     */
    public boolean isShardEnded() {
        return ExtendedSequenceNumber.SHARD_END.equals(checkpoint);
    }

    @Override
    public String toString() {
        return "Lease{leaseKey=" + leaseKey + ", leaseOwner=" + leaseOwner + ", leaseCounter=" + leaseCounter
            + ", checkpoint=" + checkpoint + ", pendingCheckpoint=" + pendingCheckpoint
            + ", ownerSwitchesSinceCheckpoint=" + ownerSwitchesSinceCheckpoint + ", parentShardIds="
            + parentShardIds + ", childShardIds=" + childShardIds + "}";
    }
}
