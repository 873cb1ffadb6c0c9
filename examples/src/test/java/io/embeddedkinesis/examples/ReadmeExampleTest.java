package io.embeddedkinesis.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.OnDemandScaling;
import io.embeddedkinesis.core.ShardLimits;
import io.embeddedkinesis.core.application.ApplicationConfig;
import io.embeddedkinesis.core.application.ConsumerApplication;
import io.embeddedkinesis.core.application.InitialPosition;
import io.embeddedkinesis.core.application.InitializationInput;
import io.embeddedkinesis.core.application.KinesisClientRecord;
import io.embeddedkinesis.core.application.Lease;
import io.embeddedkinesis.core.application.LeaseLostInput;
import io.embeddedkinesis.core.application.PollingConfig;
import io.embeddedkinesis.core.application.ProcessRecordsInput;
import io.embeddedkinesis.core.application.ShardEndedInput;
import io.embeddedkinesis.core.application.ShardRecordProcessor;
import io.embeddedkinesis.core.application.ShutdownRequestedInput;
import io.embeddedkinesis.core.application.Worker;
import io.embeddedkinesis.core.junit.EmbeddedKinesis;
import io.embeddedkinesis.core.junit.KinesisStream;
import io.embeddedkinesis.core.junit.StreamReader;
import io.embeddedkinesis.core.junit.TestClock;
import io.embeddedkinesis.core.kpl.DeaggregatedRecord;
import io.embeddedkinesis.core.kpl.RecordAggregator;
import io.embeddedkinesis.core.kpl.RecordDeaggregator;
import io.embeddedkinesis.core.kpl.UserRecord;
import io.embeddedkinesis.core.kpl.UserRecordResult;
import io.embeddedkinesis.core.log.Durability;
import io.embeddedkinesis.core.log.SequenceNumberFormatter;
import io.embeddedkinesis.core.metrics.BrokerMetrics;
import io.embeddedkinesis.core.metrics.StreamUsage;
import io.embeddedkinesis.core.metrics.UsagePrices;
import io.embeddedkinesis.core.model.Consumer;
import io.embeddedkinesis.core.model.CreateStreamRequest;
import io.embeddedkinesis.core.model.DescribeLimitsResult;
import io.embeddedkinesis.core.model.EncryptionType;
import io.embeddedkinesis.core.model.GetRecordsResult;
import io.embeddedkinesis.core.model.ListShardsRequest;
import io.embeddedkinesis.core.model.MetricsName;
import io.embeddedkinesis.core.model.PutRecordResult;
import io.embeddedkinesis.core.model.PutRecordsRequestEntry;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.model.Shard;
import io.embeddedkinesis.core.model.ShardFilter;
import io.embeddedkinesis.core.model.ShardFilterType;
import io.embeddedkinesis.core.model.ShardIteratorType;
import io.embeddedkinesis.core.model.StartingPosition;
import io.embeddedkinesis.core.model.SubscribeToShardEvent;
import io.embeddedkinesis.core.model.Tag;
import io.embeddedkinesis.core.trigger.EventSourceMapping;
import io.embeddedkinesis.core.trigger.EventSourceMappingConfig;
import io.embeddedkinesis.core.trigger.EventSourcePosition;
import io.embeddedkinesis.core.trigger.FunctionResponseType;
import io.embeddedkinesis.server.KinesisServer;
import io.embeddedkinesis.server.ServerConfig;
import io.embeddedkinesis.server.junit.KinesisEndpoint;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEventStream;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the code examples of the repository's {@code README.md} compiling and true. The code between each
 * pair of markers below is a README example, line for line, plus lines starting with {@code assertThat}
 * that only the test has; {@link #shouldShowTheCodeOfThisTestInTheReadme} checks that the two stay the
 * same.
 */
class ReadmeExampleTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path THIS_FILE =
        Path.of("src", "test", "java", "io", "embeddedkinesis", "examples", "ReadmeExampleTest.java");
    private static final String JSON = "{\"userId\":\"user-42\",\"page\":\"/home\"}";

    @Test
    @Timeout(30)
    void shouldPutAndReadARecordAsTheReadmeShows(@TempDir final Path directory) {
        // README example usage: begin
        try (KinesisBroker kinesis = KinesisBroker.open(directory)) {   // e.g. Path.of("embedded-kinesis-data")
            kinesis.createStream("clicks", 2);
            byte[] data = "{\"userId\":\"user-42\",\"page\":\"/home\"}".getBytes(StandardCharsets.UTF_8);
            PutRecordResult put = kinesis.putRecord("clicks", "user-42", data);

            String iterator = kinesis.getShardIterator("clicks", put.shardId(), ShardIteratorType.TRIM_HORIZON);
            GetRecordsResult result = kinesis.getRecords(iterator);
            assertThat(result.records()).extracting(Record::sequenceNumber).containsExactly(put.sequenceNumber());
            for (Record record : result.records()) {
                System.out.println(record.sequenceNumber() + " " + new String(record.data(), StandardCharsets.UTF_8));
            }
            iterator = result.nextShardIterator();   // read on from here, at most 5 calls a second per shard
            assertThat(kinesis.getRecords(iterator).records()).isEmpty();
        }
        // README example usage: end

        try (KinesisBroker reopened = KinesisBroker.open(directory)) {
            final List<String> kept = new ArrayList<>();
            for (final Shard shard : reopened.listShards("clicks").shards()) {
                final GetRecordsResult read = reopened.getRecords(
                    reopened.getShardIterator("clicks", shard.shardId(), ShardIteratorType.TRIM_HORIZON));
                read.records().forEach(record -> kept.add(new String(record.data(), StandardCharsets.UTF_8)));
            }
            assertThat(kept).as("the record survives reopening the directory").containsExactly(JSON);
        }
    }

    @Test
    @Timeout(30)
    void shouldWriteSequenceNumbersAsDigitsAsTheReadmeShows() {
        // README example formatter: begin
        try (KinesisBroker kinesis = KinesisBroker.open()) {
            kinesis.createStream("clicks", 1);
            kinesis.putRecords("clicks", List.of(PutRecordsRequestEntry.of("user-1", new byte[] {1}),
                PutRecordsRequestEntry.of("user-2", new byte[] {2})));
            String shardId = "shardId-000000000000";
            String iterator = kinesis.getShardIterator("clicks", shardId, ShardIteratorType.TRIM_HORIZON);
            SequenceNumberFormatter digits = new SequenceNumberFormatter();   // one per response
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Record record : kinesis.getRecords(iterator).records()) {
                out.writeBytes(record.sequenceNumber(digits));   // the formatter's buffer, valid until its next call
                out.write('\n');
            }
            assertThat(out.toString(StandardCharsets.US_ASCII).lines().toList()).containsExactlyElementsOf(
                kinesis.getRecords(iterator).records().stream().map(Record::sequenceNumber).toList());
        }
        // README example formatter: end
    }

    @Test
    @Timeout(30)
    void shouldConfigureABrokerAndExpireRecordsAsTheReadmeShows(@TempDir final Path directory) {
        // README example config: begin
        CachedEpochClock clock = new CachedEpochClock();            // org.agrona.concurrent
        clock.update(System.currentTimeMillis());
        BrokerConfig config = BrokerConfig.builder()
            .directory(directory)                   // null (the default): a temporary directory, deleted on close
            .clock(clock)                           // every time the broker uses comes from here
            .shardLimits(ShardLimits.NONE)          // no throttling; the default is ShardLimits.KINESIS_DEFAULTS
            .durability(Durability.FSYNC_INTERVAL)  // default PAGE_CACHE
            .minimumRetentionPeriodHours(1)         // allow retention below Kinesis's 24 hours
            .build();
        try (KinesisBroker kinesis = KinesisBroker.open(config)) {
            kinesis.createStream("clicks", 1);
            kinesis.decreaseStreamRetentionPeriod("clicks", 1);
            kinesis.putRecord("clicks", "user-42", new byte[] {1});
            assertThat(kinesis.getRecords(kinesis.getShardIterator("clicks", "shardId-000000000000",
                ShardIteratorType.TRIM_HORIZON)).records()).hasSize(1);
            clock.advance(TimeUnit.HOURS.toMillis(2));              // the record is now past retention
            String shardId = kinesis.listShards("clicks").shards().get(0).shardId();
            String iterator = kinesis.getShardIterator("clicks", shardId, ShardIteratorType.TRIM_HORIZON);
            List<Record> records = kinesis.getRecords(iterator).records();   // empty: the record expired
            assertThat(records).isEmpty();
        }
        // README example config: end
    }

    @Test
    @Timeout(30)
    void shouldServeTheAwsSdkAsTheReadmeShows() {
        // README example server: begin
        try (KinesisBroker broker = KinesisBroker.open();
             KinesisServer server = KinesisServer.start(broker, ServerConfig.builder().build());
             KinesisClient kinesis = KinesisClient.builder()
                 .endpointOverride(server.endpoint())      // or URI.create("http://127.0.0.1:4567")
                 .region(Region.US_EAST_1)
                 .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                 .build()) {
            kinesis.createStream(b -> b.streamName("clicks").shardCount(1));
            kinesis.putRecord(b -> b.streamName("clicks").partitionKey("user-42").data(SdkBytes.fromUtf8String("hi")));
            assertThat(kinesis.listShards(b -> b.streamName("clicks")).shards()).hasSize(1);
            assertThat(broker.getRecords(broker.getShardIterator("clicks", "shardId-000000000000",
                ShardIteratorType.TRIM_HORIZON)).records()).extracting(Record::partitionKey).containsExactly("user-42");
        }
        // README example server: end
    }

    @Test
    @Timeout(60)
    void shouldSubscribeTheSdkAsyncClientAsTheReadmeShows() throws InterruptedException {
        try (KinesisBroker broker = KinesisBroker.open();
             KinesisServer server = KinesisServer.start(broker, ServerConfig.builder().build())) {
            broker.createStream("clicks", 1);
            broker.putRecord("clicks", "user-42", JSON.getBytes(StandardCharsets.UTF_8));
            final String consumerArn = broker.registerStreamConsumer(
                broker.describeStreamSummary("clicks").streamARN(), "dashboard").consumerARN();
            final AwsCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
            // README example fanoutsdk: begin
            KinesisAsyncClient kinesis = KinesisAsyncClient.builder().endpointOverride(server.endpoint())
                .region(Region.US_EAST_1).credentialsProvider(credentials).build();   // Netty, HTTP/2
            BlockingQueue<SubscribeToShardEventStream> events = new LinkedBlockingQueue<>();
            kinesis.subscribeToShard(b -> b.consumerARN(consumerArn).shardId("shardId-000000000000")
                    .startingPosition(p -> p.type("TRIM_HORIZON")),
                SubscribeToShardResponseHandler.builder()
                    .subscriber(events::add)                     // SubscribeToShardEvents, as from Amazon Kinesis
                    .build());
            // README example fanoutsdk: end
            final var event = (software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent)
                events.poll(30, TimeUnit.SECONDS);
            assertThat(event).isNotNull();
            assertThat(event.records()).extracting(r -> r.data().asUtf8String()).containsExactly(JSON);
            kinesis.close();
        }
    }

    @Test
    @Timeout(30)
    void shouldExportMetricsAndUsageAsTheReadmeShows() {
        // README example metrics: begin
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        BrokerConfig config = BrokerConfig.builder()
            .metrics(BrokerMetrics.micrometer(registry))          // default BrokerMetrics.none(): no metrics, no cost
            .usagePrices(UsagePrices.of("0.015", "0.014", "0"))   // per shard-hour, million PUT payload units, GiB read
            .build();
        try (KinesisBroker kinesis = KinesisBroker.open(config)) {
            kinesis.createStream("clicks", 2);
            kinesis.enableEnhancedMonitoring("clicks", MetricsName.ALL);   // shard-level meters as well
            kinesis.putRecord("clicks", "user-42", new byte[] {1});
            String scrape = registry.scrape();                    // serve this at /metrics for Prometheus to scrape
            assertThat(scrape).contains("IncomingRecords_total{ShardId=\"\",StreamName=\"clicks\"} 1.0");
            assertThat(scrape).contains("PutRecord_Success_total{StreamName=\"clicks\"} 1.0",
                "PutRecord_Latency_seconds_count{StreamName=\"clicks\"}",
                "IncomingRecords_total{ShardId=\"shardId-000000000001\",StreamName=\"clicks\"}",
                "GetRecords_IteratorAgeMilliseconds{StreamName=\"clicks\"} 0");
            StreamUsage usage = kinesis.usage("clicks");
            assertThat(usage.putPayloadUnits()).isEqualTo(1);
            System.out.println(usage.shardHours() + " shard-hours, " + usage.putPayloadUnits() + " PUT payload units, "
                + usage.bytesRead() + " bytes read: " + usage.estimatedCost() + " USD");
        }
        // README example metrics: end
        assertThat(registry.getMeters()).as("the broker removes its meters when it closes").isEmpty();
    }

    @Test
    @Timeout(60)
    void shouldReshardAndScaleOnDemandAsTheReadmeShows() {
        // README example resharding: begin
        CachedEpochClock clock = new CachedEpochClock();
        clock.update(System.currentTimeMillis());
        BrokerConfig config = BrokerConfig.builder()
            .clock(clock)
            .housekeepingIntervalMs(0)      // no background thread: this example scales on-demand streams itself
            .onDemandScaling(OnDemandScaling.DEFAULTS.withScaleUp(0.8, 10_000))   // hot after 10 s, not 60 s
            .build();
        try (KinesisBroker kinesis = KinesisBroker.open(config)) {
            kinesis.createStream("orders", 2);                     // shards 0 and 1, each half of the key space
            kinesis.splitShard("orders", "shardId-000000000000", "85070591730234615865843651857942052864");
            kinesis.mergeShards("orders", "shardId-000000000002", "shardId-000000000003");   // into shard 4
            kinesis.updateShardCount("orders", 4);                 // UNIFORM_SCALING, by splits and merges
            List<Shard> open = kinesis.listShards(ListShardsRequest.of("orders", null)
                .withShardFilter(new ShardFilter(ShardFilterType.AT_LATEST, null, null))).shards();
            assertThat(open).hasSize(4);

            kinesis.createStream(CreateStreamRequest.onDemand("clicks"));   // 4 shards to start with
            List<PutRecordsRequestEntry> batch = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                batch.add(PutRecordsRequestEntry.of("user-" + i, new byte[100]));
            }
            for (int second = 0; second < 15; second++) {         // 6,000 records a second: 1,500 a shard
                for (int call = 0; call < 12; call++) {
                    kinesis.putRecords("clicks", batch);           // records over a shard's limit are throttled
                }
                clock.advance(1_000);
                kinesis.scaleOnDemandStreams();                    // the housekeeping thread does this every second
            }
            int shards = kinesis.describeStreamSummary("clicks").openShardCount();   // 8 or more: hot shards split
            assertThat(shards).isGreaterThanOrEqualTo(8);
        }
        // README example resharding: end
    }

    @Test
    @Timeout(30)
    void shouldEncryptStreamsAsTheReadmeShows() {
        try (KinesisBroker kinesis = KinesisBroker.open()) {
            // README example encryption: begin
            kinesis.createStream("payments", 1);
            kinesis.startStreamEncryption("payments", "alias/aws/kinesis");   // any key id: no KMS is called
            PutRecordResult put = kinesis.putRecord("payments", "card-42", "charge".getBytes(UTF_8));
            EncryptionType type = put.encryptionType();                       // KMS, as on records read back
            assertThat(type).isEqualTo(EncryptionType.KMS);
            kinesis.stopStreamEncryption("payments", "alias/aws/kinesis");    // later records: NONE
            // README example encryption: end
            assertThat(kinesis.describeStreamSummary("payments").encryptionType()).isEqualTo(EncryptionType.NONE);
        }
    }

    @Test
    @Timeout(30)
    void shouldTagStreamsAsTheReadmeShows() {
        try (KinesisBroker kinesis = KinesisBroker.open()) {
            // README example tags: begin
            kinesis.createStream(CreateStreamRequest.of("clicks", 2).withTags(Map.of("team", "web")));
            kinesis.addTagsToStream("clicks", Map.of("env", "test"));      // a key the stream has gets the new value
            List<Tag> tags = kinesis.listTagsForStream("clicks").tags();  // env=test, team=web: by key
            assertThat(tags).containsExactly(new Tag("env", "test"), new Tag("team", "web"));
            kinesis.removeTagsFromStream("clicks", List.of("env"));       // keys the stream lacks are ignored
            kinesis.tagResource("arn:aws:kinesis:us-east-1:000000000000:stream/clicks", Map.of("tier", "gold"));
            DescribeLimitsResult limits = kinesis.describeLimits();       // ShardLimit 500, OpenShardCount 2, ...
            assertThat(limits.openShardCount()).isEqualTo(2);
            // README example tags: end
            assertThat(kinesis.listTagsForStream("clicks").tags())
                .containsExactly(new Tag("team", "web"), new Tag("tier", "gold"));
        }
    }

    @Timeout(30)
    // README example junit: begin
    @Test
    @EmbeddedKinesis(streams = @KinesisStream(name = "orders", shards = 2))   // a broker and stream for this test
    void shouldSeeWhatTheServicePut(KinesisBroker kinesis, TestClock clock, StreamReader reader) {
        byte[] paid = "paid".getBytes(StandardCharsets.UTF_8);
        new Thread(() -> kinesis.putRecord("orders", "order-1", paid)).start();   // e.g. the code under test
        Record order = reader.awaitRecord("orders", r -> r.partitionKey().equals("order-1"), Duration.ofSeconds(10));
        assertThat(order.data()).isEqualTo(paid);
        clock.advance(Duration.ofHours(25));                      // the broker's time: past the 24-hour retention
        List<Record> kept = reader.readAll("orders");             // every shard, parents first: empty now
        assertThat(kept).isEmpty();
    }
    // README example junit: end

    @Timeout(30)
    // README example sdkjunit: begin
    @Test
    @EmbeddedKinesis(streams = @KinesisStream(name = "orders"))
    @KinesisEndpoint(configureSdk = true)           // SDK clients built with no endpoint reach this test's broker
    void shouldSeeWhatTheSdkPut(StreamReader reader) {
        try (KinesisClient sdk = KinesisClient.create()) {   // as production code builds it: no endpoint, region, keys
            sdk.putRecord(b -> b.streamName("orders").partitionKey("order-1").data(SdkBytes.fromUtf8String("paid")));
        }
        Record order = reader.awaitRecord("orders", r -> r.partitionKey().equals("order-1"), Duration.ofSeconds(10));
        assertThat(order.data()).isEqualTo("paid".getBytes(StandardCharsets.UTF_8));
    }
    // README example sdkjunit: end

    @Test
    @Timeout(30)
    void shouldAggregateAndDeaggregateAsTheReadmeShows() {
        try (KinesisBroker kinesis = KinesisBroker.open()) {
            // README example kpl: begin
            kinesis.createStream("clicks", 2);
            List<UserRecord> records = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                byte[] data = ("{\"click\":" + i + "}").getBytes(StandardCharsets.UTF_8);
                records.add(UserRecord.of("user-" + i % 10, data));   // 10 keys, 100 small records
            }
            RecordAggregator aggregator = new RecordAggregator();   // aggregates of up to 51,200 bytes, as in the KPL
            List<UserRecordResult> results = aggregator.putRecords(kinesis, "clicks", records);   // one a user record
            assertThat(results).hasSize(100).allMatch(UserRecordResult::isSuccessful);
            for (Shard shard : kinesis.listShards("clicks").shards()) {
                String iterator =
                    kinesis.getShardIterator("clicks", shard.shardId(), ShardIteratorType.TRIM_HORIZON);
                List<Record> page = kinesis.getRecords(iterator).records();   // one aggregate a shard
                assertThat(page).hasSize(1);
                for (DeaggregatedRecord user : RecordDeaggregator.deaggregate(page, shard.hashKeyRange())) {
                    System.out.println(user.partitionKey() + " " + new String(user.data(), StandardCharsets.UTF_8));
                }
            }
            // README example kpl: end
            final List<String> read = new ArrayList<>();
            for (final Shard shard : kinesis.listShards("clicks").shards()) {
                final String iterator =
                    kinesis.getShardIterator("clicks", shard.shardId(), ShardIteratorType.TRIM_HORIZON);
                RecordDeaggregator.deaggregate(kinesis.getRecords(iterator).records(), shard.hashKeyRange())
                    .forEach(user -> read.add(new String(user.data(), StandardCharsets.UTF_8)));
            }
            assertThat(read).hasSize(100).contains("{\"click\":0}", "{\"click\":99}");
        }
    }

    @Test
    @Timeout(60)
    void shouldRunAConsumerApplicationAsTheReadmeShows() {
        try (KinesisBroker kinesis = KinesisBroker.open()) {
            kinesis.createStream("clicks", 2);
            kinesis.putRecord("clicks", "user-42", "home".getBytes(StandardCharsets.UTF_8));
            // README example consumer: begin
            class PrintingProcessor implements ShardRecordProcessor {
                public void initialize(InitializationInput input) { }
                public void processRecords(ProcessRecordsInput input) {
                    for (KinesisClientRecord record : input.records()) {
                        System.out.println(record.partitionKey() + " " + new String(record.data(), UTF_8));
                    }
                    input.checkpointer().checkpoint();            // a restart or failover resumes after these
                }
                public void leaseLost(LeaseLostInput input) { }  // another worker has the shard now
                public void shardEnded(ShardEndedInput input) {
                    input.checkpointer().checkpoint();            // required: the shard's children start after it
                }
                public void shutdownRequested(ShutdownRequestedInput input) {
                    input.checkpointer().checkpoint();
                }
            }
            ApplicationConfig config = ApplicationConfig.builder("printer", "clicks", id -> new PrintingProcessor())
                .initialPosition(InitialPosition.TRIM_HORIZON)   // shards without a checkpoint; the default is LATEST
                .retrievalFactory(new PollingConfig(10_000, 200)) // KCL's PollingConfig; default 10,000 and 1,500 ms
                .build();
            try (ConsumerApplication app = ConsumerApplication.open(kinesis, config)) {
                Worker first = app.startWorker("worker-1");     // on its own thread; workers share the shards
                Worker second = app.startWorker("worker-2");
                // ... the program goes on; the workers process and checkpoint in the background
                assertThat(awaitCheckpoint(app)).isTrue();
                List<Lease> leases = app.leases();               // owner, counter, checkpoint, parents... per shard
            }                                                    // workers shut down and release their leases
            // README example consumer: end
            assertThat(kinesis.directory().resolve("applications").resolve("printer")).isDirectory();
        }
    }

    /** Waits, at most 30 seconds, for the workers on their threads to checkpoint a record. */
    private static boolean awaitCheckpoint(final ConsumerApplication app) {
        final long giveUpNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < giveUpNs) {
            if (app.leases().stream().anyMatch(lease -> !lease.checkpoint().isSentinel())) {
                return true;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return false;
    }

    @Test
    @Timeout(30)
    void shouldPushRecordsToASubscriberAsTheReadmeShows() throws InterruptedException {
        try (KinesisBroker kinesis = KinesisBroker.open()) {
            // README example fanout: begin
            kinesis.createStream("clicks", 1);
            String streamArn = kinesis.describeStreamSummary("clicks").streamARN();
            Consumer consumer = kinesis.registerStreamConsumer(streamArn, "dashboard");   // ACTIVE at once
            BlockingQueue<String> pages = new LinkedBlockingQueue<>();
            kinesis.subscribeToShard(consumer.consumerARN(), "shardId-000000000000", StartingPosition.latest())
                .subscribe(new Flow.Subscriber<SubscribeToShardEvent>() {
                    private Flow.Subscription subscription;

                    @Override
                    public void onSubscribe(Flow.Subscription given) {
                        subscription = given;
                        subscription.request(1);                  // one event at a time
                    }

                    @Override
                    public void onNext(SubscribeToShardEvent event) {   // on the broker's fan-out thread
                        event.records().forEach(r -> pages.add(new String(r.data(), StandardCharsets.UTF_8)));
                        subscription.request(1);
                    }

                    @Override
                    public void onError(Throwable error) {        // the consumer or stream went away
                        error.printStackTrace();
                    }

                    @Override
                    public void onComplete() {                    // after 5 minutes: subscribe again, after
                    }                                             // the last continuationSequenceNumber
                });
            kinesis.putRecord("clicks", "user-42", JSON.getBytes(StandardCharsets.UTF_8));
            String page = pages.poll(10, TimeUnit.SECONDS);       // pushed within microseconds of the put
            assertThat(page).isEqualTo(JSON);
            // README example fanout: end
        }
    }

    @Test
    @Timeout(30)
    void shouldRunALambdaHandlerOnAStreamAsTheReadmeShows() {
        try (KinesisBroker kinesis = KinesisBroker.open()) {
            // README example triggers: begin
            kinesis.createStream("orders", 2);
            kinesis.createStream("orders-failed", 1);
            EventSourceMappingConfig config = EventSourceMappingConfig
                .builder("order-handler", "orders", EventSourcePosition.TRIM_HORIZON)   // function name, stream, start
                .batchSize(500)                                   // up to 10,000 records and 6 MB an invocation
                .maximumBatchingWindowInSeconds(1)                // or wait up to a second to fill a batch
                .parallelizationFactor(2)                         // two batches of a shard at once, each key in order
                .bisectBatchOnFunctionError(true)                 // halve a failing batch to isolate a bad record
                .maximumRetryAttempts(3)                          // then report the batch and move on:
                .onFailureDestination("orders-failed")            // Lambda's on-failure record, into another stream
                .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES)
                .build();
            try (EventSourceMapping mapping = EventSourceMapping.start(kinesis, config, new OrderHandler())) {
                String functionArn = mapping.functionArn();       // arn:aws:lambda:...:function:order-handler
                kinesis.putRecord("orders", "customer-7", "{\"order\":1}".getBytes(StandardCharsets.UTF_8));
                assertThat(OrderHandler.awaitOrders(1)).containsExactly("{\"order\":1}");
            }
            // README example triggers: end
        }
    }

    /** The README's Lambda function, as a user writes it: it collects the orders it is given. */
    static final class OrderHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {
        private static final List<String> ORDERS = new CopyOnWriteArrayList<>();

        @Override
        public StreamsEventResponse handleRequest(final KinesisEvent event, final Context context) {
            for (final KinesisEvent.KinesisEventRecord record : event.getRecords()) {
                ORDERS.add(StandardCharsets.UTF_8.decode(record.getKinesis().getData()).toString());
            }
            return new StreamsEventResponse(List.of());
        }

        /** The orders handled, once there are this many (or after 20 s, whatever there are). */
        static List<String> awaitOrders(final int count) {
            final long giveUpNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (ORDERS.size() < count && System.nanoTime() < giveUpNs) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            return List.copyOf(ORDERS);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "usage", "formatter", "config", "server", "metrics", "resharding", "tags", "encryption", "junit", "sdkjunit",
        "consumer", "kpl", "fanout", "fanoutsdk", "triggers"})
    void shouldShowTheCodeOfThisTestInTheReadme(final String example) throws IOException {
        final List<String> readme = Files.readAllLines(README);
        final List<String> test = Files.readAllLines(THIS_FILE);

        assertThat(readmeExample(readme, example)).isEqualTo(testExample(test, example));
    }

    /** The lines of the first {@code java} block after the README's marker for the example, without fences. */
    private static List<String> readmeExample(final List<String> readme, final String example) {
        final int marker = indexOf(readme, "<!-- ReadmeExampleTest: " + example + " -->", 0);
        final int open = indexOf(readme, "```java", marker + 1);
        final int close = indexOf(readme, "```", open + 1);
        return unindent(readme.subList(open + 1, close));
    }

    /** The lines between this file's markers for the example, without the test's own assertions. */
    private static List<String> testExample(final List<String> test, final String example) {
        final int begin = indexOf(test, "// README example " + example + ": begin", 0);
        final int end = indexOf(test, "// README example " + example + ": end", begin + 1);
        final List<String> lines = new ArrayList<>();
        boolean inAssertion = false;
        for (final String line : test.subList(begin + 1, end)) {
            // An assertion may wrap onto more lines; it ends with the line that ends its statement.
            inAssertion = inAssertion || line.trim().startsWith("assertThat(");
            if (!inAssertion) {
                lines.add(line);
            }
            inAssertion = inAssertion && !line.trim().endsWith(";");
        }
        return unindent(lines);
    }

    private static int indexOf(final List<String> lines, final String trimmedLine, final int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).trim().equals(trimmedLine)) {
                return i;
            }
        }
        throw new AssertionError("no line '" + trimmedLine + "' from line " + (from + 1));
    }

    private static List<String> unindent(final List<String> lines) {
        final int indent = lines.stream().filter(line -> !line.isBlank())
            .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        return lines.stream().map(line -> line.isBlank() ? "" : line.substring(indent).stripTrailing()).toList();
    }
}
