package io.embeddedkinesis.core.junit;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.exception.ExpiredIteratorException;
import io.embeddedkinesis.core.exception.ProvisionedThroughputExceededException;
import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import io.embeddedkinesis.core.model.GetRecordsRequest;
import io.embeddedkinesis.core.model.GetRecordsResult;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.model.Shard;
import io.embeddedkinesis.core.model.ShardIteratorType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a reader that waits for records has got to in a stream: an iterator per shard, kept from one poll
 * to the next so that each poll reads only what is new. Shards are read parents first, a child only once
 * its parents were read to their end, as a Kinesis consumer reads them.
 *
 * <p>A poll tolerates what a reader waiting on other threads meets: a stream not created yet, a throttled
 * read (counted, and tried again next poll), an iterator that expired while the clock moved (continued
 * after the last record read). Not thread-safe: one waiting thread owns it.
 */
final class StreamCursor {
    private final String stream;
    private final Map<String, ShardPosition> positions = new HashMap<>();
    private final Set<String> finished = new HashSet<>();
    private long putUnitsRead = -1;
    private boolean retry;
    private int throttledReads;
    private String missingStream;

    StreamCursor(final String stream) {
        this.stream = stream;
    }

    /**
     * Reads every record put since the last poll, in shard order. Only records put make a shard grow, and
     * each one adds to the stream's usage, so a poll that finds the usage as it was after the last complete
     * poll calls no {@code GetRecords} at all: waiting spends a shard's read allowance only on new records.
     */
    List<Record> poll(final KinesisBroker broker) {
        final List<Shard> shards;
        try {
            // Usage first: a record put after this is read now or changes the usage for the next poll.
            final long putUnits = broker.usage(stream).putPayloadUnits();
            if (putUnits == putUnitsRead && !retry) {
                return List.of();
            }
            shards = ShardOrder.parentsFirst(broker, stream);
            missingStream = null;
            putUnitsRead = putUnits;
            retry = false;
        } catch (final ResourceNotFoundException ex) {
            missingStream = ex.getMessage();
            return List.of();
        }
        final Set<String> listed = new HashSet<>();
        shards.forEach(shard -> listed.add(shard.shardId()));
        final List<Record> read = new ArrayList<>();
        for (final Shard shard : shards) {
            if (!finished.contains(shard.shardId()) && isFinished(shard.parentShardId(), listed)
                && isFinished(shard.adjacentParentShardId(), listed)) {
                read(broker, shard.shardId(), read);
            }
        }
        return read;
    }

    /** What kept the records away, for a timeout's message: empty if nothing did. */
    String obstacles() {
        final StringBuilder text = new StringBuilder();
        if (missingStream != null) {
            text.append("; the stream was not found: ").append(missingStream);
        }
        if (throttledReads > 0) {
            text.append("; GetRecords calls throttled: ").append(throttledReads).append(" (a shard allows 5 a second"
                + " of the broker's clock: move the clock, or declare throttling = false)");
        }
        return text.toString();
    }

    private boolean isFinished(final String parent, final Set<String> listed) {
        return parent == null || !listed.contains(parent) || finished.contains(parent);
    }

    private void read(final KinesisBroker broker, final String shardId, final List<Record> into) {
        final ShardPosition position = positions.computeIfAbsent(shardId, id -> new ShardPosition());
        try {
            readOn(broker, shardId, position, into);
        } catch (final ExpiredIteratorException ex) {
            // The clock moved past the iterator's lifetime between polls: continue after the last record read.
            position.iterator = null;
            try {
                readOn(broker, shardId, position, into);
            } catch (final ExpiredIteratorException again) {
                // The clock runs past even a new iterator's lifetime; the next poll starts over again.
                position.iterator = null;
                retry = true;
            }
        }
    }

    /** Reads a shard from where the last poll left it to its end, or until a read is refused. */
    private void readOn(final KinesisBroker broker, final String shardId, final ShardPosition position,
        final List<Record> into) {
        try {
            while (true) {
                if (position.iterator == null) {
                    position.iterator = position.lastSequenceNumber == null
                        ? broker.getShardIterator(stream, shardId, ShardIteratorType.TRIM_HORIZON)
                        : broker.getShardIterator(stream, shardId, ShardIteratorType.AFTER_SEQUENCE_NUMBER,
                            position.lastSequenceNumber);
                }
                final GetRecordsResult result = broker.getRecords(new GetRecordsRequest(position.iterator, null, null));
                into.addAll(result.records());
                if (!result.records().isEmpty()) {
                    position.lastSequenceNumber = result.records().get(result.records().size() - 1).sequenceNumber();
                }
                position.iterator = result.nextShardIterator();
                if (position.iterator == null) {
                    finished.add(shardId);
                    return;
                }
                if (result.records().isEmpty()) {
                    return;
                }
            }
        } catch (final ProvisionedThroughputExceededException ex) {
            throttledReads++;
            retry = true;
        } catch (final ResourceNotFoundException ex) {
            // The shard passed retention, or the stream was deleted: nothing more will come from it.
            finished.add(shardId);
        }
    }

    /** A shard's next iterator, and the last record read from it in case the iterator expires. */
    private static final class ShardPosition {
        private String iterator;
        private String lastSequenceNumber;
    }
}
