package io.embeddedkinesis.core.trigger;

import io.embeddedkinesis.core.application.InitializationInput;
import io.embeddedkinesis.core.application.KinesisClientRecord;
import io.embeddedkinesis.core.application.LeaseLostInput;
import io.embeddedkinesis.core.application.ProcessRecordsInput;
import io.embeddedkinesis.core.application.RecordProcessorCheckpointer;
import io.embeddedkinesis.core.application.ShardEndedInput;
import io.embeddedkinesis.core.application.ShardRecordProcessor;
import io.embeddedkinesis.core.application.ShutdownException;
import io.embeddedkinesis.core.application.ShutdownRequestedInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * The mapping's processor for one shard, run by the mapping's consumer-application worker: it spreads the
 * records read over {@code ParallelizationFactor} {@link TriggerLane}s by partition key, steps the lanes on
 * every duty cycle (its {@link TriggerRecordsSource} calls it even when nothing was read, so that batching
 * windows, retries and window ends happen on time), and checkpoints the shard after the last record before
 * which every record is done.
 *
 * <p>Its source reports the end of a closed shard only once every record is done and every window closed,
 * so the shard is checkpointed at {@code SHARD_END}, and its children start, only then: children are
 * processed after their parents, as Lambda does.
 *
 * <p>Not thread-safe: the worker's thread calls it; invocations may finish on other threads.
 */
final class ShardTrigger implements ShardRecordProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(ShardTrigger.class);

    private final MappingContext context;
    private final String shardId;
    private final TriggerLane[] lanes;
    private final CheckpointTracker tracker = new CheckpointTracker();
    private RecordProcessorCheckpointer checkpointer;
    private String checkpointDue;
    private boolean ending;
    private long caughtUpAtMs = Long.MIN_VALUE;
    private boolean stopped;

    ShardTrigger(final MappingContext context, final String shardId) {
        this.context = context;
        this.shardId = shardId;
        this.lanes = new TriggerLane[context.config().parallelizationFactor()];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new TriggerLane(this, context);
        }
    }

    String shardId() {
        return shardId;
    }

    boolean isEnding() {
        return ending;
    }

    long caughtUpAtMs() {
        return caughtUpAtMs;
    }

    /** A read returned; one that found the shard caught up bounds what can still arrive for past windows. */
    void onRead(final long readAtMs, final long millisBehindLatest) {
        if (millisBehindLatest == 0) {
            caughtUpAtMs = readAtMs;
        }
    }

    /** The shard is closed and every record of it was read. */
    void onShardEnd() {
        ending = true;
    }

    /**
     * Whether the shard should be read now: not while the lanes hold a batch's worth of records per lane, or
     * 6 MB per lane, so a failing batch that blocks its lane does not make the mapping read without bound.
     */
    boolean wantsRecords() {
        if (stopped) {
            return false;
        }
        long held = 0;
        long bytes = 0;
        for (final TriggerLane lane : lanes) {
            held += lane.heldRecords();
            bytes += lane.bufferedBytes();
        }
        return held < (long) context.config().batchSize() * lanes.length
            && bytes < (long) EventSourceMappingConfig.MAX_PAYLOAD_BYTES * lanes.length;
    }

    /** Whether every record read is done and every window closed. */
    boolean isDrained() {
        for (final TriggerLane lane : lanes) {
            if (!lane.isIdle()) {
                return false;
            }
        }
        return tracker.isEmpty() && checkpointDue == null;
    }

    @Override
    public void initialize(final InitializationInput input) {
        LOG.debug("Function {} starts on {} after {}", context.config().functionName(), shardId,
            input.extendedSequenceNumber());
    }

    @Override
    public void processRecords(final ProcessRecordsInput input) {
        if (stopped) {
            return;
        }
        checkpointer = input.checkpointer();
        final long nowMs = context.clock().time();
        for (final KinesisClientRecord record : input.records()) {
            // Records put without a key (to an AUTO stream) share a lane, as no key orders them.
            lanes[Math.floorMod(Objects.hashCode(record.partitionKey()), lanes.length)]
                .add(record, nowMs, tracker.track(record.sequenceNumber()));
        }
        boolean progress;
        do {
            progress = false;
            for (final TriggerLane lane : lanes) {
                progress |= lane.step(nowMs);
            }
        } while (progress);
        checkpoint();
    }

    private void checkpoint() {
        final String done = tracker.advance();
        if (done != null) {
            checkpointDue = done;
        }
        if (checkpointDue == null) {
            return;
        }
        try {
            checkpointer.checkpoint(checkpointDue, 0);
            checkpointDue = null;
        } catch (final ShutdownException ex) {
            // The lease is gone: what was not checkpointed is read again by whoever holds it next.
            stopped = true;
            context.onError(ex);
        } catch (final RuntimeException ex) {
            // Kept due: the next duty cycle writes it, or a later one.
            context.onError(ex);
        }
    }

    @Override
    public void shardEnded(final ShardEndedInput input) {
        input.checkpointer().checkpoint();
    }

    @Override
    public void leaseLost(final LeaseLostInput input) {
        stopped = true;
    }

    /**
     * The mapping closes: invocations that finished since the last duty cycle are taken in, without starting
     * new ones, and what is finished is checkpointed, so a restart does not send it again. Batches still
     * running are read again after a restart.
     */
    @Override
    public void shutdownRequested(final ShutdownRequestedInput input) {
        if (stopped) {
            return;
        }
        final long nowMs = context.clock().time();
        for (final TriggerLane lane : lanes) {
            lane.collect(nowMs);
        }
        stopped = true;
        checkpointer = input.checkpointer();
        checkpoint();
    }
}
