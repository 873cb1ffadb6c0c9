package io.embeddedkinesis.core.stream;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.exception.ExpiredNextTokenException;
import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.ValidationErrors;
import io.embeddedkinesis.core.metrics.StreamUsage;
import io.embeddedkinesis.core.metrics.UsageMeter;
import io.embeddedkinesis.core.metrics.UsagePrices;
import io.embeddedkinesis.core.model.DescribeStreamRequest;
import io.embeddedkinesis.core.model.EnhancedMetrics;
import io.embeddedkinesis.core.model.ListShardsRequest;
import io.embeddedkinesis.core.model.ListShardsResult;
import io.embeddedkinesis.core.model.ListStreamsRequest;
import io.embeddedkinesis.core.model.ListStreamsResult;
import io.embeddedkinesis.core.model.Shard;
import io.embeddedkinesis.core.model.ShardFilter;
import io.embeddedkinesis.core.model.ShardFilterType;
import io.embeddedkinesis.core.model.StreamDescription;
import io.embeddedkinesis.core.model.StreamDescriptionSummary;
import io.embeddedkinesis.core.model.StreamModeDetails;
import io.embeddedkinesis.core.model.StreamRequest;
import io.embeddedkinesis.core.model.StreamStatus;
import io.embeddedkinesis.core.model.StreamSummary;
import io.embeddedkinesis.core.shard.ShardId;
import io.embeddedkinesis.core.shard.StoredShard;
import io.embeddedkinesis.core.token.PagingToken;
import io.embeddedkinesis.core.token.TokenCipher;
import org.agrona.concurrent.EpochClock;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The read-only control plane: {@code DescribeStream}, {@code DescribeStreamSummary}, {@code ListStreams}
 * and {@code ListShards}, with Kinesis's paging rules.
 *
 * <p>Thread-safe; every call works on a snapshot of the registry.
 */
public final class StreamCatalog {
    /** How long a pagination token stays valid, as in Kinesis. */
    public static final long NEXT_TOKEN_TTL_MS = 300_000L;

    private static final int DESCRIBE_STREAM_PAGE = 100;
    private static final int LIST_STREAMS_PAGE = 100;
    private static final int LIST_SHARDS_PAGE = 1000;

    private final StreamRegistry registry;
    private final TokenCipher cipher;
    private final EpochClock clock;
    private final UsagePrices prices;

    /**
     * @param registry the streams.
     * @param cipher   seals pagination tokens.
     * @param config   the broker's configuration.
     */
    public StreamCatalog(final StreamRegistry registry, final TokenCipher cipher, final BrokerConfig config) {
        this.registry = registry;
        this.cipher = cipher;
        this.clock = config.clock();
        this.prices = config.usagePrices();
    }

    /**
     * Describes a stream with one page of its shards.
     *
     * @param request the stream and the page.
     * @return the description.
     */
    public StreamDescription describeStream(final DescribeStreamRequest request) {
        final ValidationErrors errors = new ValidationErrors()
            .number("limit", request.limit() == null ? null : request.limit().longValue(), false, 1, 10_000)
            .string("exclusiveStartShardId", request.exclusiveStartShardId(), false, RequestPatterns.NAME,
                RequestPatterns.NAME_TEXT, 1, 128);
        StreamRegistry.check(errors, request.stream()).throwIfAny();
        final Stream stream = registry.find(request.stream());
        final long nowMs = clock.time();
        final StreamStatus status = stream.status(nowMs);
        final int limit = Math.min(request.limit() == null ? DESCRIBE_STREAM_PAGE : request.limit(),
            DESCRIBE_STREAM_PAGE);
        final List<Shard> all = status == StreamStatus.CREATING
            ? List.of() : shardsAfter(ShardSelection.select(stream, null, nowMs), request.exclusiveStartShardId());
        final List<Shard> page = all.subList(0, Math.min(limit, all.size()));
        return new StreamDescription(stream.streamName(), stream.streamArn(), status,
            StreamModeDetails.of(stream.streamMode()), page, all.size() > page.size(), stream.retentionPeriodHours(),
            Instant.ofEpochMilli(stream.createdAtMs()),
            enhancedMonitoring(stream), stream.encryption().encryptionType(), stream.encryption().keyId());
    }

    /**
     * Summarizes a stream without its shards.
     *
     * @param request the stream.
     * @return the summary.
     */
    public StreamDescriptionSummary describeStreamSummary(final StreamRequest request) {
        StreamRegistry.validate(request);
        final Stream stream = registry.find(request);
        final long nowMs = clock.time();
        final StreamStatus status = stream.status(nowMs);
        final StreamWarmThroughput warm = stream.warmThroughput();
        return new StreamDescriptionSummary(stream.streamName(), stream.streamArn(), status,
            StreamModeDetails.of(stream.streamMode()), stream.retentionPeriodHours(),
            Instant.ofEpochMilli(stream.createdAtMs()),
            enhancedMonitoring(stream), stream.encryption().encryptionType(), stream.encryption().keyId(),
            status == StreamStatus.CREATING ? 0 : stream.openShards().size(), 0,
            warm == null ? null : warm.describe(nowMs), stream.maxRecordSizeInKiB(),
            stream.recordDistributionStrategy());
    }

    /** Kinesis's EnhancedMonitoring member: always one element, whose list is empty when nothing is enabled. */
    private static List<EnhancedMetrics> enhancedMonitoring(final Stream stream) {
        return List.of(new EnhancedMetrics(stream.shardLevelMetrics().stream().sorted().toList()));
    }

    /**
     * What a stream has used since the broker opened it, costed at the broker's prices.
     *
     * @param request the stream.
     * @return the usage.
     */
    public StreamUsage usage(final StreamRequest request) {
        StreamRegistry.validate(request);
        final Stream stream = registry.find(request);
        final long nowMs = clock.time();
        final UsageMeter usage = stream.usage();
        long shardMs;
        synchronized (registry) {
            // Expiry moves a shard's time from the shard set to the departed total under this lock.
            shardMs = usage.departedShardMs();
            for (final StoredShard shard : stream.shards()) {
                final StoredShard.Closure closure = shard.closure();
                shardMs += usage.openMs(shard.lineage().createdAtMs(),
                    closure == null ? Long.MAX_VALUE : closure.closedAtMs(), nowMs);
            }
        }
        return new StreamUsage(stream.streamName(), Instant.ofEpochMilli(usage.sinceMs()), Instant.ofEpochMilli(nowMs),
            shardMs, usage.putPayloadUnits(), usage.bytesRead(), prices);
    }

    /**
     * Lists streams by name, a page at a time.
     *
     * @param request the page.
     * @return the names and summaries on the page.
     */
    public ListStreamsResult listStreams(final ListStreamsRequest request) {
        new ValidationErrors()
            .number("limit", request.limit() == null ? null : request.limit().longValue(), false, 1, 10_000)
            .string("exclusiveStartStreamName", request.exclusiveStartStreamName(), false, RequestPatterns.NAME,
                RequestPatterns.NAME_TEXT, 1, 128)
            .string("nextToken", request.nextToken(), false, null, null, 1, 1_048_576)
            .throwIfAny();
        if (request.nextToken() != null && request.exclusiveStartStreamName() != null) {
            throw new InvalidArgumentException("NextToken and ExclusiveStartStreamName cannot be provided together.");
        }
        final long nowMs = clock.time();
        final String after = request.nextToken() != null
            ? openToken(PagingToken.Kind.STREAMS, request.nextToken(), nowMs).exclusiveStart()
            : request.exclusiveStartStreamName();
        final int limit = Math.min(request.limit() == null ? LIST_STREAMS_PAGE : request.limit(), LIST_STREAMS_PAGE);
        final List<String> names = new ArrayList<>();
        final List<StreamSummary> summaries = new ArrayList<>();
        boolean more = false;
        for (final Stream stream : registry.list()) {
            if (after != null && stream.streamName().compareTo(after) <= 0) {
                continue;
            }
            if (names.size() == limit) {
                more = true;
                break;
            }
            names.add(stream.streamName());
            summaries.add(new StreamSummary(stream.streamName(), stream.streamArn(), stream.status(nowMs),
                StreamModeDetails.of(stream.streamMode()), Instant.ofEpochMilli(stream.createdAtMs())));
        }
        final String nextToken = more
            ? new PagingToken(PagingToken.Kind.STREAMS, "", 0, names.get(names.size() - 1), nowMs).seal(cipher)
            : null;
        return new ListStreamsResult(names, more, nextToken, summaries);
    }

    /**
     * Lists a stream's shards, a page at a time.
     *
     * @param request the stream or the previous page's token.
     * @return the shards on the page and the token for the next one.
     */
    public ListShardsResult listShards(final ListShardsRequest request) {
        final StreamRequest reference = request.stream() == null ? new StreamRequest(null, null) : request.stream();
        validate(request, reference);
        final int limit = Math.min(request.maxResults() == null ? LIST_SHARDS_PAGE : request.maxResults(),
            LIST_SHARDS_PAGE);
        final long nowMs = clock.time();
        final Stream stream;
        final ListPosition position;
        if (request.nextToken() != null) {
            rejectWithToken(reference, request);
            final PagingToken token = openToken(PagingToken.Kind.SHARDS, request.nextToken(), nowMs);
            stream = registry.get(token.streamName());
            if (stream == null || stream.streamTag() != token.streamTag()) {
                throw registry.notFound(token.streamName());
            }
            position = ListPosition.decode(token.exclusiveStart());
        } else {
            if (reference.streamName() == null && reference.streamARN() == null) {
                throw new InvalidArgumentException("Either NextToken or StreamName should be provided.");
            }
            stream = registry.find(reference);
            if (request.streamCreationTimestamp() != null
                && request.streamCreationTimestamp().toEpochMilli() != stream.createdAtMs()) {
                throw registry.notFound(stream.streamName());
            }
            position = new ListPosition(request.exclusiveStartShardId(), request.shardFilter());
        }
        final List<Shard> all = stream.status(nowMs) == StreamStatus.CREATING
            ? List.of() : shardsAfter(ShardSelection.select(stream, position.filter(), nowMs), position.after());
        final List<Shard> page = all.subList(0, Math.min(limit, all.size()));
        final String nextToken = all.size() > page.size()
            ? new PagingToken(PagingToken.Kind.SHARDS, stream.streamName(), stream.streamTag(),
                new ListPosition(page.get(page.size() - 1).shardId(), position.filter()).encode(), nowMs).seal(cipher)
            : null;
        return new ListShardsResult(page, nextToken);
    }

    /** Checks a request's members in the order Kinesis lists their errors (kinesalite's tests, taken from AWS). */
    private static void validate(final ListShardsRequest request, final StreamRequest reference) {
        final ValidationErrors errors = new ValidationErrors()
            .number("maxResults", request.maxResults() == null ? null : request.maxResults().longValue(), false, 1,
                10_000)
            .string("exclusiveStartShardId", request.exclusiveStartShardId(), false, RequestPatterns.NAME,
                RequestPatterns.NAME_TEXT, 1, 128);
        StreamRegistry.check(errors, reference)
            .string("nextToken", request.nextToken(), false, null, null, 1, 1_048_576);
        final ShardFilter filter = request.shardFilter();
        if (filter != null) {
            errors.notNull("shardFilter.type", filter.type() != null)
                .string("shardFilter.shardId", filter.shardId(), false, RequestPatterns.NAME, RequestPatterns.NAME_TEXT,
                    1, 128);
        }
        errors.throwIfAny();
        if (filter == null) {
            return;
        }
        if (filter.type() == ShardFilterType.AFTER_SHARD_ID && filter.shardId() == null) {
            throw new InvalidArgumentException("Must specify ShardId in ShardFilter when the ShardFilter type is"
                + " AFTER_SHARD_ID.");
        }
        if ((filter.type() == ShardFilterType.AT_TIMESTAMP || filter.type() == ShardFilterType.FROM_TIMESTAMP)
            && filter.timestamp() == null) {
            throw new InvalidArgumentException("Must specify Timestamp in ShardFilter when the ShardFilter type is "
                + filter.type() + ".");
        }
    }

    private static void rejectWithToken(final StreamRequest reference, final ListShardsRequest request) {
        final String other = reference.streamName() != null ? "StreamName"
            : reference.streamARN() != null ? "StreamARN"
            : request.exclusiveStartShardId() != null ? "ExclusiveStartShardId"
            : request.streamCreationTimestamp() != null ? "StreamCreationTimestamp"
            : request.shardFilter() != null ? "ShardFilter" : null;
        if (other != null) {
            throw new InvalidArgumentException("NextToken and " + other + " cannot be provided together.");
        }
    }

    private PagingToken openToken(final PagingToken.Kind kind, final String text, final long nowMs) {
        final PagingToken token = PagingToken.open(cipher, kind, text);
        if (token == null) {
            throw new InvalidArgumentException("Invalid NextToken.");
        }
        if (nowMs - token.issuedAtMs() > NEXT_TOKEN_TTL_MS) {
            throw new ExpiredNextTokenException("The NextToken has expired. NextTokens are valid for "
                + NEXT_TOKEN_TTL_MS / 1000 + " seconds.");
        }
        return token;
    }

    private static List<Shard> shardsAfter(final List<StoredShard> selected, final String exclusiveStartShardId) {
        final ShardId after = exclusiveStartShardId == null ? null : ShardId.tryParse(exclusiveStartShardId);
        final List<Shard> shards = new ArrayList<>(selected.size());
        for (final StoredShard shard : selected) {
            if (exclusiveStartShardId != null && (after == null || shard.id().compareTo(after) <= 0)) {
                continue;
            }
            shards.add(ShardSelection.describe(shard));
        }
        return shards;
    }

    /**
     * Where a shard listing continues, carried in its NextToken: the last shard listed, and the filter the
     * listing started with (a later page may not name one).
     *
     * @param after  the last shard listed, or null.
     * @param filter the listing's filter, or null.
     */
    private record ListPosition(String after, ShardFilter filter) {
        private static final String SEPARATOR = "|";

        String encode() {
            if (filter == null) {
                return after;
            }
            return after + SEPARATOR + filter.type() + SEPARATOR + (filter.shardId() == null ? "" : filter.shardId())
                + SEPARATOR + (filter.timestamp() == null ? "" : Long.toString(filter.timestamp().toEpochMilli()));
        }

        static ListPosition decode(final String text) {
            final String[] parts = text.split("\\|", -1);
            if (parts.length != 4) {
                return new ListPosition(text, null);
            }
            return new ListPosition(parts[0], new ShardFilter(ShardFilterType.valueOf(parts[1]),
                parts[2].isEmpty() ? null : parts[2], parts[3].isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(
                    parts[3]))));
        }
    }
}
