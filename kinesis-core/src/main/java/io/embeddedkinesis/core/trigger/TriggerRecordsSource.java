package io.embeddedkinesis.core.trigger;

import io.embeddedkinesis.core.application.ExtendedSequenceNumber;
import io.embeddedkinesis.core.application.RecordsBatch;
import io.embeddedkinesis.core.application.ShardRecordsSource;
import io.embeddedkinesis.core.model.ChildShard;
import org.agrona.concurrent.EpochClock;

import java.time.Instant;
import java.util.List;

/**
 * A shard's records for the mapping: the application's polling source, read only while the shard's lanes
 * want records, and a batch on every other poll too, without records, so the worker calls the
 * {@link ShardTrigger} on each duty cycle (the mapping's application asks for calls on empty batches).
 * The end of a closed shard is held back until the trigger has finished with every record, and only then
 * reported, with the child shards.
 *
 * <p>Not thread-safe: the worker's thread polls it.
 */
final class TriggerRecordsSource implements ShardRecordsSource {
    private final ShardRecordsSource reader;
    private final ShardTrigger trigger;
    private final EpochClock clock;
    private List<ChildShard> childShards;
    private long iteratorAgeMs;

    TriggerRecordsSource(final ShardRecordsSource reader, final ShardTrigger trigger, final EpochClock clock) {
        this.reader = reader;
        this.trigger = trigger;
        this.clock = clock;
    }

    @Override
    public void start(final ExtendedSequenceNumber checkpoint, final Instant initialTimestamp) {
        reader.start(checkpoint, initialTimestamp);
    }

    @Override
    public RecordsBatch poll() {
        if (childShards != null) {
            return trigger.isDrained() ? new RecordsBatch(List.of(), 0, iteratorAgeMs, true, childShards) : idle();
        }
        if (!trigger.wantsRecords()) {
            return idle();
        }
        final RecordsBatch read = reader.poll();
        if (read == null) {
            return idle();
        }
        trigger.onRead(clock.time(), read.millisBehindLatest());
        iteratorAgeMs = read.iteratorAgeMs();
        if (read.shardEnded()) {
            childShards = read.childShards();
            trigger.onShardEnd();
        }
        return new RecordsBatch(read.records(), read.millisBehindLatest(), iteratorAgeMs, false, List.of());
    }

    private RecordsBatch idle() {
        return new RecordsBatch(List.of(), 0, iteratorAgeMs, false, List.of());
    }

    @Override
    public void close() {
        reader.close();
    }
}
