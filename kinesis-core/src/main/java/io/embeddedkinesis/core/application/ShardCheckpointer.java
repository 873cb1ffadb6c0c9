package io.embeddedkinesis.core.application;

import io.embeddedkinesis.core.log.SequenceNumber;

import java.util.List;

/**
 * The checkpointer of one processor: checks each checkpoint against the lease's last checkpoint, the last
 * record delivered and the shard, then writes it to the held lease.
 *
 * <p>Messages of refused checkpoints are the KCL's. Not thread-safe: the processor calls it from its
 * callbacks, on the worker's thread.
 */
final class ShardCheckpointer implements RecordProcessorCheckpointer {
    /** The KCL's text when the lease was lost. */
    static final String LEASE_LOST = "Can't update checkpoint - instance doesn't hold the lease for this shard";

    private final String shardId;
    private final HeldLease held;
    private ExtendedSequenceNumber lastCheckpoint;
    private ExtendedSequenceNumber largestPermitted;
    private ExtendedSequenceNumber sequenceNumberAtShardEnd;
    private List<String> childShardIds = List.of();
    private boolean closed;

    ShardCheckpointer(final String shardId, final HeldLease held) {
        this.shardId = shardId;
        this.held = held;
        this.lastCheckpoint = held.lease().checkpoint();
    }

    /** Records were delivered up to this position. */
    void delivered(final ExtendedSequenceNumber position) {
        largestPermitted = position;
    }

    /** Every record was delivered: a checkpoint at the last one, or {@code checkpoint()}, means SHARD_END. */
    void shardEnded(final List<String> children) {
        sequenceNumberAtShardEnd = largestPermitted;
        largestPermitted = ExtendedSequenceNumber.SHARD_END;
        childShardIds = List.copyOf(children);
    }

    /** The processor ended; later calls fail as a lost lease's would. */
    void close() {
        closed = true;
    }

    @Override
    public ExtendedSequenceNumber lastCheckpointValue() {
        return lastCheckpoint;
    }

    @Override
    public void checkpoint() {
        if (largestPermitted != null) {
            advance(largestPermitted);
        }
    }

    @Override
    public void checkpoint(final String sequenceNumber, final long subSequenceNumber) {
        final ExtendedSequenceNumber position = validate(sequenceNumber, subSequenceNumber, "checkpoint");
        advance(position);
    }

    @Override
    public PreparedCheckpointer prepareCheckpoint(final byte[] applicationState) {
        final ExtendedSequenceNumber position = largestPermitted == null ? lastCheckpoint : largestPermitted;
        return prepare(position, applicationState);
    }

    @Override
    public PreparedCheckpointer prepareCheckpoint(final String sequenceNumber, final long subSequenceNumber,
        final byte[] applicationState) {
        return prepare(validate(sequenceNumber, subSequenceNumber, "prepare checkpoint"), applicationState);
    }

    private ExtendedSequenceNumber validate(final String sequenceNumber, final long subSequenceNumber,
        final String action) {
        if (subSequenceNumber < 0) {
            throw new IllegalArgumentException("Could not checkpoint at invalid, negative subsequence number "
                + subSequenceNumber);
        }
        if (sequenceNumber == null) {
            throw new IllegalArgumentException("Could not " + action + " at a null sequence number");
        }
        final SequenceNumber parsed = SequenceNumber.tryParse(sequenceNumber);
        final boolean sentinel = !sequenceNumber.isEmpty() && Character.isLetter(sequenceNumber.charAt(0));
        if (!sentinel && (parsed == null || !shardId.equals(shardIdOf(parsed)))) {
            // Inferred: the KCL refuses such a number only by range; the shard is named for the user's sake.
            throw new IllegalArgumentException("Could not " + action + " at sequence number " + sequenceNumber
                + " as it is not a sequence number of shard " + shardId);
        }
        final ExtendedSequenceNumber position;
        try {
            position = new ExtendedSequenceNumber(sequenceNumber, subSequenceNumber);
        } catch (final IllegalArgumentException ex) {
            throw new IllegalArgumentException("Could not " + action + " at sequence number " + sequenceNumber
                + " as it is not a sequence number of shard " + shardId, ex);
        }
        final ExtendedSequenceNumber upper = largestPermitted == null ? lastCheckpoint : largestPermitted;
        if (lastCheckpoint.compareTo(position) > 0 || position.compareTo(upper) > 0) {
            throw new IllegalArgumentException("Could not " + action + " at extended sequence number " + position
                + " as it did not fall into acceptable range between the last checkpoint " + lastCheckpoint
                + " and the greatest extended sequence number passed to this record processor " + largestPermitted);
        }
        return position;
    }

    private static String shardIdOf(final SequenceNumber sequenceNumber) {
        return String.format("shardId-%012d", sequenceNumber.shardIndex());
    }

    private ExtendedSequenceNumber atShardEnd(final ExtendedSequenceNumber position) {
        return sequenceNumberAtShardEnd != null && sequenceNumberAtShardEnd.equals(position)
            ? ExtendedSequenceNumber.SHARD_END : position;
    }

    private void advance(final ExtendedSequenceNumber requested) {
        final ExtendedSequenceNumber position = atShardEnd(requested);
        if (position.equals(lastCheckpoint)) {
            return;
        }
        final List<String> children = ExtendedSequenceNumber.SHARD_END.equals(position) ? childShardIds
            : held.lease().childShardIds();
        if (closed || !held.update(lease -> lease.checkpointed(position, children))) {
            throw new ShutdownException(LEASE_LOST);
        }
        lastCheckpoint = position;
    }

    private PreparedCheckpointer prepare(final ExtendedSequenceNumber requested, final byte[] state) {
        final ExtendedSequenceNumber position = atShardEnd(requested);
        if (!position.equals(lastCheckpoint)) {
            final byte[] copy = state == null ? null : state.clone();
            if (closed || !held.update(lease -> lease.prepared(position, copy))) {
                throw new ShutdownException(LEASE_LOST);
            }
        }
        return new PreparedCheckpointer() {
            @Override
            public ExtendedSequenceNumber pendingCheckpoint() {
                return position;
            }

            @Override
            public void checkpoint() {
                ShardCheckpointer.this.checkpoint(position.sequenceNumber(), position.subSequenceNumber());
            }
        };
    }
}
