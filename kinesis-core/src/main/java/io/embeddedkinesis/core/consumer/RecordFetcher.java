package io.embeddedkinesis.core.consumer;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.exception.ExpiredIteratorException;
import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.KinesisException;
import io.embeddedkinesis.core.exception.ProvisionedThroughputExceededException;
import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import io.embeddedkinesis.core.exception.ValidationErrors;
import io.embeddedkinesis.core.log.LogClosedException;
import io.embeddedkinesis.core.metrics.StreamMeters;
import io.embeddedkinesis.core.model.ChildShard;
import io.embeddedkinesis.core.model.GetRecordsRequest;
import io.embeddedkinesis.core.model.GetRecordsResult;
import io.embeddedkinesis.core.model.GetShardIteratorRequest;
import io.embeddedkinesis.core.model.ShardIteratorType;
import io.embeddedkinesis.core.shard.ShardId;
import io.embeddedkinesis.core.shard.StoredShard;
import io.embeddedkinesis.core.stream.RequestPatterns;
import io.embeddedkinesis.core.stream.Stream;
import io.embeddedkinesis.core.stream.StreamRegistry;
import io.embeddedkinesis.core.token.TokenCipher;
import org.agrona.concurrent.EpochClock;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The polling read path: {@code GetShardIterator} and {@code GetRecords}.
 *
 * <p>An iterator is a sealed position in a shard's log ({@link ShardIterator}); {@code GetRecords} reads
 * from the first record at or after it, skips records past the stream's retention, stops at the call's
 * record limit or 10 MiB, and hands back an iterator just past the last record returned, so the next
 * iterator always advances and never repeats a record. Reading at the end of a shard returns no records
 * and an iterator at the same place, at once: a read never waits.
 *
 * <p>Every call reports to the stream's and the shard's meters, and counts the bytes it returns in the
 * stream's usage. The iterator age it reports is the age of the last record returned, or 0 when none was:
 * the reader has caught up.
 *
 * <p>Thread-safe.
 */
public final class RecordFetcher {
    /** Kinesis's limit on the records one GetRecords call returns. */
    public static final int MAX_RECORDS_PER_CALL = 10_000;
    /** Kinesis's limit on the bytes one GetRecords call returns. */
    public static final long MAX_BYTES_PER_CALL = 10L * 1024 * 1024;

    private static final DateTimeFormatter ITERATOR_TIME =
        DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.US).withZone(ZoneOffset.UTC);

    private final StreamRegistry registry;
    private final TokenCipher cipher;
    private final EpochClock clock;
    private final String accountId;
    private final long iteratorTtlMs;

    /**
     * @param registry the streams.
     * @param cipher   seals and opens iterators.
     * @param config   the broker's configuration.
     */
    public RecordFetcher(final StreamRegistry registry, final TokenCipher cipher, final BrokerConfig config) {
        this.registry = registry;
        this.cipher = cipher;
        this.clock = config.clock();
        this.accountId = config.accountId();
        this.iteratorTtlMs = config.shardIteratorTtlMs();
    }

    /**
     * Issues a shard iterator.
     *
     * @param request the stream, shard and starting point.
     * @return the iterator string, valid for 5 minutes.
     */
    public String getShardIterator(final GetShardIteratorRequest request) {
        final ShardIteratorType type = request.shardIteratorType();
        final String sequenceText = request.startingSequenceNumber();
        final ValidationErrors errors = new ValidationErrors()
            .string("shardId", request.shardId(), true, RequestPatterns.NAME, RequestPatterns.NAME_TEXT, 1, 128)
            .notNull("shardIteratorType", type != null)
            .string("startingSequenceNumber", sequenceText, false, RequestPatterns.SEQUENCE_NUMBER,
                RequestPatterns.SEQUENCE_NUMBER_TEXT, 0, Integer.MAX_VALUE);
        StreamRegistry.check(errors, request.stream()).throwIfAny();
        StreamRegistry.validate(request.stream());

        final long nowMs = clock.time();
        // Kinesis names the shard before it looks for the stream: a shard id it cannot read is not found in any
        // stream, and a missing stream has none of its shards.
        final String streamName = StreamRegistry.requestedName(request.stream());
        final ShardId shardId = ShardId.tryParse(request.shardId());
        if (shardId == null) {
            throw new ResourceNotFoundException("Could not find shard " + request.shardId() + " in stream "
                + streamName + " under account " + accountId + ".");
        }
        final Stream stream;
        try {
            stream = registry.find(request.stream());
        } catch (final ResourceNotFoundException noSuchStream) {
            throw shardNotFound(streamName, shardId.toString());
        }
        final StoredShard shard = stream.shard(shardId.index());
        if (shard == null || !stream.isReady(nowMs) || stream.isExpired(shard, nowMs)) {
            throw shardNotFound(stream.streamName(), shardId.toString());
        }
        final long position;
        try {
            position = startingPosition(request, stream, shard, nowMs);
        } catch (final LogClosedException deletedMeanwhile) {
            throw shardNotFound(stream.streamName(), shard.shardId());
        }
        final ShardIterator iterator =
            new ShardIterator(stream.streamName(), stream.streamTag(), shardId.index(), position, nowMs);
        return iterator.seal(cipher);
    }

    private long startingPosition(
        final GetShardIteratorRequest request, final Stream stream, final StoredShard shard, final long nowMs) {
        final ShardIteratorType type = request.shardIteratorType();
        final String sequenceText = request.startingSequenceNumber();
        final boolean bySequence = type == ShardIteratorType.AT_SEQUENCE_NUMBER
            || type == ShardIteratorType.AFTER_SEQUENCE_NUMBER;
        if (sequenceText != null && !bySequence || sequenceText == null && bySequence) {
            throw new InvalidArgumentException("Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and"
                + " StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber."
                + " Request specified " + type + " and " + (sequenceText == null ? "no" : "also a")
                + " StartingSequenceNumber.");
        }
        return ShardReads.position("GetShardIterator", type, sequenceText, request.timestamp(), stream, shard, nowMs,
            accountId);
    }

    /**
     * Reads records from a shard iterator's position.
     *
     * @param request the iterator and an optional record limit.
     * @return the records, the next iterator and how far behind the newest record the reader is.
     */
    public GetRecordsResult getRecords(final GetRecordsRequest request) {
        return getRecords(request, false);
    }

    /**
     * Checks a {@code GetRecords} as a dry run does: the limit, the iterator (its seal and its age), and that its
     * stream and shard are still there; nothing is read and the shard's read limits are not charged.
     *
     * @param request the iterator and an optional record limit.
     * @throws KinesisException the error the read would have raised; nothing if it would have succeeded.
     */
    public void checkGetRecords(final GetRecordsRequest request) {
        getRecords(request, true);
    }

    private GetRecordsResult getRecords(final GetRecordsRequest request, final boolean dryRun) {
        final int limit = validLimit(request);
        final long nowMs = clock.time();
        final ShardIterator iterator = openIterator(request.shardIterator(), nowMs);
        final Stream stream = registry.get(iterator.streamName());
        if (stream == null || stream.streamTag() != iterator.streamTag()) {
            throw shardNotFound(iterator.streamName(), new ShardId(iterator.shardIndex()).toString());
        }
        if (request.streamARN() != null && !request.streamARN().equals(stream.streamArn())) {
            throw new InvalidArgumentException("The StreamARN " + request.streamARN()
                + " does not match the stream of the shard iterator.");
        }
        final StoredShard shard = stream.shard(iterator.shardIndex());
        if (shard == null) {
            throw shardNotFound(stream.streamName(), new ShardId(iterator.shardIndex()).toString());
        }
        if (dryRun) {
            return null;
        }
        final StreamMeters meters = stream.meters();
        final long startTime = meters.startTime();
        if (!shard.readLimiter().tryAcquireCall(nowMs)) {
            shard.meters().onReadThrottled();
            meters.onGetRecordsThrottled();
            throw new ProvisionedThroughputExceededException("Rate exceeded for Shard - " + accountId + "/"
                + stream.streamName() + "/" + shard.shardId());
        }
        try {
            final RecordBatch batch = ShardReads.read(shard, iterator.position(), limit, MAX_BYTES_PER_CALL,
                stream.trimHorizonMs(nowMs));
            shard.readLimiter().onBytesRead(batch.bytes());
            final GetRecordsResult result;
            final List<ChildShard> children = batch.reachedEndOf(shard) ? ShardReads.childShards(stream, shard)
                : List.of();
            if (!children.isEmpty()) {
                result = new GetRecordsResult(batch.records(), null, 0, children);
            } else {
                // Not at the end, or at the end of a shard the resharder has sealed but whose children it has
                // not published yet: Kinesis never ends a shard without naming its children, so read on.
                final String nextIterator = new ShardIterator(stream.streamName(), stream.streamTag(),
                    iterator.shardIndex(), batch.nextPosition(), nowMs).seal(cipher);
                result = new GetRecordsResult(batch.records(), nextIterator, batch.millisBehindLatest(shard, nowMs),
                    List.of());
            }
            report(stream, shard, batch, nowMs, startTime);
            return result;
        } catch (final LogClosedException deletedMeanwhile) {
            throw shardNotFound(stream.streamName(), shard.shardId());
        }
    }

    private static void report(final Stream stream, final StoredShard shard, final RecordBatch batch,
        final long nowMs, final long startTime) {
        final int records = batch.records().size();
        final long iteratorAgeMs = records == 0 ? 0 : Math.max(0, nowMs - batch.lastTimestampMs());
        shard.meters().onOutgoing(records, batch.bytes(), iteratorAgeMs);
        stream.usage().onRead(batch.bytes());
        stream.meters().onGetRecords(startTime, records, batch.bytes());
    }

    /**
     * Checks the request's members as Kinesis does: a limit below 1 breaks the model (a validation error);
     * a limit above 10,000 is refused by the service itself (an invalid argument).
     */
    private static int validLimit(final GetRecordsRequest request) {
        final String text = request.shardIterator();
        final Integer limit = request.limit();
        if (text == null || text.isEmpty() || text.length() > 512 || request.streamARN() != null
            || limit != null && limit < 1) {
            new ValidationErrors()
                .number("limit", limit == null ? null : limit.longValue(), false, 1, Integer.MAX_VALUE)
                .string("shardIterator", text, true, null, null, 1, 512)
                .string("streamARN", request.streamARN(), false, RequestPatterns.STREAM_ARN,
                    RequestPatterns.STREAM_ARN_TEXT, 1, 2048)
                .throwIfAny();
        }
        if (limit != null && limit > MAX_RECORDS_PER_CALL) {
            throw new InvalidArgumentException("Limit must be between 1 and " + MAX_RECORDS_PER_CALL + ".");
        }
        return limit == null ? MAX_RECORDS_PER_CALL : limit;
    }

    private ShardIterator openIterator(final String text, final long nowMs) {
        final ShardIterator iterator = ShardIterator.open(cipher, text);
        if (iterator == null) {
            throw new InvalidArgumentException("Invalid ShardIterator.");
        }
        if (nowMs - iterator.issuedAtMs() > iteratorTtlMs) {
            throw new ExpiredIteratorException("Iterator expired. The iterator was created at time "
                + ITERATOR_TIME.format(Instant.ofEpochMilli(iterator.issuedAtMs())) + " while right now it is "
                + ITERATOR_TIME.format(Instant.ofEpochMilli(nowMs)) + " which is further in the future than the"
                + " tolerated delay of " + iteratorTtlMs + " milliseconds.");
        }
        return iterator;
    }

    private ResourceNotFoundException shardNotFound(final String streamName, final String shardId) {
        return new ResourceNotFoundException("Shard " + shardId + " in stream " + streamName + " under account "
            + accountId + " does not exist");
    }
}
