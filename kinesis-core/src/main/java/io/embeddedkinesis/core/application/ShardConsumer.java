package io.embeddedkinesis.core.application;

import io.embeddedkinesis.core.model.ChildShard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * One held lease's processing, as the KCL's {@code ShardConsumer}: a state machine stepped by its worker's
 * duty cycle. It waits until the shard's parents reached {@code SHARD_END}, initializes the processor,
 * delivers batches from the shard's records source, deaggregated unless the application turned that off, and
 * at the end of a closed shard creates the children's leases and calls {@code shardEnded} until the processor
 * checkpoints at {@code SHARD_END}.
 *
 * <p>Not thread-safe: its worker's thread runs it.
 */
final class ShardConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(ShardConsumer.class);

    /** Where processing of the lease is. */
    enum State {
        /** A parent shard is not at {@code SHARD_END} yet; checked every parent poll interval. */
        WAITING_ON_PARENT_SHARDS,
        /** The processor is to be made and initialized. */
        INITIALIZING,
        /** Records are delivered as the source has them. */
        PROCESSING,
        /** Every record was delivered; {@code shardEnded} until the processor checkpoints. */
        SHARD_ENDING,
        /** The lease is checkpointed at {@code SHARD_END}; the worker lets it go. */
        SHARD_ENDED,
        /** The processor got {@code leaseLost} or {@code shutdownRequested}, or never started. */
        SHUT_DOWN
    }

    private final ApplicationContext context;
    private final String shardId;
    private final HeldLease held;
    private final ShardCheckpointer checkpointer;
    private State state = State.WAITING_ON_PARENT_SHARDS;
    private ShardRecordProcessor processor;
    private ShardRecordsSource source;
    private List<ChildShard> childShards = List.of();
    private long nextAttemptMs;

    ShardConsumer(final ApplicationContext context, final HeldLease held) {
        this.context = context;
        this.shardId = held.lease().leaseKey();
        this.held = held;
        this.checkpointer = new ShardCheckpointer(shardId, held);
    }

    State state() {
        return state;
    }

    HeldLease held() {
        return held;
    }

    /** Takes the next step that is due; returns the work done. */
    int doWork(final long nowMs) {
        if (nowMs < nextAttemptMs) {
            return 0;
        }
        return switch (state) {
            case WAITING_ON_PARENT_SHARDS -> waitOnParents(nowMs);
            case INITIALIZING -> initialize(nowMs);
            case PROCESSING -> process(nowMs);
            case SHARD_ENDING -> endShard(nowMs);
            case SHARD_ENDED, SHUT_DOWN -> 0;
        };
    }

    private int waitOnParents(final long nowMs) {
        for (final String parent : held.lease().parentShardIds()) {
            final Lease lease = context.table().get(parent);
            if (lease != null && !lease.isShardEnded()) {
                nextAttemptMs = nowMs + context.config().parentShardPollIntervalMillis();
                return 0;
            }
        }
        state = State.INITIALIZING;
        return 1;
    }

    private int initialize(final long nowMs) {
        final Lease lease = held.lease();
        try {
            processor = context.config().processorFactory().shardRecordProcessor(shardId);
            processor.initialize(new InitializationInput(shardId, lease.checkpoint(), lease.pendingCheckpoint(),
                lease.pendingCheckpointState() == null ? null : lease.pendingCheckpointState().clone()));
        } catch (final RuntimeException ex) {
            processor = null;
            context.onError(ex);
            nextAttemptMs = nowMs + context.config().taskBackoffTimeMillis();
            return 1;
        }
        source = context.retrieval().createSource(context.broker(), context.config().streamName(), shardId);
        source.start(lease.checkpoint(), context.config().initialPosition().timestamp());
        state = State.PROCESSING;
        return 1;
    }

    private int process(final long nowMs) {
        final RecordsBatch batch;
        try {
            batch = source.poll();
        } catch (final RuntimeException ex) {
            // E.g. the stream was deleted: report it once per backoff, not once per duty cycle.
            context.onError(ex);
            nextAttemptMs = nowMs + context.config().taskBackoffTimeMillis();
            return 1;
        }
        if (batch == null) {
            return 0;
        }
        context.meters().onIteratorAge(shardId, batch.iteratorAgeMs());
        final List<KinesisClientRecord> records = deliverable(batch.records());
        if (!records.isEmpty()) {
            checkpointer.delivered(records.get(records.size() - 1).extendedSequenceNumber());
        }
        if (!records.isEmpty() || context.config().callProcessRecordsEvenForEmptyRecordList()) {
            try {
                processor.processRecords(new ProcessRecordsInput(records, batch.millisBehindLatest(),
                    batch.shardEnded(), checkpointer));
            } catch (final RuntimeException ex) {
                context.onError(ex);
            }
        }
        if (batch.shardEnded()) {
            childShards = batch.childShards();
            final List<String> children = new ArrayList<>(childShards.size());
            for (final ChildShard child : childShards) {
                children.add(child.shardId());
            }
            checkpointer.shardEnded(children);
            state = State.SHARD_ENDING;
            return 1 + records.size();
        }
        return records.size();
    }

    /**
     * The records of a batch as the processor gets them, as the KCL's {@code ProcessTask} makes them:
     * deaggregated within the shard's hash key range (unless the application turned that off, when records
     * pass as read, aggregates whole and nothing dropped for its hash key), without those up to and including
     * the last checkpoint. A source starts at the checkpointed record itself, so that the user records of an
     * aggregate checkpointed part way are read again; those the processor checkpointed are dropped here.
     */
    private List<KinesisClientRecord> deliverable(final List<KinesisClientRecord> read) {
        if (read.isEmpty()) {
            return read;
        }
        final List<KinesisClientRecord> users = context.config().deaggregateRecords()
            ? ClientRecordDeaggregator.deaggregate(read, held.lease().hashKeyRange()) : read;
        final ExtendedSequenceNumber checkpoint = checkpointer.lastCheckpointValue();
        int first = 0;
        while (first < users.size() && users.get(first).extendedSequenceNumber().compareTo(checkpoint) <= 0) {
            first++;
        }
        return first == 0 ? users : users.subList(first, users.size());
    }

    private int endShard(final long nowMs) {
        for (final ChildShard child : childShards) {
            context.table().createIfAbsent(Lease.create(child.shardId(), ExtendedSequenceNumber.TRIM_HORIZON,
                child.parentShards(), child.hashKeyRange()));
        }
        try {
            processor.shardEnded(new ShardEndedInput(checkpointer));
        } catch (final RuntimeException ex) {
            context.onError(ex);
        }
        if (held.isLost()) {
            return leaseLost();
        }
        if (!ExtendedSequenceNumber.SHARD_END.equals(checkpointer.lastCheckpointValue())) {
            context.onError(new IllegalArgumentException("Application didn't checkpoint at end of shard " + shardId
                + ". Application must checkpoint upon shard end. See ShardRecordProcessor.shardEnded javadocs for"
                + " more information."));
            nextAttemptMs = nowMs + context.config().taskBackoffTimeMillis();
            return 1;
        }
        finish(State.SHARD_ENDED);
        LOG.debug("Shard {} ended for application {}", shardId, context.config().applicationName());
        return 1;
    }

    /** The lease was taken or could not be renewed: the processor hears of it, if it started. */
    int leaseLost() {
        if (isStarted()) {
            try {
                processor.leaseLost(new LeaseLostInput(shardId));
            } catch (final RuntimeException ex) {
                context.onError(ex);
            }
        }
        finish(State.SHUT_DOWN);
        return 1;
    }

    /** The worker shuts down gracefully: the processor may checkpoint before the lease is released. */
    void shutdownRequested() {
        if (isStarted()) {
            try {
                processor.shutdownRequested(new ShutdownRequestedInput(checkpointer));
            } catch (final RuntimeException ex) {
                context.onError(ex);
            }
        }
        finish(State.SHUT_DOWN);
    }

    /** The worker stops at once, as if its process died: no callback, nothing written. */
    void halt() {
        finish(State.SHUT_DOWN);
    }

    private boolean isStarted() {
        return processor != null && (state == State.PROCESSING || state == State.SHARD_ENDING);
    }

    private void finish(final State last) {
        state = last;
        checkpointer.close();
        if (source != null) {
            source.close();
        }
        context.meters().onShardReleased(shardId);
    }
}
