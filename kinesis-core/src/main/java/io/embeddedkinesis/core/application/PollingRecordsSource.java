package io.embeddedkinesis.core.application;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.exception.ExpiredIteratorException;
import io.embeddedkinesis.core.exception.ProvisionedThroughputExceededException;
import io.embeddedkinesis.core.model.GetRecordsRequest;
import io.embeddedkinesis.core.model.GetRecordsResult;
import io.embeddedkinesis.core.model.GetShardIteratorRequest;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.model.ShardIteratorType;
import io.embeddedkinesis.core.model.StreamRequest;
import org.agrona.concurrent.EpochClock;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A shard read by {@code GetRecords} through the broker's API, as a polling KCL consumer reads it; see
 * {@link PollingConfig}. Times come from the broker's clock.
 *
 * <p>Not thread-safe: one worker thread polls it.
 */
final class PollingRecordsSource implements ShardRecordsSource {
    /** Kinesis refuses a shard's reads for a second after throttling one. */
    static final long THROTTLE_BACKOFF_MS = 1_000;

    private final KinesisBroker broker;
    private final String streamName;
    private final String shardId;
    private final PollingConfig config;
    private final EpochClock clock;
    private ExtendedSequenceNumber start;
    private Instant initialTimestamp;
    private String lastSequenceNumber;
    private String iterator;
    private long nextReadMs;
    private boolean ended;

    PollingRecordsSource(final KinesisBroker broker, final String streamName, final String shardId,
        final PollingConfig config) {
        this.broker = broker;
        this.streamName = streamName;
        this.shardId = shardId;
        this.config = config;
        this.clock = broker.config().clock();
    }

    @Override
    public void start(final ExtendedSequenceNumber checkpoint, final Instant timestamp) {
        this.start = checkpoint;
        this.initialTimestamp = timestamp;
    }

    @Override
    public RecordsBatch poll() {
        final long nowMs = clock.time();
        if (ended || nowMs < nextReadMs) {
            return null;
        }
        nextReadMs = nowMs + config.idleTimeBetweenReadsInMillis();
        final GetRecordsResult result;
        try {
            if (iterator == null) {
                iterator = broker.getShardIterator(iteratorRequest());
            }
            result = broker.getRecords(new GetRecordsRequest(iterator, config.maxRecords(), null));
        } catch (final ProvisionedThroughputExceededException ex) {
            nextReadMs = nowMs + Math.max(THROTTLE_BACKOFF_MS, config.idleTimeBetweenReadsInMillis());
            return null;
        } catch (final ExpiredIteratorException ex) {
            iterator = null;
            nextReadMs = nowMs;
            return null;
        }
        iterator = result.nextShardIterator();
        ended = iterator == null;
        final List<KinesisClientRecord> records = new ArrayList<>(result.records().size());
        for (final Record record : result.records()) {
            records.add(KinesisClientRecord.from(record));
        }
        if (!result.records().isEmpty()) {
            lastSequenceNumber = result.records().get(result.records().size() - 1).sequenceNumber();
        }
        // As CloudWatch's IteratorAgeMilliseconds: the age of the last record read; with none, how far behind.
        final long ageMs = result.records().isEmpty() ? result.millisBehindLatest()
            : Math.max(0, nowMs - result.records().get(result.records().size() - 1).approximateArrivalTimestampMs());
        return new RecordsBatch(records, result.millisBehindLatest(), ageMs, ended, result.childShards());
    }

    /** Where to (re)start: after the last record read, else at the lease's checkpoint. */
    private GetShardIteratorRequest iteratorRequest() {
        final StreamRequest stream = StreamRequest.of(streamName);
        if (lastSequenceNumber != null) {
            return new GetShardIteratorRequest(stream, shardId, ShardIteratorType.AFTER_SEQUENCE_NUMBER,
                lastSequenceNumber, null);
        }
        final SentinelCheckpoint sentinel = start.sentinel();
        if (sentinel == null) {
            // At the checkpointed record, as the KCL starts: if it is an aggregate checkpointed part way (even at
            // sub-record 0), the rest of it is read again; the worker drops what was checkpointed.
            return new GetShardIteratorRequest(stream, shardId, ShardIteratorType.AT_SEQUENCE_NUMBER,
                start.sequenceNumber(), null);
        }
        return switch (sentinel) {
            case TRIM_HORIZON -> new GetShardIteratorRequest(stream, shardId, ShardIteratorType.TRIM_HORIZON, null,
                null);
            case LATEST -> new GetShardIteratorRequest(stream, shardId, ShardIteratorType.LATEST, null, null);
            case AT_TIMESTAMP -> new GetShardIteratorRequest(stream, shardId, ShardIteratorType.AT_TIMESTAMP, null,
                initialTimestamp);
            case SHARD_END -> throw new IllegalStateException("a shard at SHARD_END has nothing to read: shardId="
                + shardId);
        };
    }

    @Override
    public void close() {
        ended = true;
    }
}
