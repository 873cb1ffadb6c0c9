package io.embeddedkinesis.core.stream;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.ShardLimits;
import io.embeddedkinesis.core.account.AccountSettings;
import io.embeddedkinesis.core.exception.InternalFailureException;
import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.LimitExceededException;
import io.embeddedkinesis.core.exception.ResourceInUseException;
import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import io.embeddedkinesis.core.exception.ValidationErrors;
import io.embeddedkinesis.core.exception.ValidationException;
import io.embeddedkinesis.core.log.ChronicleShardLog;
import io.embeddedkinesis.core.log.LogClosedException;
import io.embeddedkinesis.core.log.LogConfig;
import io.embeddedkinesis.core.log.LogPretoucher;
import io.embeddedkinesis.core.log.SequenceNumber;
import io.embeddedkinesis.core.log.ShardLog;
import io.embeddedkinesis.core.metrics.StreamMeters;
import io.embeddedkinesis.core.model.CreateStreamRequest;
import io.embeddedkinesis.core.model.MetricsName;
import io.embeddedkinesis.core.model.RecordDistributionStrategy;
import io.embeddedkinesis.core.model.StreamMode;
import io.embeddedkinesis.core.model.StreamRequest;
import io.embeddedkinesis.core.model.StreamStatus;
import io.embeddedkinesis.core.model.UpdateMaxRecordSizeRequest;
import io.embeddedkinesis.core.routing.HashKey;
import io.embeddedkinesis.core.routing.HashKeyRange;
import io.embeddedkinesis.core.shard.ShardId;
import io.embeddedkinesis.core.shard.ShardLineage;
import io.embeddedkinesis.core.shard.StoredShard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Every stream of a broker: creates, finds, lists and deletes them, keeps their metadata on disk, and
 * reopens them all when the broker restarts.
 *
 * <p>Thread-safe. Lookups are lock-free reads of a concurrent map; changes to the set of streams are
 * serialized by this object's lock, so that two creates of one name cannot both succeed.
 */
public final class StreamRegistry implements AutoCloseable {
    /** The retention period of a new stream, as in Kinesis. */
    public static final int DEFAULT_RETENTION_HOURS = 24;
    /** The most streams that may be CREATING or DELETING at once in an account, as in Kinesis. */
    public static final int MAX_CHANGING_STREAMS = 5;

    /** What comes before a stream's name in its ARN. */
    private static final String STREAM_IN_ARN = ":stream/";
    private static final StreamRequest NO_STREAM = new StreamRequest(null, null);
    private static final Logger LOG = LoggerFactory.getLogger(StreamRegistry.class);

    private final BrokerConfig config;
    private final AccountSettings account;
    private final LogConfig logConfig;
    /** Faults in the pages of every shard log's file ahead of its appends, on a thread of its own. */
    private final LogPretoucher pretoucher;
    private final StreamStore store;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Stream> streams = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * Opens every stream found in the broker directory.
     *
     * @param directory the broker directory.
     * @param config    the broker's configuration.
     * @param account   the account's settings, which decide whether streams may have warm throughput.
     */
    public StreamRegistry(final Path directory, final BrokerConfig config, final AccountSettings account) {
        this.config = config;
        this.account = account;
        // Fragments of the default maximum record size: records within it are always stored whole, and the
        // larger ones a stream may be set to take are split, so no stream's mapped blocks grow for them.
        this.logConfig = new LogConfig(config.logCycle(), BrokerConfig.MAX_RECORD_SIZE_BYTES, config.durability());
        this.store = new StreamStore(directory);
        // Started once nothing before the try below can fail, whose failure path closes it.
        this.pretoucher = LogPretoucher.start();
        final long nowMs = config.clock().time();
        try {
            for (final StreamMetadata metadata : store.loadAll()) {
                final Stream existing = streams.get(metadata.streamName());
                if (metadata.deleteAtMs() <= nowMs || existing != null
                    && existing.createdAtMs() > metadata.createdAtMs()) {
                    store.delete(metadata.streamTag());
                    continue;
                }
                if (existing != null) {
                    remove(existing);
                }
                streams.put(metadata.streamName(), open(metadata, nowMs));
            }
        } catch (final RuntimeException ex) {
            close();
            throw ex;
        }
        LOG.debug("Opened {} streams in {}", streams.size(), directory);
    }

    /**
     * Creates a stream with evenly split shards: as many as the request asks for a provisioned stream, the
     * broker's initial on-demand shard count for an on-demand one.
     *
     * @param request the stream's name, capacity mode, shard count and optional settings.
     * @return the new stream.
     */
    public Stream create(final CreateStreamRequest request) {
        return create(request, true);
    }

    /**
     * Creates a stream as {@link #create(CreateStreamRequest)} does, but, with {@code paced} false, regardless
     * of how many streams are CREATING or DELETING: for the streams a broker is declared with at start.
     *
     * @param request the stream's name, capacity mode, shard count and optional settings.
     * @param paced   whether the account's limit on streams changing state at once applies.
     * @return the new stream.
     */
    public synchronized Stream create(final CreateStreamRequest request, final boolean paced) {
        final Integer maxRecordSizeInKiB = request.maxRecordSizeInKiB();
        final Integer warmMiBps = request.warmThroughputMiBps();
        final StreamMode mode = request.streamMode() != null ? request.streamMode()
            : request.shardCount() == null ? StreamMode.ON_DEMAND : StreamMode.PROVISIONED;
        final ValidationErrors errors = new ValidationErrors()
            .number("shardCount", request.shardCount() == null ? null : request.shardCount().longValue(),
                mode == StreamMode.PROVISIONED, 1, Integer.MAX_VALUE)
            .string("streamName", request.streamName(), true, RequestPatterns.NAME, RequestPatterns.NAME_TEXT, 1, 128)
            .number("warmThroughputMiBps", warmMiBps == null ? null : warmMiBps.longValue(), false, 0,
                Integer.MAX_VALUE)
            .number("maxRecordSizeInKiB", maxRecordSizeInKiB == null ? null : maxRecordSizeInKiB.longValue(), false,
                BrokerConfig.DEFAULT_MAX_RECORD_SIZE_KIB, BrokerConfig.LARGEST_MAX_RECORD_SIZE_KIB);
        TagValidator.checkTagMap(errors, request.tags(), false).throwIfAny();
        if (mode == StreamMode.ON_DEMAND && request.shardCount() != null) {
            // The text CloudFormation passes on from Kinesis; no raw API sample was found.
            throw new ValidationException("ShardCount is not expected when StreamMode=ON_DEMAND");
        }
        if (mode == StreamMode.PROVISIONED && warmMiBps != null) {
            throw warmThroughputNotExpected();
        }
        final RecordDistributionStrategy strategy = request.recordDistributionStrategy() == null
            ? RecordDistributionStrategy.USER_PARTITION_KEY : request.recordDistributionStrategy();
        if (mode == StreamMode.PROVISIONED && strategy == RecordDistributionStrategy.AUTO) {
            throw StreamModes.notOnDemand(request.streamName(), config.accountId());
        }
        if (closed) {
            throw new IllegalStateException("the broker is closed");
        }
        final String name = request.streamName();
        final long nowMs = config.clock().time();
        purgeIfDeleted(name, nowMs);
        if (streams.containsKey(name)) {
            throw new ResourceInUseException("Stream " + name + " under account " + config.accountId()
                + " already exists.");
        }
        final Map<String, String> initialTags = request.tags() == null ? Map.of()
            : TagValidator.added(name, config.accountId(), Map.of(), request.tags());
        if (paced) {
            checkChangingStreamLimit(nowMs);
        }
        if (mode == StreamMode.ON_DEMAND) {
            checkOnDemandStreamLimit();
        }
        if (warmMiBps != null) {
            account.checkWarmThroughput(warmMiBps);
        }
        final int shardCount = mode == StreamMode.ON_DEMAND ? config.onDemandScaling().initialShardCount()
            : request.shardCount();
        checkShardLimit(shardCount);
        final long tag = newStreamTag();
        final List<StreamMetadata.ShardMetadata> shards = new ArrayList<>(shardCount);
        final List<HashKeyRange> ranges = HashKeyRange.evenSplit(shardCount);
        for (int i = 0; i < shardCount; i++) {
            final HashKeyRange range = ranges.get(i);
            shards.add(new StreamMetadata.ShardMetadata(i, range.startingHashKey().toString(),
                range.endingHashKey().toString(), -1L, null, null, nowMs, null, null));
        }
        final long readyAtMs = nowMs + config.streamCreationDelayMs();
        final StreamMetadata draft = new StreamMetadata(StreamMetadata.FORMAT_VERSION, name, tag, nowMs, readyAtMs,
            DEFAULT_RETENTION_HOURS, 0L, request.shardLimits(), Long.MAX_VALUE, List.of(), maxRecordSizeInKiB, shards,
            initialTags, List.of(), mode, List.of(), StreamEncryption.NONE, null,
            warmMiBps == null ? null : StreamWarmThroughput.change(null, warmMiBps, nowMs, readyAtMs), strategy);
        final Stream stream = open(draft, nowMs);
        try {
            store.save(metadataOf(stream));
        } catch (final RuntimeException ex) {
            remove(stream);
            throw ex;
        }
        streams.put(name, stream);
        return stream;
    }

    /**
     * Finds a stream by name and/or ARN, validating both as the Kinesis model does.
     *
     * @param reference the name, the ARN, or both.
     * @return the stream, whatever its status.
     * @throws ResourceNotFoundException if there is no such stream.
     */
    public Stream find(final StreamRequest reference) {
        final StreamRequest request = reference == null ? NO_STREAM : reference;
        final String name = request.streamName();
        final String arn = request.streamARN();
        if (arn == null && name != null) {
            final Stream stream = streams.get(name);
            if (stream != null && stream.deleteAtMs() == Long.MAX_VALUE) {
                return stream;
            }
        }
        validate(request);
        final String resolved = arn == null ? name : nameInArn(arn, name);
        final Stream stream = get(resolved);
        if (stream == null) {
            throw notFound(resolved);
        }
        return stream;
    }

    /**
     * Checks a stream reference without looking the stream up.
     *
     * @param request the name, the ARN, or both.
     */
    public static void validate(final StreamRequest request) {
        check(new ValidationErrors(), request).throwIfAny();
        if (request == null || request.streamName() == null && request.streamARN() == null) {
            throw new InvalidArgumentException("Either StreamName or StreamARN must be provided.");
        }
    }

    /**
     * Adds the model's checks of a stream reference to a request's other checks, in the order AWS reports
     * them (the stream comes last in most operations).
     *
     * @param errors  the request's checks so far.
     * @param reference the name, the ARN, or both.
     * @return {@code errors}, for chaining.
     */
    public static ValidationErrors check(final ValidationErrors errors, final StreamRequest reference) {
        final StreamRequest request = reference == null ? NO_STREAM : reference;
        return errors
            .string("streamName", request.streamName(), false, RequestPatterns.NAME, RequestPatterns.NAME_TEXT, 1, 128)
            .string("streamARN", request.streamARN(), false, RequestPatterns.STREAM_ARN,
                RequestPatterns.STREAM_ARN_TEXT, 1, 2048);
    }

    private String nameInArn(final String arn, final String name) {
        final String expectedPrefix = arnPrefix();
        final String arnName = arn.substring(arn.indexOf(STREAM_IN_ARN) + STREAM_IN_ARN.length());
        if (name != null && !name.equals(arnName)) {
            throw new InvalidArgumentException("StreamARN " + arn + " and StreamName " + name
                + " do not refer to the same stream.");
        }
        if (!arn.startsWith(expectedPrefix)) {
            final String[] parts = arn.split(":", 6);
            throw new ResourceNotFoundException("Stream " + arnName + " under account " + parts[4] + " not found.");
        }
        return arnName;
    }

    /**
     * Finds a stream by name, for operations that name it without validation (iterators, tokens).
     *
     * @param name the stream's name.
     * @return the stream, or null if there is none or it is gone.
     */
    public Stream get(final String name) {
        final Stream stream = streams.get(name);
        if (stream != null && stream.deleteAtMs() != Long.MAX_VALUE) {
            return purgeIfDeleted(name, config.clock().time()) ? null : stream;
        }
        return stream;
    }

    /**
     * Deletes a stream: at once, or after the configured deletion delay, during which it is DELETING.
     *
     * @param request the stream.
     */
    public synchronized void delete(final StreamRequest request) {
        final Stream stream = find(request);
        if (stream.deleteAtMs() != Long.MAX_VALUE) {
            throw notFound(stream.streamName());
        }
        final long nowMs = config.clock().time();
        if (stream.status(nowMs) != StreamStatus.CREATING) {
            // A CREATING stream that becomes DELETING adds no stream to those changing state.
            checkChangingStreamLimit(nowMs);
        }
        if (config.streamDeletionDelayMs() == 0) {
            remove(stream);
            return;
        }
        final StreamMetadata metadata = metadataOf(stream).withDeleteAtMs(nowMs + config.streamDeletionDelayMs());
        store.save(metadata);
        stream.deleteAtMs(metadata.deleteAtMs());
    }

    /**
     * Changes a stream's retention period and persists it.
     *
     * @param stream the stream.
     * @param hours  the new period, already validated.
     */
    public synchronized void updateRetention(final Stream stream, final int hours) {
        ensureRegistered(stream);
        final Stream.Retention changed = stream.retention().change(hours, config.clock().time());
        store.save(metadataOf(stream).withRetention(changed.hours(), changed.floorMs()));
        stream.retention(changed);
    }

    /**
     * Changes the largest record a stream takes ({@code UpdateMaxRecordSize}) and persists it. Records
     * already stored stay readable whatever their size.
     *
     * @param request the stream's ARN and the new size in KiB.
     */
    public void updateMaxRecordSize(final UpdateMaxRecordSizeRequest request) {
        final Integer kib = request.maxRecordSizeInKiB();
        // The model's order of members is StreamARN, StreamId, MaxRecordSizeInKiB; no AWS sample shows the
        // order of the messages, so the stream comes last, as in the retention operations. The ARN is the
        // only way to name the stream, so its absence is reported as the model's not-null violation (a guess
        // too: the model marks it optional only because StreamId, reserved, could stand in for it).
        new ValidationErrors()
            .number("maxRecordSizeInKiB", kib == null ? null : kib.longValue(), true,
                BrokerConfig.DEFAULT_MAX_RECORD_SIZE_KIB, BrokerConfig.LARGEST_MAX_RECORD_SIZE_KIB)
            .string("streamARN", request.streamARN(), true, RequestPatterns.STREAM_ARN,
                RequestPatterns.STREAM_ARN_TEXT, 1, 2048)
            .throwIfAny();
        final Stream stream = find(new StreamRequest(null, request.streamARN()));
        if (!stream.isReady(config.clock().time())) {
            throw new ResourceInUseException("Stream " + stream.streamName() + " under account " + config.accountId()
                + " is not ACTIVE.");
        }
        synchronized (this) {
            ensureRegistered(stream);
            store.save(metadataOf(stream).withMaxRecordSizeInKiB(kib));
            stream.maxRecordSizeInKiB(kib);
        }
    }

    /**
     * Changes a stream's tags and persists them; the change is computed under this registry's lock, so
     * that concurrent changes cannot together exceed a limit that each checks.
     *
     * @param stream the stream.
     * @param change the new tags given the current ones; it may throw to refuse the change.
     */
    synchronized void updateTags(final Stream stream, final UnaryOperator<Map<String, String>> change) {
        ensureRegistered(stream);
        final Map<String, String> changed = Stream.sortedCopy(change.apply(stream.tags()));
        store.save(metadataOf(stream).withTags(changed));
        stream.tags(changed);
    }

    /**
     * Changes a stream's resource policy and persists it, serialized with every other change to the stream's
     * metadata.
     *
     * @param stream the stream.
     * @param change the new policy (null for none) given the current one; it may throw to refuse the change.
     */
    synchronized void updateResourcePolicy(final Stream stream, final UnaryOperator<String> change) {
        ensureRegistered(stream);
        final String current = stream.resourcePolicy();
        final String changed = change.apply(current);
        if (Objects.equals(changed, current)) {
            return;
        }
        store.save(metadataOf(stream).withResourcePolicy(changed));
        stream.resourcePolicy(changed);
    }

    /**
     * Changes which shard-level metrics a stream's shards report, and persists it.
     *
     * @param stream  the stream.
     * @param metrics the metrics enabled from now on.
     */
    public synchronized void updateShardLevelMetrics(final Stream stream, final Set<MetricsName> metrics) {
        ensureRegistered(stream);
        store.save(metadataOf(stream).withShardLevelMetrics(metrics));
        stream.shardLevelMetrics(metrics);
    }

    /**
     * Switches a stream's capacity mode and persists it, with the day's switches; a provisioned stream goes back
     * to the {@code USER_PARTITION_KEY} strategy.
     *
     * @param stream        the stream.
     * @param mode          the new mode.
     * @param switchTimesMs the switches of the last 24 hours, this one included.
     * @param warm          the stream's warm throughput in the new mode, or null for none.
     */
    synchronized void updateStreamMode(final Stream stream, final StreamMode mode, final List<Long> switchTimesMs,
        final StreamWarmThroughput warm) {
        ensureRegistered(stream);
        // Inferred: provisioned streams do not support the AUTO strategy, so a switch to provisioned goes back to
        // partition keys; no sample of what Kinesis does was found.
        final RecordDistributionStrategy strategy = mode == StreamMode.PROVISIONED
            ? RecordDistributionStrategy.USER_PARTITION_KEY : stream.recordDistributionStrategy();
        store.save(metadataOf(stream).withStreamMode(mode, switchTimesMs, warm, strategy));
        stream.streamMode(mode, switchTimesMs, warm, strategy);
    }

    /**
     * Changes how records put to a stream are spread over its shards, and persists it.
     *
     * @param stream   the stream.
     * @param strategy the new strategy.
     */
    synchronized void updateRecordDistributionStrategy(final Stream stream, final RecordDistributionStrategy strategy) {
        ensureRegistered(stream);
        store.save(metadataOf(stream).withRecordDistributionStrategy(strategy));
        stream.recordDistributionStrategy(strategy);
    }

    /**
     * Changes an on-demand stream's warm throughput and persists it.
     *
     * @param stream the stream.
     * @param warm   the new warm throughput.
     */
    synchronized void updateWarmThroughput(final Stream stream, final StreamWarmThroughput warm) {
        ensureRegistered(stream);
        store.save(metadataOf(stream).withWarmThroughput(warm));
        stream.warmThroughput(warm);
    }

    /**
     * The refusal of warm throughput for a stream to be provisioned ({@code CreateStream},
     * {@code UpdateStreamMode}). Inferred: no sample was found; the wording follows CreateStream's refusal of a
     * shard count for an on-demand stream.
     *
     * @return the exception.
     */
    static ValidationException warmThroughputNotExpected() {
        return new ValidationException("WarmThroughputMiBps is not expected when StreamMode=PROVISIONED");
    }

    /**
     * Changes a stream's server-side encryption and persists it.
     *
     * @param stream     the stream.
     * @param encryption the new setting, with its change history.
     */
    synchronized void updateEncryption(final Stream stream, final StreamEncryption encryption) {
        ensureRegistered(stream);
        store.save(metadataOf(stream).withEncryption(encryption));
        stream.encryption(encryption);
    }

    /**
     * How many streams are in on-demand mode, those being deleted included, as {@code DescribeLimits} counts
     * them.
     *
     * @return the count.
     */
    public int onDemandStreamCount() {
        int count = 0;
        for (final Stream stream : streams.values()) {
            if (stream.streamMode() == StreamMode.ON_DEMAND) {
                count++;
            }
        }
        return count;
    }

    /** Refuses one more on-demand stream once the account's quota of them is used, in Kinesis's words. */
    void checkOnDemandStreamLimit() {
        final int count = onDemandStreamCount();
        if (count >= config.onDemandStreamCountLimit()) {
            throw new LimitExceededException("This request would exceed the limit on the number of On-Demand streams"
                + " for the account " + config.accountId() + " in " + config.region() + ". Current On-Demand streams"
                + " count: " + count + ". Limit: " + config.onDemandStreamCountLimit() + ".");
        }
    }

    /**
     * Refuses to create or delete a stream while {@value #MAX_CHANGING_STREAMS} streams are CREATING or DELETING,
     * in the service's words (quoted in hashicorp/terraform-provider-aws#1339, its slips included). Streams only
     * stay in those states with the broker's creation or deletion delays set.
     */
    private void checkChangingStreamLimit(final long nowMs) {
        int changing = 0;
        for (final Stream stream : list()) {
            final StreamStatus status = stream.status(nowMs);
            changing += status == StreamStatus.CREATING || status == StreamStatus.DELETING ? 1 : 0;
        }
        if (changing >= MAX_CHANGING_STREAMS) {
            throw new LimitExceededException("This request would have exceed the limit on the number  of streams that"
                + " can simultaneously be in CREATING or DELETING for the account " + config.accountId() + ". Limit: "
                + MAX_CHANGING_STREAMS + ".");
        }
    }

    /** Refuses a change to a stream that was deleted since the caller found it, so it cannot reappear. */
    private void ensureRegistered(final Stream stream) {
        if (closed || streams.get(stream.streamName()) != stream || stream.deleteAtMs() != Long.MAX_VALUE) {
            throw notFound(stream.streamName());
        }
    }

    /**
     * Every live stream, sorted by name.
     *
     * @return the streams.
     */
    public List<Stream> list() {
        final long nowMs = config.clock().time();
        final List<Stream> live = new ArrayList<>();
        for (final Stream stream : streams.values()) {
            if (stream.deleteAtMs() == Long.MAX_VALUE || !purgeIfDeleted(stream.streamName(), nowMs)) {
                live.add(stream);
            }
        }
        live.sort((a, b) -> a.streamName().compareTo(b.streamName()));
        return live;
    }

    /**
     * Completes delayed deletions that are due and deletes log files past every stream's retention.
     *
     * @return the number of log files deleted.
     */
    public int enforceRetention() {
        final long nowMs = config.clock().time();
        int deleted = 0;
        for (final Stream stream : list()) {
            final long horizonMs = stream.trimHorizonMs(nowMs);
            removeExpiredShards(stream, horizonMs);
            for (final StoredShard shard : stream.shards()) {
                try {
                    deleted += shard.log().deleteBefore(horizonMs);
                } catch (final LogClosedException deletedMeanwhile) {
                    // The stream was deleted while this ran: its files are gone with it.
                }
            }
        }
        return deleted;
    }

    /**
     * Takes closed shards whose records have all expired out of their stream (they are EXPIRED and no
     * longer listed) and deletes their files.
     */
    private void removeExpiredShards(final Stream stream, final long horizonMs) {
        final List<StoredShard> expired = new ArrayList<>();
        synchronized (this) {
            if (streams.get(stream.streamName()) != stream) {
                return;
            }
            for (final StoredShard shard : stream.shards()) {
                if (ShardSelection.isExpired(shard, horizonMs)) {
                    expired.add(shard);
                }
            }
            if (expired.isEmpty()) {
                return;
            }
            stream.shardSet(stream.shardSet().changed(List.of(), expired));
            store.save(metadataOf(stream));
            for (final StoredShard shard : expired) {
                stream.usage().onShardDeparted(shard.lineage().createdAtMs(), shard.closure().closedAtMs());
            }
        }
        for (final StoredShard shard : expired) {
            shard.close();
            deleteShardFiles(stream, shard);
        }
    }

    /**
     * Forces every shard log to disk.
     */
    public void syncAll() {
        for (final Stream stream : streams.values()) {
            for (final StoredShard shard : stream.shards()) {
                try {
                    shard.log().sync();
                } catch (final LogClosedException deletedMeanwhile) {
                    // The stream was deleted while this ran: nothing of it needs to be durable.
                }
            }
        }
    }

    /**
     * Refuses a change that would take the account's open shards over the broker's shard limit.
     *
     * @param additionalShards the open shards the change would add.
     * @throws LimitExceededException worded as Kinesis words it.
     */
    void checkShardLimit(final int additionalShards) {
        final int openShards = openShardCount();
        if ((long) openShards + additionalShards > config.shardLimit()) {
            throw new LimitExceededException("This request would exceed the shard limit for the account "
                + config.accountId() + " in " + config.region() + ". Current shard count for the account: "
                + openShards + ". Limit: " + config.shardLimit() + ". Number of additional shards that would have"
                + " resulted from this request: " + additionalShards + ". Refer to the AWS Service Limits page"
                + " (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how"
                + " to request higher limits.");
        }
    }

    /**
     * The number of open shards of all live streams.
     *
     * @return the open shard count.
     */
    public int openShardCount() {
        int count = 0;
        for (final Stream stream : streams.values()) {
            count += stream.openShards().size();
        }
        return count;
    }

    /**
     * The error Kinesis raises for a missing stream.
     *
     * @param name the stream's name.
     * @return the exception.
     */
    public ResourceNotFoundException notFound(final String name) {
        return new ResourceNotFoundException("Stream " + name + " under account " + config.accountId() + " not found.");
    }

    /**
     * The stream's name as a request that passed {@link #check} gives it: its name, or the last part of its ARN;
     * for the words of an error about a stream that may not exist.
     *
     * @param request the request.
     * @return the name.
     */
    public static String requestedName(final StreamRequest request) {
        if (request.streamName() != null) {
            return request.streamName();
        }
        final String arn = request.streamARN();
        return arn.substring(arn.indexOf(STREAM_IN_ARN) + STREAM_IN_ARN.length());
    }

    /**
     * The ARN of a stream of this broker.
     *
     * @param name the stream's name.
     * @return {@code arn:<partition>:kinesis:<region>:<account>:stream/<name>}.
     */
    public String arnOf(final String name) {
        return arnPrefix() + name;
    }

    private String arnPrefix() {
        return "arn:" + config.partition() + ":kinesis:" + config.region() + ":" + config.accountId() + ":stream/";
    }

    @Override
    public synchronized void close() {
        closed = true;
        RuntimeException failure = null;
        for (final Stream stream : streams.values()) {
            for (final StoredShard shard : stream.shards()) {
                try {
                    shard.close();
                } catch (final RuntimeException ex) {
                    if (failure == null) {
                        failure = ex;
                    } else {
                        failure.addSuppressed(ex);
                    }
                }
            }
            stream.meters().close();
        }
        streams.clear();
        pretoucher.close();
        if (failure != null) {
            throw failure;
        }
    }

    /** Removes a stream whose delayed deletion is due; true if it was removed. */
    private synchronized boolean purgeIfDeleted(final String name, final long nowMs) {
        final Stream stream = streams.get(name);
        if (stream == null || stream.deleteAtMs() > nowMs) {
            return false;
        }
        remove(stream);
        return true;
    }

    private void remove(final Stream stream) {
        streams.remove(stream.streamName(), stream);
        RuntimeException failure = null;
        for (final StoredShard shard : stream.shards()) {
            try {
                shard.close();
            } catch (final RuntimeException ex) {
                failure = ex;
            }
        }
        stream.meters().close();
        store.delete(stream.streamTag());
        if (failure != null) {
            throw failure;
        }
    }

    private Stream open(final StreamMetadata metadata, final long nowMs) {
        final ShardLimits limits = limitsOf(metadata);
        final List<StoredShard> shards = new ArrayList<>(metadata.shards().size());
        final StreamMeters meters = config.metrics().forStream(metadata.streamName(), metadata.enabledMetrics());
        try {
            for (final StreamMetadata.ShardMetadata shard : metadata.shards()) {
                shards.add(openShard(metadata.streamTag(), metadata.createdAtMs(), shard, limits, meters, nowMs));
            }
        } catch (final RuntimeException ex) {
            shards.forEach(StoredShard::close);
            meters.close();
            throw ex;
        }
        return new Stream(arnOf(metadata.streamName()), metadata, shards, limits, meters, nowMs);
    }

    private ShardLimits limitsOf(final StreamMetadata metadata) {
        return metadata.shardLimits() != null ? metadata.shardLimits() : config.shardLimits();
    }

    /**
     * Opens (or creates) one shard's log and restores what the shard's metadata says about it.
     *
     * @param streamTag       the stream's tag.
     * @param streamCreatedMs when the stream was created, the creation time of shards that do not say.
     * @param shard           the shard's metadata; a negative starting position means a new shard.
     * @param limits          the stream's per-shard limits.
     * @param meters          the stream's meters, which make the shard's.
     * @param nowMs           the current time.
     * @return the shard.
     */
    StoredShard openShard(final long streamTag, final long streamCreatedMs, final StreamMetadata.ShardMetadata shard,
        final ShardLimits limits, final StreamMeters meters, final long nowMs) {
        final ShardId id = new ShardId(shard.shardIndex());
        final ShardLog log;
        try {
            log = new ChronicleShardLog(store.shardDirectory(streamTag, id.toString()), logConfig, config.clock(),
                pretoucher);
        } catch (final RuntimeException ex) {
            throw ex instanceof InternalFailureException ? ex : new InternalFailureException("Internal service "
                + "failure.", ex);
        }
        final long startingPosition = shard.startingPosition() >= 0 ? shard.startingPosition() : log.endPosition();
        final HashKeyRange range = new HashKeyRange(HashKey.of(new BigInteger(shard.startingHashKey())),
            HashKey.of(new BigInteger(shard.endingHashKey())));
        final ShardLineage lineage = new ShardLineage(
            shard.parentShardIndex() == null ? null : new ShardId(shard.parentShardIndex()),
            shard.adjacentParentShardIndex() == null ? null : new ShardId(shard.adjacentParentShardIndex()),
            shard.createdAtMs() == null ? streamCreatedMs : shard.createdAtMs());
        final StoredShard stored = new StoredShard(id, streamTag, range, lineage, startingPosition, log, limits, nowMs,
            meters.forShard(id.toString()));
        if (shard.endingPosition() != null) {
            stored.restoreClosure(new StoredShard.Closure(shard.endingPosition(), shard.closedAtMs()));
        }
        return stored;
    }

    /**
     * Writes a stream's metadata as it stands.
     *
     * @param stream the stream.
     */
    void save(final Stream stream) {
        ensureRegistered(stream);
        store.save(metadataOf(stream));
    }

    /**
     * The broker's configuration.
     *
     * @return the configuration.
     */
    BrokerConfig config() {
        return config;
    }

    /**
     * The account's settings.
     *
     * @return the settings.
     */
    public AccountSettings account() {
        return account;
    }

    /**
     * Deletes a shard's files, once it is out of its stream.
     *
     * @param stream the stream it belonged to.
     * @param shard  the shard, already closed.
     */
    void deleteShardFiles(final Stream stream, final StoredShard shard) {
        try {
            FileTrees.deleteRecursively(store.shardDirectory(stream.streamTag(), shard.shardId()));
        } catch (final java.io.IOException ex) {
            throw new InternalFailureException("Internal service failure.", ex);
        }
    }

    private StreamMetadata metadataOf(final Stream stream) {
        final List<StreamMetadata.ShardMetadata> shards = new ArrayList<>();
        for (final StoredShard shard : stream.shards()) {
            shards.add(StreamMetadata.ShardMetadata.of(shard));
        }
        return new StreamMetadata(StreamMetadata.FORMAT_VERSION, stream.streamName(), stream.streamTag(),
            stream.createdAtMs(), stream.readyAtMs(), stream.retentionPeriodHours(), stream.retention().floorMs(),
            stream.ownShardLimits(), stream.deleteAtMs(), stream.scalingTimesMs(), stream.maxRecordSizeInKiB(), shards,
            stream.tags(), StreamMetadata.namesOf(stream.shardLevelMetrics()), stream.streamMode(),
            stream.modeSwitchTimesMs(), stream.encryption(), stream.resourcePolicy(), stream.warmThroughput(),
            stream.recordDistributionStrategy());
    }

    private long newStreamTag() {
        long tag;
        do {
            tag = random.nextLong() & SequenceNumber.STREAM_TAG_MASK;
        } while (tag == 0 || tagInUse(tag));
        return tag;
    }

    private boolean tagInUse(final long tag) {
        for (final Stream stream : streams.values()) {
            if (stream.streamTag() == tag) {
                return true;
            }
        }
        return false;
    }
}
