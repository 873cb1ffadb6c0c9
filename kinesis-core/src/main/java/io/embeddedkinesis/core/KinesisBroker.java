package io.embeddedkinesis.core;

import io.embeddedkinesis.core.account.AccountSettings;
import io.embeddedkinesis.core.consumer.RecordFetcher;
import io.embeddedkinesis.core.exception.DryRunOperationException;
import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.ResourceInUseException;
import io.embeddedkinesis.core.exception.ValidationErrors;
import io.embeddedkinesis.core.fanout.ConsumerListing;
import io.embeddedkinesis.core.fanout.ConsumerRegistry;
import io.embeddedkinesis.core.fanout.ShardSubscriptions;
import io.embeddedkinesis.core.log.ChronicleRuntime;
import io.embeddedkinesis.core.log.Durability;
import io.embeddedkinesis.core.metrics.StreamUsage;
import io.embeddedkinesis.core.model.AccountSettingsResult;
import io.embeddedkinesis.core.model.AddTagsToStreamRequest;
import io.embeddedkinesis.core.model.Consumer;
import io.embeddedkinesis.core.model.ConsumerDescription;
import io.embeddedkinesis.core.model.CreateStreamRequest;
import io.embeddedkinesis.core.model.DescribeLimitsResult;
import io.embeddedkinesis.core.model.DeleteResourcePolicyRequest;
import io.embeddedkinesis.core.model.DeleteStreamRequest;
import io.embeddedkinesis.core.model.DescribeStreamRequest;
import io.embeddedkinesis.core.model.EncryptionType;
import io.embeddedkinesis.core.model.EnhancedMonitoringRequest;
import io.embeddedkinesis.core.model.EnhancedMonitoringResult;
import io.embeddedkinesis.core.model.GetRecordsRequest;
import io.embeddedkinesis.core.model.GetRecordsResult;
import io.embeddedkinesis.core.model.GetResourcePolicyRequest;
import io.embeddedkinesis.core.model.GetResourcePolicyResult;
import io.embeddedkinesis.core.model.GetShardIteratorRequest;
import io.embeddedkinesis.core.model.ListShardsRequest;
import io.embeddedkinesis.core.model.ListShardsResult;
import io.embeddedkinesis.core.model.ListStreamConsumersRequest;
import io.embeddedkinesis.core.model.ListStreamConsumersResult;
import io.embeddedkinesis.core.model.ListStreamsRequest;
import io.embeddedkinesis.core.model.ListStreamsResult;
import io.embeddedkinesis.core.model.ListTagsForResourceRequest;
import io.embeddedkinesis.core.model.ListTagsForResourceResult;
import io.embeddedkinesis.core.model.ListTagsForStreamRequest;
import io.embeddedkinesis.core.model.ListTagsForStreamResult;
import io.embeddedkinesis.core.model.MergeShardsRequest;
import io.embeddedkinesis.core.model.MetricsName;
import io.embeddedkinesis.core.model.MinimumThroughputBillingCommitmentInputStatus;
import io.embeddedkinesis.core.model.PutRecordRequest;
import io.embeddedkinesis.core.model.PutRecordResult;
import io.embeddedkinesis.core.model.PutRecordsRequest;
import io.embeddedkinesis.core.model.PutRecordsRequestEntry;
import io.embeddedkinesis.core.model.PutRecordsResult;
import io.embeddedkinesis.core.model.PutResourcePolicyRequest;
import io.embeddedkinesis.core.model.RecordDistributionStrategy;
import io.embeddedkinesis.core.model.RegisterStreamConsumerRequest;
import io.embeddedkinesis.core.model.RemoveTagsFromStreamRequest;
import io.embeddedkinesis.core.model.ShardIteratorType;
import io.embeddedkinesis.core.model.SplitShardRequest;
import io.embeddedkinesis.core.model.StartingPosition;
import io.embeddedkinesis.core.model.StreamConsumerRequest;
import io.embeddedkinesis.core.model.StreamDescription;
import io.embeddedkinesis.core.model.StreamDescriptionSummary;
import io.embeddedkinesis.core.model.StreamMode;
import io.embeddedkinesis.core.model.StreamRequest;
import io.embeddedkinesis.core.model.StreamEncryptionRequest;
import io.embeddedkinesis.core.model.StreamRetentionRequest;
import io.embeddedkinesis.core.model.SubscribeToShardEvent;
import io.embeddedkinesis.core.model.SubscribeToShardRequest;
import io.embeddedkinesis.core.model.TagResourceRequest;
import io.embeddedkinesis.core.model.UntagResourceRequest;
import io.embeddedkinesis.core.model.UpdateAccountSettingsRequest;
import io.embeddedkinesis.core.model.UpdateMaxRecordSizeRequest;
import io.embeddedkinesis.core.model.UpdateShardCountRequest;
import io.embeddedkinesis.core.model.UpdateShardCountResult;
import io.embeddedkinesis.core.model.UpdateStreamModeRequest;
import io.embeddedkinesis.core.model.UpdateStreamRecordDistributionStrategyRequest;
import io.embeddedkinesis.core.model.UpdateStreamWarmThroughputRequest;
import io.embeddedkinesis.core.model.UpdateStreamWarmThroughputResult;
import io.embeddedkinesis.core.stream.EnhancedMonitoring;
import io.embeddedkinesis.core.stream.OnDemandScaler;
import io.embeddedkinesis.core.stream.RecordDistributionStrategies;
import io.embeddedkinesis.core.stream.RecordWriter;
import io.embeddedkinesis.core.stream.Resharder;
import io.embeddedkinesis.core.stream.ResourcePolicies;
import io.embeddedkinesis.core.stream.Stream;
import io.embeddedkinesis.core.stream.StreamCatalog;
import io.embeddedkinesis.core.stream.StreamEncryptions;
import io.embeddedkinesis.core.stream.StreamModes;
import io.embeddedkinesis.core.stream.StreamRegistry;
import io.embeddedkinesis.core.stream.StreamTags;
import io.embeddedkinesis.core.stream.WarmThroughputs;
import io.embeddedkinesis.core.token.TokenCipher;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;

/**
 * Amazon Kinesis Data Streams in this JVM: streams of shards stored as memory-mapped append-only logs in
 * a directory, with the operations, limits, semantics and error names of the real service.
 *
 * <pre>{@code
 * try (KinesisBroker kinesis = KinesisBroker.open(Path.of("data"))) {
 *     kinesis.createStream("clicks", 4);
 *     PutRecordResult put = kinesis.putRecord("clicks", "user-42", bytes);
 *     String iterator = kinesis.getShardIterator("clicks", put.shardId(), ShardIteratorType.TRIM_HORIZON);
 *     GetRecordsResult read = kinesis.getRecords(iterator);
 * }
 * }</pre>
 *
 * <p>Methods are the Kinesis operations in camelCase. Each has a short form for the common case and a
 * form taking the full request, as the Kinesis API defines it. Streams may be named by name or by ARN.
 * Every failure a caller can cause is a {@link io.embeddedkinesis.core.exception.KinesisException} named
 * and worded as Kinesis names it; invalid requests are refused before anything is written.
 *
 * <p>Everything survives the process being killed: reopening the directory restores every stream, shard,
 * sequence number, consumer and setting. Time comes from the configured clock only.
 *
 * <p>Thread-safe: any number of threads may put and read at once; records keep their order per shard.
 * Close it when done; calls made while or after it closes fail.
 */
public final class KinesisBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KinesisBroker.class);
    /** The longest retention period Kinesis allows: 365 days. */
    public static final int MAX_RETENTION_PERIOD_HOURS = 8760;

    private static final long HOUSEKEEPING_IDLE_MS = 100;
    private static final long SCALING_INTERVAL_MS = 1000;

    private final BrokerConfig config;
    private final BrokerDirectory directory;
    private final AccountSettings account;
    private final StreamRegistry registry;
    private final StreamCatalog catalog;
    private final RecordWriter writer;
    private final RecordFetcher fetcher;
    private final Resharder resharder;
    private final StreamTags tagging;
    private final ResourcePolicies policies;
    private final EnhancedMonitoring monitoring;
    private final StreamModes modes;
    private final StreamEncryptions encryptions;
    private final WarmThroughputs warmThroughputs;
    private final RecordDistributionStrategies distributions;
    private final OnDemandScaler scaler;
    private final ConsumerRegistry consumers;
    private final ConsumerListing consumerListing;
    private final ShardSubscriptions subscriptions;
    private final AgentRunner housekeeping;
    private volatile boolean closed;

    private KinesisBroker(final BrokerConfig config) {
        ChronicleRuntime.prepare();
        this.config = config;
        this.directory = new BrokerDirectory(config.directory());
        StreamRegistry opened = null;
        try {
            final TokenCipher cipher = new TokenCipher(directory.tokenKey());
            this.account = new AccountSettings(directory.path(), config);
            opened = new StreamRegistry(directory.path(), config, account);
            this.registry = opened;
            this.catalog = new StreamCatalog(registry, cipher, config);
            this.writer = new RecordWriter(registry, config);
            this.fetcher = new RecordFetcher(registry, cipher, config);
            this.resharder = new Resharder(registry);
            this.consumers = new ConsumerRegistry(directory.path(), registry, config);
            this.consumerListing = new ConsumerListing(consumers, registry, cipher, config.clock());
            this.subscriptions = new ShardSubscriptions(consumers, registry, config);
            this.tagging = new StreamTags(registry, consumers);
            this.policies = new ResourcePolicies(registry, consumers);
            this.monitoring = new EnhancedMonitoring(registry);
            this.modes = new StreamModes(registry);
            this.encryptions = new StreamEncryptions(registry);
            this.warmThroughputs = new WarmThroughputs(registry);
            this.distributions = new RecordDistributionStrategies(registry);
            this.scaler = new OnDemandScaler(registry, resharder);
        } catch (final RuntimeException ex) {
            if (opened != null) {
                opened.close();
            }
            directory.close();
            throw ex;
        }
        this.housekeeping = startHousekeeping();
        LOG.info("Kinesis broker open on {}", directory.path().toAbsolutePath());
    }

    /**
     * Opens a broker on a fresh temporary directory, deleted when the broker closes.
     *
     * @return the broker.
     */
    public static KinesisBroker open() {
        return open(BrokerConfig.builder().build());
    }

    /**
     * Opens a broker on a directory, restoring whatever a previous broker left there.
     *
     * @param directory the directory, created if missing.
     * @return the broker.
     */
    public static KinesisBroker open(final Path directory) {
        return open(BrokerConfig.builder().directory(directory).build());
    }

    /**
     * Opens a broker with a configuration.
     *
     * @param config the configuration.
     * @return the broker.
     * @throws IllegalStateException if the JVM lacks the flags Chronicle Queue needs (the message lists
     *                               them), or another broker uses the directory.
     */
    public static KinesisBroker open(final BrokerConfig config) {
        return new KinesisBroker(config);
    }

    private AgentRunner startHousekeeping() {
        final long syncIntervalMs = config.durability() == Durability.FSYNC_INTERVAL
            ? config.fsyncIntervalMs() : 0;
        if (config.housekeepingIntervalMs() == 0 && syncIntervalMs == 0) {
            return null;
        }
        final long scalingIntervalMs = Math.min(config.housekeepingIntervalMs(), SCALING_INTERVAL_MS);
        final HousekeepingAgent agent = new HousekeepingAgent(registry, scaler, config.clock(),
            config.housekeepingIntervalMs(), scalingIntervalMs, syncIntervalMs);
        final long idleMs = syncIntervalMs > 0 ? Math.min(HOUSEKEEPING_IDLE_MS, syncIntervalMs) : HOUSEKEEPING_IDLE_MS;
        // scalingIntervalMs is 0 when housekeeping is off, and then so is scaling: scaleOnDemandStreams() does it.
        final AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(idleMs),
            error -> LOG.warn("Housekeeping failed; it will run again", error), null, agent);
        AgentRunner.startOnThread(runner, task -> {
            final Thread thread = new Thread(task);
            thread.setDaemon(true);
            return thread;
        });
        return runner;
    }

    /**
     * The directory the broker keeps its files in.
     *
     * @return the directory.
     */
    public Path directory() {
        return directory.path();
    }

    /**
     * The configuration the broker was opened with.
     *
     * @return the configuration.
     */
    public BrokerConfig config() {
        return config;
    }

    /**
     * Creates a stream whose shards split the hash key space evenly ({@code CreateStream}).
     *
     * @param streamName the name: 1 to 128 characters of {@code [a-zA-Z0-9_.-]}.
     * @param shardCount how many shards.
     */
    public void createStream(final String streamName, final int shardCount) {
        createStream(CreateStreamRequest.of(streamName, shardCount));
    }

    /**
     * Creates a stream ({@code CreateStream}).
     *
     * @param request the name, shard count and optional per-shard limits.
     */
    public void createStream(final CreateStreamRequest request) {
        ensureOpen();
        registry.create(request);
    }

    /**
     * Creates a stream a broker is declared with at start ({@code serve --create-stream}, a test's
     * {@code @KinesisStream}), as {@link #createStream(CreateStreamRequest)} does but outside Kinesis's limit of
     * five streams CREATING or DELETING at once: that limit paces callers of the API, and with
     * {@link BrokerConfig#streamCreationDelayMs()} set, a declaration of six streams would otherwise never start.
     *
     * @param request the name, shard count and optional per-shard limits.
     */
    public void createDeclaredStream(final CreateStreamRequest request) {
        ensureOpen();
        registry.create(request, false);
    }

    /**
     * Deletes a stream and all its records ({@code DeleteStream}).
     *
     * @param streamNameOrArn the stream's name or ARN.
     */
    public void deleteStream(final String streamNameOrArn) {
        deleteStream(StreamRequest.of(streamNameOrArn));
    }

    /**
     * Deletes a stream and all its records ({@code DeleteStream}), unless it has enhanced fan-out consumers.
     *
     * @param request the stream.
     */
    public void deleteStream(final StreamRequest request) {
        deleteStream(new DeleteStreamRequest(request, null));
    }

    /**
     * Deletes a stream and all its records ({@code DeleteStream}); with {@code enforceConsumerDeletion}, its
     * enhanced fan-out consumers too, whose subscriptions end.
     *
     * @param request the stream, and whether to delete it although it has consumers.
     */
    public void deleteStream(final DeleteStreamRequest request) {
        ensureOpen();
        consumers.deleteStream(request);
    }

    /**
     * Describes a stream and its first 100 shards ({@code DescribeStream}).
     *
     * @param streamNameOrArn the stream's name or ARN.
     * @return the description.
     */
    public StreamDescription describeStream(final String streamNameOrArn) {
        return describeStream(new DescribeStreamRequest(StreamRequest.of(streamNameOrArn), null, null));
    }

    /**
     * Describes a stream and one page of its shards ({@code DescribeStream}).
     *
     * @param request the stream and the page.
     * @return the description.
     */
    public StreamDescription describeStream(final DescribeStreamRequest request) {
        ensureOpen();
        return catalog.describeStream(request);
    }

    /**
     * Summarizes a stream ({@code DescribeStreamSummary}).
     *
     * @param streamNameOrArn the stream's name or ARN.
     * @return the summary.
     */
    public StreamDescriptionSummary describeStreamSummary(final String streamNameOrArn) {
        return describeStreamSummary(StreamRequest.of(streamNameOrArn));
    }

    /**
     * Summarizes a stream ({@code DescribeStreamSummary}).
     *
     * @param request the stream.
     * @return the summary.
     */
    public StreamDescriptionSummary describeStreamSummary(final StreamRequest request) {
        ensureOpen();
        final StreamDescriptionSummary summary = catalog.describeStreamSummary(request);
        final Stream stream = registry.get(summary.streamName());
        return stream == null ? summary : summary.withConsumerCount(consumers.consumerCount(stream));
    }

    /**
     * Lists the first 100 streams by name ({@code ListStreams}).
     *
     * @return the streams.
     */
    public ListStreamsResult listStreams() {
        return listStreams(new ListStreamsRequest(null, null, null));
    }

    /**
     * Lists streams by name, a page at a time ({@code ListStreams}).
     *
     * @param request the page.
     * @return the streams on the page.
     */
    public ListStreamsResult listStreams(final ListStreamsRequest request) {
        ensureOpen();
        return catalog.listStreams(request);
    }

    /**
     * Lists a stream's first 1,000 shards ({@code ListShards}).
     *
     * @param streamNameOrArn the stream's name or ARN.
     * @return the shards.
     */
    public ListShardsResult listShards(final String streamNameOrArn) {
        return listShards(new ListShardsRequest(StreamRequest.of(streamNameOrArn), null, null, null, null, null));
    }

    /**
     * Lists a stream's shards, a page at a time ({@code ListShards}).
     *
     * @param request the stream, or the token of the previous page.
     * @return the shards on the page.
     */
    public ListShardsResult listShards(final ListShardsRequest request) {
        ensureOpen();
        return catalog.listShards(request);
    }

    /**
     * Puts one record, routed by its partition key ({@code PutRecord}).
     *
     * @param streamNameOrArn the stream's name or ARN.
     * @param partitionKey    1 to 256 characters; records with the same key go to the same shard, in order. A
     *                        stream with the {@code AUTO} record distribution strategy ignores it and takes
     *                        null.
     * @param data            the payload; with the key at most the stream's maximum record size (1 MiB unless
     *                        raised to up to 10 MiB, see {@link #updateMaxRecordSize(String, int)}).
     * @return the shard and sequence number of the record.
     */
    public PutRecordResult putRecord(final String streamNameOrArn, final String partitionKey, final byte[] data) {
        return putRecord(PutRecordRequest.of(streamNameOrArn, partitionKey, data));
    }

    /**
     * Puts one record ({@code PutRecord}).
     *
     * @param request the record, with an optional explicit hash key and ordering sequence number.
     * @return the shard and sequence number of the record.
     */
    public PutRecordResult putRecord(final PutRecordRequest request) {
        ensureOpen();
        return writer.putRecord(request);
    }

    /**
     * A {@code PutRecord} with {@code DryRun} set: the request is checked as the put would check it (its
     * members, that the stream exists and takes records, the record's size) and nothing is written. As in
     * Kinesis, a request that would have succeeded is answered with {@code DryRunOperationException}.
     *
     * @param request the record and its stream.
     * @throws io.embeddedkinesis.core.exception.DryRunOperationException if every check passed; otherwise the
     *                                                                    error the put would have raised.
     */
    public void dryRunPutRecord(final PutRecordRequest request) {
        ensureOpen();
        writer.dryRunPutRecord(request);
    }

    /**
     * Puts up to 500 records in one call ({@code PutRecords}); each succeeds or fails alone.
     *
     * @param streamNameOrArn the stream's name or ARN.
     * @param records         1 to 500 records, at most 10 MiB in all.
     * @return one entry per record, in order, and how many failed.
     */
    public PutRecordsResult putRecords(final String streamNameOrArn, final List<PutRecordsRequestEntry> records) {
        return putRecords(new PutRecordsRequest(StreamRequest.of(streamNameOrArn), records));
    }

    /**
     * Puts up to 500 records in one call ({@code PutRecords}); each succeeds or fails alone.
     *
     * @param request the records and their stream.
     * @return one entry per record, in order, and how many failed.
     */
    public PutRecordsResult putRecords(final PutRecordsRequest request) {
        ensureOpen();
        return writer.putRecords(request);
    }

    /**
     * A {@code PutRecords} with {@code DryRun} set: checked as the put would check it, and nothing is written.
     *
     * @param request the records and their stream.
     * @throws io.embeddedkinesis.core.exception.DryRunOperationException if every check passed; otherwise the
     *                                                                    error the put would have raised.
     */
    public void dryRunPutRecords(final PutRecordsRequest request) {
        ensureOpen();
        writer.dryRunPutRecords(request);
    }

    /**
     * Gets an iterator at the start, the end, or a sequence number of a shard ({@code GetShardIterator}).
     *
     * @param streamNameOrArn the stream's name or ARN.
     * @param shardId         the shard.
     * @param type            {@code TRIM_HORIZON} or {@code LATEST}.
     * @return the iterator, valid for 5 minutes.
     */
    public String getShardIterator(final String streamNameOrArn, final String shardId, final ShardIteratorType type) {
        return getShardIterator(new GetShardIteratorRequest(StreamRequest.of(streamNameOrArn), shardId, type, null,
            null));
    }

    /**
     * Gets an iterator at or after a sequence number ({@code GetShardIterator}).
     *
     * @param streamNameOrArn the stream's name or ARN.
     * @param shardId         the shard.
     * @param type            {@code AT_SEQUENCE_NUMBER} or {@code AFTER_SEQUENCE_NUMBER}.
     * @param sequenceNumber  the sequence number.
     * @return the iterator, valid for 5 minutes.
     */
    public String getShardIterator(final String streamNameOrArn, final String shardId, final ShardIteratorType type,
        final String sequenceNumber) {
        return getShardIterator(
            new GetShardIteratorRequest(StreamRequest.of(streamNameOrArn), shardId, type, sequenceNumber, null));
    }

    /**
     * Gets an iterator at the first record that arrived at or after a time ({@code AT_TIMESTAMP}).
     *
     * @param streamNameOrArn the stream's name or ARN.
     * @param shardId         the shard.
     * @param timestamp       the time, to the millisecond.
     * @return the iterator, valid for 5 minutes.
     */
    public String getShardIterator(final String streamNameOrArn, final String shardId, final Instant timestamp) {
        return getShardIterator(new GetShardIteratorRequest(
            StreamRequest.of(streamNameOrArn), shardId, ShardIteratorType.AT_TIMESTAMP, null, timestamp));
    }

    /**
     * Gets a shard iterator ({@code GetShardIterator}).
     *
     * @param request the stream, shard and starting point.
     * @return the iterator, valid for 5 minutes.
     */
    public String getShardIterator(final GetShardIteratorRequest request) {
        ensureOpen();
        return fetcher.getShardIterator(request);
    }

    /**
     * A {@code GetShardIterator} with {@code DryRun} set: checked as the call would check it (its members, the
     * stream, the shard, the sequence number or time) and answered, as in Kinesis, with
     * {@code DryRunOperationException} if it would have succeeded.
     *
     * @param request the shard and where to start.
     * @throws io.embeddedkinesis.core.exception.DryRunOperationException if every check passed; otherwise the
     *                                                                    error the call would have raised.
     */
    public void dryRunGetShardIterator(final GetShardIteratorRequest request) {
        ensureOpen();
        fetcher.getShardIterator(request);
        throw DryRunOperationException.passed();
    }

    /**
     * Reads up to 10,000 records from an iterator ({@code GetRecords}).
     *
     * @param shardIterator the iterator.
     * @return the records and the next iterator.
     */
    public GetRecordsResult getRecords(final String shardIterator) {
        return getRecords(new GetRecordsRequest(shardIterator, null, null));
    }

    /**
     * Reads records from an iterator ({@code GetRecords}).
     *
     * @param request the iterator and an optional limit (1 to 10,000).
     * @return the records and the next iterator.
     */
    public GetRecordsResult getRecords(final GetRecordsRequest request) {
        ensureOpen();
        return fetcher.getRecords(request);
    }

    /**
     * A {@code GetRecords} with {@code DryRun} set: the limit and the iterator are checked, nothing is read and
     * no read limit is charged; answered, as in Kinesis, with {@code DryRunOperationException} if the read would
     * have succeeded.
     *
     * @param request the iterator and an optional record limit.
     * @throws io.embeddedkinesis.core.exception.DryRunOperationException if every check passed; otherwise the
     *                                                                    error the read would have raised.
     */
    public void dryRunGetRecords(final GetRecordsRequest request) {
        ensureOpen();
        fetcher.checkGetRecords(request);
        throw DryRunOperationException.passed();
    }

    /**
     * Registers an enhanced fan-out consumer with a stream ({@code RegisterStreamConsumer}). It is CREATING
     * for the broker's {@link BrokerConfig#consumerCreationDelayMs()} (none by default), then ACTIVE; a stream
     * has at most 20.
     *
     * @param streamArn    the stream's ARN.
     * @param consumerName 1 to 128 characters of {@code [a-zA-Z0-9_.-]}, unique within the stream.
     * @return the consumer, with its ARN.
     */
    public Consumer registerStreamConsumer(final String streamArn, final String consumerName) {
        return registerStreamConsumer(RegisterStreamConsumerRequest.of(streamArn, consumerName));
    }

    /**
     * Registers an enhanced fan-out consumer with a stream ({@code RegisterStreamConsumer}).
     *
     * @param request the stream's ARN, the name and optional tags.
     * @return the consumer, with its ARN.
     */
    public Consumer registerStreamConsumer(final RegisterStreamConsumerRequest request) {
        ensureOpen();
        return consumers.register(request);
    }

    /**
     * Describes an enhanced fan-out consumer ({@code DescribeStreamConsumer}).
     *
     * @param consumerArn the consumer's ARN.
     * @return the consumer and its stream's ARN.
     */
    public ConsumerDescription describeStreamConsumer(final String consumerArn) {
        return describeStreamConsumer(StreamConsumerRequest.of(consumerArn));
    }

    /**
     * Describes an enhanced fan-out consumer ({@code DescribeStreamConsumer}).
     *
     * @param request the consumer's ARN, or its stream's ARN and its name.
     * @return the consumer and its stream's ARN.
     */
    public ConsumerDescription describeStreamConsumer(final StreamConsumerRequest request) {
        ensureOpen();
        return consumers.describe(request);
    }

    /**
     * Lists a stream's enhanced fan-out consumers by name, the first 100 ({@code ListStreamConsumers}).
     *
     * @param streamArn the stream's ARN.
     * @return the consumers.
     */
    public ListStreamConsumersResult listStreamConsumers(final String streamArn) {
        return listStreamConsumers(ListStreamConsumersRequest.of(streamArn));
    }

    /**
     * Lists a stream's enhanced fan-out consumers by name, a page at a time ({@code ListStreamConsumers}).
     *
     * @param request the stream's ARN, and the previous page's token and the page size.
     * @return the consumers on the page.
     */
    public ListStreamConsumersResult listStreamConsumers(final ListStreamConsumersRequest request) {
        ensureOpen();
        return consumerListing.listStreamConsumers(request);
    }

    /**
     * Deregisters an enhanced fan-out consumer ({@code DeregisterStreamConsumer}); its subscriptions end.
     *
     * @param consumerArn the consumer's ARN.
     */
    public void deregisterStreamConsumer(final String consumerArn) {
        deregisterStreamConsumer(StreamConsumerRequest.of(consumerArn));
    }

    /**
     * Deregisters an enhanced fan-out consumer ({@code DeregisterStreamConsumer}). It is DELETING for the
     * broker's {@link BrokerConfig#consumerDeletionDelayMs()} (none by default), then gone.
     *
     * @param request the consumer's ARN, or its stream's ARN and its name.
     */
    public void deregisterStreamConsumer(final StreamConsumerRequest request) {
        ensureOpen();
        consumers.deregister(request);
    }

    /**
     * Subscribes an ACTIVE consumer to a shard ({@code SubscribeToShard}): records are pushed to the returned
     * publisher's subscriber as they are put, within microseconds, as many events as it requests.
     *
     * @param consumerArn      the consumer's ARN.
     * @param shardId          the shard.
     * @param startingPosition where to start.
     * @return the subscription's publisher; see {@link #subscribeToShard(SubscribeToShardRequest)}.
     */
    public Flow.Publisher<SubscribeToShardEvent> subscribeToShard(final String consumerArn, final String shardId,
        final StartingPosition startingPosition) {
        return subscribeToShard(new SubscribeToShardRequest(consumerArn, shardId, startingPosition));
    }

    /**
     * Subscribes an ACTIVE consumer to a shard ({@code SubscribeToShard}). The request is checked now and a
     * refusal thrown (a second subscription of the consumer to the shard within 5 seconds is a
     * {@code ResourceInUseException}). The publisher takes one subscriber, whose callbacks run on the broker's
     * fan-out thread and must not block. The subscription completes after 5 minutes
     * ({@link BrokerConfig#subscriptionLifetimeMs()}), when a later subscription takes the shard over, or after
     * the event that carries a closed shard's {@code childShards}; resubscribe after the last event's
     * {@code continuationSequenceNumber} to go on. It ends with {@code onError} and the Kinesis error when the
     * consumer is deregistered, the stream deleted or the shard expires. The consumer reads the shard at its
     * own 2 MiB/s, shared with no other reader.
     *
     * @param request the consumer's ARN, the shard and where to start.
     * @return the subscription's publisher.
     */
    public Flow.Publisher<SubscribeToShardEvent> subscribeToShard(final SubscribeToShardRequest request) {
        ensureOpen();
        return subscriptions.subscribeToShard(request);
    }

    /**
     * A {@code SubscribeToShard} with {@code DryRun} set: checked as the subscription would be (its members,
     * the consumer, the stream, the shard, the starting position, and a subscription of the same consumer to
     * the shard within 5 seconds), without subscribing or taking the shard over; answered, as in Kinesis, with
     * {@code DryRunOperationException} if it would have succeeded.
     *
     * @param request the consumer's ARN, the shard and where to start.
     * @throws io.embeddedkinesis.core.exception.DryRunOperationException if every check passed; otherwise the
     *                                                                    error the subscription would raise.
     */
    public void dryRunSubscribeToShard(final SubscribeToShardRequest request) {
        ensureOpen();
        subscriptions.dryRunSubscribeToShard(request);
    }

    /**
     * Lengthens how long a stream keeps records ({@code IncreaseStreamRetentionPeriod}); records that
     * already expired stay expired.
     *
     * @param streamNameOrArn      the stream's name or ARN.
     * @param retentionPeriodHours the new period, up to 8,760 hours.
     */
    public void increaseStreamRetentionPeriod(final String streamNameOrArn, final int retentionPeriodHours) {
        increaseStreamRetentionPeriod(new StreamRetentionRequest(StreamRequest.of(streamNameOrArn),
            retentionPeriodHours));
    }

    /**
     * Lengthens how long a stream keeps records ({@code IncreaseStreamRetentionPeriod}).
     *
     * @param request the stream and the new period.
     */
    public void increaseStreamRetentionPeriod(final StreamRetentionRequest request) {
        changeRetention(request, true);
    }

    /**
     * Shortens how long a stream keeps records ({@code DecreaseStreamRetentionPeriod}); records older
     * than the new period stop being readable at once.
     *
     * @param streamNameOrArn      the stream's name or ARN.
     * @param retentionPeriodHours the new period, at least 24 hours (or the broker's minimum).
     */
    public void decreaseStreamRetentionPeriod(final String streamNameOrArn, final int retentionPeriodHours) {
        decreaseStreamRetentionPeriod(new StreamRetentionRequest(StreamRequest.of(streamNameOrArn),
            retentionPeriodHours));
    }

    /**
     * Shortens how long a stream keeps records ({@code DecreaseStreamRetentionPeriod}).
     *
     * @param request the stream and the new period.
     */
    public void decreaseStreamRetentionPeriod(final StreamRetentionRequest request) {
        changeRetention(request, false);
    }

    private void changeRetention(final StreamRetentionRequest request, final boolean increase) {
        ensureOpen();
        final Integer hours = request.retentionPeriodHours();
        StreamRegistry.check(new ValidationErrors()
            .number("retentionPeriodHours", hours == null ? null : hours.longValue(), true, 1, Integer.MAX_VALUE),
            request.stream()).throwIfAny();
        StreamRegistry.validate(request.stream());
        final Stream stream = registry.find(request.stream());
        if (!stream.isReady(config.clock().time())) {
            throw new ResourceInUseException("Stream " + stream.streamName() + " under account " + config.accountId()
                + " is not ACTIVE.");
        }
        final int minimum = config.minimumRetentionPeriodHours();
        if (hours < minimum) {
            throw new InvalidArgumentException("Minimum allowed retention period is " + minimum
                + " hours. Requested retention period (" + hours + " hours) is too short.");
        }
        if (hours > MAX_RETENTION_PERIOD_HOURS) {
            throw new InvalidArgumentException("Maximum allowed retention period is " + MAX_RETENTION_PERIOD_HOURS
                + " hours. Requested retention period (" + hours + " hours) is too long.");
        }
        final int current = stream.retentionPeriodHours();
        if (increase && hours < current) {
            throw new InvalidArgumentException("Requested retention period (" + hours + " hours) for stream "
                + stream.streamName() + " can not be shorter than existing retention period (" + current
                + " hours). Use DecreaseRetentionPeriod API.");
        }
        if (!increase && hours > current) {
            throw new InvalidArgumentException("Requested retention period (" + hours + " hours) for stream "
                + stream.streamName() + " can not be longer than existing retention period (" + current
                + " hours). Use IncreaseRetentionPeriod API.");
        }
        registry.updateRetention(stream, hours);
    }

    /**
     * Sets the largest record a stream takes, data and partition key together ({@code UpdateMaxRecordSize}).
     * Records of up to 10 MiB are stored without growing any shard's memory-mapped blocks; they still count
     * against the shard's write and read limits, bursting past them and paying the excess back.
     *
     * @param streamArn          the stream's ARN (the operation has no {@code StreamName}; see
     *                           {@link StreamDescriptionSummary#streamARN()}).
     * @param maxRecordSizeInKiB 1024 to 10240.
     */
    public void updateMaxRecordSize(final String streamArn, final int maxRecordSizeInKiB) {
        updateMaxRecordSize(new UpdateMaxRecordSizeRequest(streamArn, maxRecordSizeInKiB));
    }

    /**
     * Sets the largest record a stream takes ({@code UpdateMaxRecordSize}).
     *
     * @param request the stream's ARN and the size in KiB.
     */
    public void updateMaxRecordSize(final UpdateMaxRecordSizeRequest request) {
        ensureOpen();
        registry.updateMaxRecordSize(request);
    }

    /**
     * Splits an open shard in two at a hash key ({@code SplitShard}). The shard is closed: its records stay
     * readable until retention passes, and new records go to the child that owns their key.
     *
     * @param streamNameOrArn    the stream's name or ARN.
     * @param shardToSplit       the shard.
     * @param newStartingHashKey the first hash key of the second child, decimal.
     */
    public void splitShard(final String streamNameOrArn, final String shardToSplit, final String newStartingHashKey) {
        splitShard(new SplitShardRequest(StreamRequest.of(streamNameOrArn), shardToSplit, newStartingHashKey));
    }

    /**
     * Splits an open shard in two at a hash key ({@code SplitShard}).
     *
     * @param request the stream, the shard and the new starting hash key.
     */
    public void splitShard(final SplitShardRequest request) {
        ensureOpen();
        resharder.splitShard(request);
    }

    /**
     * Merges two open shards with adjoining hash key ranges ({@code MergeShards}).
     *
     * @param streamNameOrArn      the stream's name or ARN.
     * @param shardToMerge         one shard.
     * @param adjacentShardToMerge the shard whose range adjoins it.
     */
    public void mergeShards(final String streamNameOrArn, final String shardToMerge,
        final String adjacentShardToMerge) {
        mergeShards(new MergeShardsRequest(StreamRequest.of(streamNameOrArn), shardToMerge, adjacentShardToMerge));
    }

    /**
     * Merges two open shards with adjoining hash key ranges ({@code MergeShards}).
     *
     * @param request the stream and the two shards.
     */
    public void mergeShards(final MergeShardsRequest request) {
        ensureOpen();
        resharder.mergeShards(request);
    }

    /**
     * Changes the number of open shards, splitting the hash key space evenly ({@code UpdateShardCount}).
     *
     * @param streamNameOrArn  the stream's name or ARN.
     * @param targetShardCount half to twice the current count.
     * @return the counts before and after.
     */
    public UpdateShardCountResult updateShardCount(final String streamNameOrArn, final int targetShardCount) {
        return updateShardCount(new UpdateShardCountRequest(StreamRequest.of(streamNameOrArn), targetShardCount,
            UpdateShardCountRequest.UNIFORM_SCALING));
    }

    /**
     * Changes the number of open shards ({@code UpdateShardCount}).
     *
     * @param request the stream, the target count and the scaling type.
     * @return the counts before and after.
     */
    public UpdateShardCountResult updateShardCount(final UpdateShardCountRequest request) {
        ensureOpen();
        return resharder.updateShardCount(request);
    }

    /**
     * Switches a stream between provisioned and on-demand capacity ({@code UpdateStreamMode}); at most twice
     * in a rolling 24 hours. The stream keeps its shards and is UPDATING for a moment; an on-demand stream
     * then splits and merges them with its load, and refuses {@code SplitShard}, {@code MergeShards} and
     * {@code UpdateShardCount}.
     *
     * @param streamArn the stream's ARN (the operation takes no name).
     * @param mode      the new mode.
     */
    public void updateStreamMode(final String streamArn, final StreamMode mode) {
        updateStreamMode(new UpdateStreamModeRequest(streamArn, mode));
    }

    /**
     * Switches a stream between provisioned and on-demand capacity ({@code UpdateStreamMode}).
     *
     * @param request the stream's ARN and the new mode.
     */
    public void updateStreamMode(final UpdateStreamModeRequest request) {
        ensureOpen();
        modes.updateStreamMode(request);
    }

    /**
     * Sets the write throughput an on-demand stream is kept ready for ({@code UpdateStreamWarmThroughput}), as
     * before an expected peak. As in Kinesis, only on-demand streams have warm throughput, only while the
     * account's minimum throughput billing commitment is enabled ({@link #updateAccountSettings}), and at most
     * {@link BrokerConfig#maxWarmThroughputMiBps()}; the stream is UPDATING for the reshard delay, and then shows
     * the target as its current warm throughput in {@code DescribeStreamSummary}. The broker reserves nothing:
     * the stream still scales by its load.
     *
     * @param streamNameOrArn     the stream's name or ARN.
     * @param warmThroughputMiBps the warm throughput in MiB/s, at least 0.
     * @return the stream and its warm throughput.
     */
    public UpdateStreamWarmThroughputResult updateStreamWarmThroughput(final String streamNameOrArn,
        final int warmThroughputMiBps) {
        return updateStreamWarmThroughput(new UpdateStreamWarmThroughputRequest(StreamRequest.of(streamNameOrArn),
            warmThroughputMiBps));
    }

    /**
     * Sets the write throughput an on-demand stream is kept ready for ({@code UpdateStreamWarmThroughput}).
     *
     * @param request the stream and the warm throughput.
     * @return the stream and its warm throughput.
     */
    public UpdateStreamWarmThroughputResult updateStreamWarmThroughput(
        final UpdateStreamWarmThroughputRequest request) {
        ensureOpen();
        return warmThroughputs.update(request);
    }

    /**
     * Sets how records put to an on-demand stream from now on are spread over its shards
     * ({@code UpdateStreamRecordDistributionStrategy}): {@code USER_PARTITION_KEY} (the default) routes each by
     * its partition key's hash, so one key's records stay in order on one shard; {@code AUTO} ignores partition
     * keys and explicit hash keys, takes the open shards in turn, and lets puts leave the key out, for
     * stateless workloads. Records already written stay where they are, and the stream stays ACTIVE.
     * {@code AUTO} on a provisioned stream is an {@link InvalidArgumentException}.
     *
     * @param streamArn the stream's ARN (the operation takes no name).
     * @param strategy  the strategy.
     */
    public void updateStreamRecordDistributionStrategy(final String streamArn,
        final RecordDistributionStrategy strategy) {
        updateStreamRecordDistributionStrategy(new UpdateStreamRecordDistributionStrategyRequest(streamArn, strategy));
    }

    /**
     * Sets how records put to an on-demand stream are spread over its shards
     * ({@code UpdateStreamRecordDistributionStrategy}).
     *
     * @param request the stream's ARN and the strategy.
     */
    public void updateStreamRecordDistributionStrategy(final UpdateStreamRecordDistributionStrategyRequest request) {
        ensureOpen();
        distributions.update(request);
    }

    /**
     * Turns on server-side encryption of the records put to a stream from now on, or moves an encrypted
     * stream to another key ({@code StartStreamEncryption}). Puts and reads then show {@code EncryptionType}
     * {@code KMS}, as on Kinesis; the broker holds no keys and stores the bytes as given, so any key id is
     * accepted. The stream is UPDATING for the reshard delay; at most 25 starts a stream a rolling day.
     *
     * @param streamNameOrArn the stream's name or ARN.
     * @param keyId           the KMS key: a key id, key ARN, alias name or alias ARN, e.g. {@code alias/aws/kinesis}.
     */
    public void startStreamEncryption(final String streamNameOrArn, final String keyId) {
        startStreamEncryption(new StreamEncryptionRequest(StreamRequest.of(streamNameOrArn), EncryptionType.KMS,
            keyId));
    }

    /**
     * Turns on, or moves to another key, a stream's server-side encryption ({@code StartStreamEncryption}).
     *
     * @param request the stream, {@code KMS} and the key.
     */
    public void startStreamEncryption(final StreamEncryptionRequest request) {
        ensureOpen();
        encryptions.start(request);
    }

    /**
     * Turns off server-side encryption of the records put to a stream from now on
     * ({@code StopStreamEncryption}); records already written keep {@code EncryptionType} {@code KMS}.
     *
     * @param streamNameOrArn the stream's name or ARN.
     * @param keyId           the key the stream is encrypted with.
     */
    public void stopStreamEncryption(final String streamNameOrArn, final String keyId) {
        stopStreamEncryption(new StreamEncryptionRequest(StreamRequest.of(streamNameOrArn), EncryptionType.KMS,
            keyId));
    }

    /**
     * Turns off a stream's server-side encryption ({@code StopStreamEncryption}).
     *
     * @param request the stream, {@code KMS} and the key.
     */
    public void stopStreamEncryption(final StreamEncryptionRequest request) {
        ensureOpen();
        encryptions.stop(request);
    }

    /**
     * Scales on-demand streams now by the load of their shards (see {@link OnDemandScaling}): splits hot
     * shards and merges cold ones whose windows have ended. The broker does this on its housekeeping
     * thread every second; call it in a test that moves the clock with housekeeping off.
     *
     * @return how many splits and merges were made.
     */
    public int scaleOnDemandStreams() {
        ensureOpen();
        return scaler.scale();
    }

    /**
     * Adds tags to a stream, or gives keys it has new values ({@code AddTagsToStream}).
     *
     * @param streamNameOrArn the stream's name or ARN.
     * @param tags            1 to 200 tags by key: keys of 1 to 128 and values of up to 256 Unicode letters,
     *                        digits, spaces and {@code _ . : / = + - @}; a stream has at most 50 tags.
     */
    public void addTagsToStream(final String streamNameOrArn, final Map<String, String> tags) {
        addTagsToStream(new AddTagsToStreamRequest(StreamRequest.of(streamNameOrArn), tags));
    }

    /**
     * Adds tags to a stream, or gives keys it has new values ({@code AddTagsToStream}).
     *
     * @param request the stream and the tags.
     */
    public void addTagsToStream(final AddTagsToStreamRequest request) {
        ensureOpen();
        tagging.addTagsToStream(request);
    }

    /**
     * Removes tags from a stream ({@code RemoveTagsFromStream}); keys it does not have are ignored.
     *
     * @param streamNameOrArn the stream's name or ARN.
     * @param tagKeys         1 to 50 keys.
     */
    public void removeTagsFromStream(final String streamNameOrArn, final List<String> tagKeys) {
        removeTagsFromStream(new RemoveTagsFromStreamRequest(StreamRequest.of(streamNameOrArn), tagKeys));
    }

    /**
     * Removes tags from a stream ({@code RemoveTagsFromStream}).
     *
     * @param request the stream and the keys.
     */
    public void removeTagsFromStream(final RemoveTagsFromStreamRequest request) {
        ensureOpen();
        tagging.removeTagsFromStream(request);
    }

    /**
     * Lists a stream's tags by key ({@code ListTagsForStream}); a stream has at most 50, so one page holds
     * them all.
     *
     * @param streamNameOrArn the stream's name or ARN.
     * @return the tags.
     */
    public ListTagsForStreamResult listTagsForStream(final String streamNameOrArn) {
        return listTagsForStream(new ListTagsForStreamRequest(StreamRequest.of(streamNameOrArn), null, null));
    }

    /**
     * Lists a stream's tags by key, a page at a time ({@code ListTagsForStream}).
     *
     * @param request the stream, the key to list after and the page size (1 to 50).
     * @return the tags on the page, and whether more follow.
     */
    public ListTagsForStreamResult listTagsForStream(final ListTagsForStreamRequest request) {
        ensureOpen();
        return tagging.listTagsForStream(request);
    }

    /**
     * Adds tags to a stream named by ARN, or gives keys it has new values ({@code TagResource}).
     *
     * @param resourceARN the stream's ARN.
     * @param tags        1 to 200 tags by key, as {@link #addTagsToStream(String, Map)} takes them.
     */
    public void tagResource(final String resourceARN, final Map<String, String> tags) {
        tagResource(new TagResourceRequest(resourceARN, tags));
    }

    /**
     * Adds tags to a stream named by ARN ({@code TagResource}).
     *
     * @param request the ARN and the tags.
     */
    public void tagResource(final TagResourceRequest request) {
        ensureOpen();
        tagging.tagResource(request);
    }

    /**
     * Removes tags from a stream named by ARN ({@code UntagResource}); keys it does not have are ignored.
     *
     * @param resourceARN the stream's ARN.
     * @param tagKeys     1 to 50 keys.
     */
    public void untagResource(final String resourceARN, final List<String> tagKeys) {
        untagResource(new UntagResourceRequest(resourceARN, tagKeys));
    }

    /**
     * Removes tags from a stream named by ARN ({@code UntagResource}).
     *
     * @param request the ARN and the keys.
     */
    public void untagResource(final UntagResourceRequest request) {
        ensureOpen();
        tagging.untagResource(request);
    }

    /**
     * Lists every tag of a stream named by ARN, by key ({@code ListTagsForResource}).
     *
     * @param resourceARN the stream's ARN.
     * @return the tags.
     */
    public ListTagsForResourceResult listTagsForResource(final String resourceARN) {
        return listTagsForResource(new ListTagsForResourceRequest(resourceARN));
    }

    /**
     * Lists every tag of a stream named by ARN, by key ({@code ListTagsForResource}).
     *
     * @param request the ARN.
     * @return the tags.
     */
    public ListTagsForResourceResult listTagsForResource(final ListTagsForResourceRequest request) {
        ensureOpen();
        return tagging.listTagsForResource(request);
    }

    /**
     * Attaches a resource-based policy to a stream or consumer named by ARN, replacing any it has
     * ({@code PutResourcePolicy}). The policy is stored, survives a restart, and goes with its resource, but
     * it is not enforced: the broker evaluates no IAM, so every caller can still do everything. It is kept so
     * that code which manages policies, such as set-up for cross-account sharing, runs unchanged.
     *
     * @param resourceARN the ARN of the stream or consumer.
     * @param policy      the policy, a JSON object.
     */
    public void putResourcePolicy(final String resourceARN, final String policy) {
        putResourcePolicy(new PutResourcePolicyRequest(resourceARN, policy));
    }

    /**
     * Attaches a resource-based policy to a stream or consumer named by ARN ({@code PutResourcePolicy});
     * stored, not enforced.
     *
     * @param request the ARN and the policy.
     * @throws io.embeddedkinesis.core.exception.InvalidArgumentException if the policy is not a JSON object.
     */
    public void putResourcePolicy(final PutResourcePolicyRequest request) {
        ensureOpen();
        policies.putResourcePolicy(request);
    }

    /**
     * The resource-based policy of a stream or consumer named by ARN ({@code GetResourcePolicy}), as it was
     * put; {@code "{}"} if it has none.
     *
     * @param resourceARN the ARN of the stream or consumer.
     * @return the policy.
     */
    public GetResourcePolicyResult getResourcePolicy(final String resourceARN) {
        return getResourcePolicy(new GetResourcePolicyRequest(resourceARN));
    }

    /**
     * The resource-based policy of a stream or consumer named by ARN ({@code GetResourcePolicy}).
     *
     * @param request the ARN.
     * @return the policy as it was put, or {@code "{}"} if there is none.
     */
    public GetResourcePolicyResult getResourcePolicy(final GetResourcePolicyRequest request) {
        ensureOpen();
        return policies.getResourcePolicy(request);
    }

    /**
     * Removes the resource-based policy of a stream or consumer named by ARN ({@code DeleteResourcePolicy});
     * a resource without one is left as it is.
     *
     * @param resourceARN the ARN of the stream or consumer.
     */
    public void deleteResourcePolicy(final String resourceARN) {
        deleteResourcePolicy(new DeleteResourcePolicyRequest(resourceARN));
    }

    /**
     * Removes the resource-based policy of a stream or consumer named by ARN ({@code DeleteResourcePolicy}).
     *
     * @param request the ARN.
     */
    public void deleteResourcePolicy(final DeleteResourcePolicyRequest request) {
        ensureOpen();
        policies.deleteResourcePolicy(request);
    }

    /**
     * Describes the account's quotas and their use ({@code DescribeLimits}): the broker's shard limit and
     * its open shards, and the on-demand stream quota and how many streams are on-demand.
     *
     * @return the limits and counts.
     */
    public DescribeLimitsResult describeLimits() {
        ensureOpen();
        return new DescribeLimitsResult(config.shardLimit(), registry.openShardCount(),
            registry.onDemandStreamCount(), config.onDemandStreamCountLimit());
    }

    /**
     * Describes the account's settings ({@code DescribeAccountSettings}): its minimum throughput billing
     * commitment, which warm throughput needs. An account that never asked for one has none.
     *
     * @return the settings.
     */
    public AccountSettingsResult describeAccountSettings() {
        ensureOpen();
        return account.describe();
    }

    /**
     * Enables or disables the account's minimum throughput billing commitment ({@code UpdateAccountSettings}).
     * The broker bills nothing; the commitment is kept, survives a restart, and is what lets on-demand streams
     * have warm throughput. As in Kinesis, a commitment lasts at least 24 hours: disabling it sooner leaves it
     * {@code ENABLED_UNTIL_EARLIEST_ALLOWED_END}, and it becomes {@code DISABLED} by itself at its earliest
     * allowed end, on the broker's clock, unless enabled again before.
     *
     * @param status enable or disable.
     * @return the settings after the update.
     */
    public AccountSettingsResult updateAccountSettings(final MinimumThroughputBillingCommitmentInputStatus status) {
        return updateAccountSettings(UpdateAccountSettingsRequest.of(status));
    }

    /**
     * Enables or disables the account's minimum throughput billing commitment ({@code UpdateAccountSettings}).
     *
     * @param request the commitment asked for.
     * @return the settings after the update.
     */
    public AccountSettingsResult updateAccountSettings(final UpdateAccountSettingsRequest request) {
        ensureOpen();
        return account.update(request);
    }

    /**
     * Enables shard-level metrics for a stream's shards ({@code EnableEnhancedMonitoring}). They are
     * recorded in the broker's {@link BrokerConfig#metrics() metrics}, tagged with the shard's id.
     *
     * @param streamNameOrArn the stream's name or ARN.
     * @param metrics         1 to 7 metrics; {@link MetricsName#ALL} for all.
     * @return the metrics enabled before and after.
     */
    public EnhancedMonitoringResult enableEnhancedMonitoring(final String streamNameOrArn,
        final MetricsName... metrics) {
        return enableEnhancedMonitoring(EnhancedMonitoringRequest.of(streamNameOrArn, metrics));
    }

    /**
     * Enables shard-level metrics for a stream's shards ({@code EnableEnhancedMonitoring}).
     *
     * @param request the stream and the metrics.
     * @return the metrics enabled before and after.
     */
    public EnhancedMonitoringResult enableEnhancedMonitoring(final EnhancedMonitoringRequest request) {
        ensureOpen();
        return monitoring.enable(request);
    }

    /**
     * Disables shard-level metrics for a stream's shards ({@code DisableEnhancedMonitoring}); their meters
     * are removed from the registry.
     *
     * @param streamNameOrArn the stream's name or ARN.
     * @param metrics         1 to 7 metrics; {@link MetricsName#ALL} for all.
     * @return the metrics enabled before and after.
     */
    public EnhancedMonitoringResult disableEnhancedMonitoring(final String streamNameOrArn,
        final MetricsName... metrics) {
        return disableEnhancedMonitoring(EnhancedMonitoringRequest.of(streamNameOrArn, metrics));
    }

    /**
     * Disables shard-level metrics for a stream's shards ({@code DisableEnhancedMonitoring}).
     *
     * @param request the stream and the metrics.
     * @return the metrics enabled before and after.
     */
    public EnhancedMonitoringResult disableEnhancedMonitoring(final EnhancedMonitoringRequest request) {
        ensureOpen();
        return monitoring.disable(request);
    }

    /**
     * What a stream has used since this broker opened it, in the units AWS bills a provisioned stream by
     * (shard-hours, PUT payload units, bytes read), and its cost at {@link BrokerConfig#usagePrices()}: an
     * estimate of what the workload would cost on AWS. Not a Kinesis operation.
     *
     * @param streamNameOrArn the stream's name or ARN.
     * @return the usage.
     */
    public StreamUsage usage(final String streamNameOrArn) {
        ensureOpen();
        return catalog.usage(StreamRequest.of(streamNameOrArn));
    }

    /**
     * Deletes, now, the log files that hold only records past their stream's retention period, and
     * completes delayed stream deletions that are due. The broker does this on its housekeeping thread
     * every {@link BrokerConfig#housekeepingIntervalMs()}; call it to reclaim space at once, e.g. in a test
     * after moving the clock. Expired records are never returned, whether or not their files are gone.
     *
     * @return the number of log files deleted.
     */
    public int enforceRetention() {
        ensureOpen();
        return registry.enforceRetention();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the broker is closed: directory=" + directory.path());
        }
    }

    /**
     * Completes every {@code SubscribeToShard} subscription, stops the broker's threads and closes every log;
     * idempotent. A temporary directory is deleted.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            subscriptions.close();
            if (housekeeping != null) {
                housekeeping.close();
            }
            registry.close();
        } finally {
            directory.close();
        }
        LOG.info("Kinesis broker closed on {}", directory.path().toAbsolutePath());
    }
}
