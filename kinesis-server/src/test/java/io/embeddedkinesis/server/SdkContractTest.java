package io.embeddedkinesis.server;

import io.embeddedkinesis.server.protocol.WireFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryResponse;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.ExpiredNextTokenException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ListStreamsResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescription;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.UpdateMaxRecordSizeResponse;
import software.amazon.awssdk.services.kinesis.model.UpdateShardCountResponse;
import software.amazon.awssdk.services.kinesis.model.ValidationException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every operation the endpoint serves, driven by the AWS SDK for Java v2 sync client, with results and
 * errors as the SDK sees them; runs once per wire encoding.
 */
abstract class SdkContractTest extends SdkTestSupport {
    private static final String SHARD_0 = "shardId-000000000000";

    @AfterEach
    void shouldHaveSpokenTheEncodingUnderTest() {
        assertThat(contentTypesSent).containsOnly(format().contentType());
    }

    @Test
    void shouldCreateDescribeListAndDeleteStreams() {
        kinesis.createStream(b -> b.streamName("orders").shardCount(3));

        final StreamDescription description = kinesis.describeStream(b -> b.streamName("orders")).streamDescription();
        final DescribeStreamSummaryResponse summary = kinesis.describeStreamSummary(b -> b.streamName("orders"));
        final ListStreamsResponse list = kinesis.listStreams(b -> { });

        assertThat(description.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(description.streamARN()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/orders");
        assertThat(description.streamCreationTimestamp()).isEqualTo(Instant.ofEpochMilli(START_MS));
        assertThat(description.retentionPeriodHours()).isEqualTo(24);
        assertThat(description.hasMoreShards()).isFalse();
        assertThat(description.shards()).extracting(Shard::shardId)
            .containsExactly(SHARD_0, "shardId-000000000001", "shardId-000000000002");
        assertThat(description.shards().get(2).hashKeyRange().endingHashKey())
            .isEqualTo("340282366920938463463374607431768211455");
        assertThat(summary.streamDescriptionSummary().openShardCount()).isEqualTo(3);
        assertThat(summary.streamDescriptionSummary().streamModeDetails().streamModeAsString()).isEqualTo(
            "PROVISIONED");
        assertThat(list.streamNames()).containsExactly("orders");
        assertThat(list.streamSummaries().get(0).streamARN()).isEqualTo(description.streamARN());

        kinesis.deleteStream(b -> b.streamName("orders"));
        assertThat(kinesis.listStreams(b -> { }).streamNames()).isEmpty();
    }

    @Test
    void shouldRoundTripRecordsExactly() {
        kinesis.createStream(b -> b.streamName("s").shardCount(1));
        clock.advance(42);
        final byte[] binary = {0, 1, -1, 127, -128, 10, 13};
        final PutRecordResponse first = kinesis.putRecord(b -> b.streamName("s").partitionKey("clé-ü")
            .data(SdkBytes.fromByteArray(binary)));
        final PutRecordsResponse batch = kinesis.putRecords(b -> b.streamName("s").records(
            PutRecordsRequestEntry.builder().partitionKey("a").data(SdkBytes.fromUtf8String("two")).build(),
            PutRecordsRequestEntry.builder().partitionKey("b").data(SdkBytes.fromUtf8String("")).build()));

        final GetRecordsResponse read = kinesis.getRecords(b -> b.shardIterator(iterator("s", SHARD_0)));

        assertThat(first.shardId()).isEqualTo(SHARD_0);
        assertThat(batch.failedRecordCount()).isZero();
        assertThat(read.records()).extracting(Record::partitionKey).containsExactly("clé-ü", "a", "b");
        assertThat(read.records().get(0).data().asByteArray()).isEqualTo(binary);
        assertThat(read.records().get(1).data().asUtf8String()).isEqualTo("two");
        assertThat(read.records().get(2).data().asByteArray()).isEmpty();
        assertThat(read.records().get(0).sequenceNumber()).isEqualTo(first.sequenceNumber());
        assertThat(read.records().get(1).sequenceNumber()).isEqualTo(batch.records().get(0).sequenceNumber());
        assertThat(read.records().get(0).approximateArrivalTimestamp()).isEqualTo(Instant.ofEpochMilli(START_MS + 42));
        assertThat(read.millisBehindLatest()).isZero();
        assertThat(read.nextShardIterator()).isNotBlank();
    }

    @Test
    void shouldReadFromEveryIteratorType() {
        kinesis.createStream(b -> b.streamName("s").shardCount(1));
        final List<String> sequences = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            final int n = i;
            sequences.add(kinesis.putRecord(b -> b.streamName("s").partitionKey("k")
                .data(SdkBytes.fromUtf8String("r" + n))).sequenceNumber());
            clock.advance(1_000);
        }

        final String at = kinesis.getShardIterator(b -> b.streamName("s").shardId(SHARD_0)
            .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber(sequences.get(1)))
            .shardIterator();
        final String after = kinesis.getShardIterator(b -> b.streamName("s").shardId(SHARD_0)
            .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).startingSequenceNumber(sequences.get(1)))
            .shardIterator();
        final String atTime = kinesis.getShardIterator(b -> b.streamName("s").shardId(SHARD_0)
            .shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(Instant.ofEpochMilli(START_MS + 2_000)))
            .shardIterator();
        final String latest = kinesis.getShardIterator(b -> b.streamName("s").shardId(SHARD_0)
            .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();

        assertThat(texts(kinesis.getRecords(b -> b.shardIterator(at)))).containsExactly("r1", "r2", "r3");
        assertThat(texts(kinesis.getRecords(b -> b.shardIterator(after)))).containsExactly("r2", "r3");
        assertThat(texts(kinesis.getRecords(b -> b.shardIterator(atTime)))).containsExactly("r2", "r3");
        assertThat(texts(kinesis.getRecords(b -> b.shardIterator(latest)))).isEmpty();
    }

    @Test
    void shouldAnswerAtOnceWithNothingForATimestampAfterTheNewestRecord() {
        kinesis.createStream(b -> b.streamName("s").shardCount(1));
        kinesis.putRecord(b -> b.streamName("s").partitionKey("k").data(SdkBytes.fromUtf8String("old")));
        clock.advance(10_000);

        final String iterator = kinesis.getShardIterator(b -> b.streamName("s").shardId(SHARD_0)
            .shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(Instant.ofEpochMilli(clock.time())))
            .shardIterator();
        final GetRecordsResponse empty = kinesis.getRecords(b -> b.shardIterator(iterator));

        assertThat(empty.records()).isEmpty();
        assertThat(empty.millisBehindLatest()).isZero();
        kinesis.putRecord(b -> b.streamName("s").partitionKey("k").data(SdkBytes.fromUtf8String("new")));
        assertThat(texts(kinesis.getRecords(b -> b.shardIterator(empty.nextShardIterator())))).containsExactly("new");
    }

    @Test
    void shouldFailOnlyTheThrottledRecordsOfAPutRecords() {
        kinesis.createStream(b -> b.streamName("s").shardCount(1));
        final List<PutRecordsRequestEntry> full = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            full.add(PutRecordsRequestEntry.builder().partitionKey("k").data(SdkBytes.fromUtf8String("v")).build());
        }
        kinesis.putRecords(b -> b.streamName("s").records(full));
        kinesis.putRecords(b -> b.streamName("s").records(full.subList(0, 499)));

        final PutRecordsResponse result = kinesis.putRecords(b -> b.streamName("s").records(full.subList(0, 3)));

        assertThat(result.failedRecordCount()).isEqualTo(2);
        assertThat(result.records().get(0).errorCode()).isNull();
        assertThat(result.records().get(0).sequenceNumber()).isNotBlank();
        assertThat(result.records().subList(1, 3)).allSatisfy(entry -> {
            assertThat(entry.errorCode()).isEqualTo("ProvisionedThroughputExceededException");
            assertThat(entry.errorMessage()).isEqualTo(
                "Rate exceeded for shard shardId-000000000000 in stream s under account 000000000000.");
            assertThat(entry.sequenceNumber()).isNull();
        });
        assertThatThrownBy(() -> kinesis.putRecord(b -> b.streamName("s").partitionKey("k")
            .data(SdkBytes.fromUtf8String("v"))))
            .isInstanceOf(ProvisionedThroughputExceededException.class)
            .satisfies(e -> assertThat(message(e))
                .isEqualTo("Rate exceeded for shard shardId-000000000000 in stream s under account 000000000000."));
        clock.advance(1_000);
        assertThat(kinesis.putRecords(b -> b.streamName("s").records(full.subList(0, 3))).records())
            .extracting(PutRecordsResultEntry::errorCode).containsOnlyNulls();
    }

    @Test
    void shouldExpireIteratorsAfterFiveMinutes() {
        kinesis.createStream(b -> b.streamName("s").shardCount(1));
        final String iterator = iterator("s", SHARD_0);
        clock.advance(300_001);

        assertThatThrownBy(() -> kinesis.getRecords(b -> b.shardIterator(iterator)))
            .isInstanceOf(ExpiredIteratorException.class)
            .satisfies(e -> assertThat(message(e)).startsWith("Iterator expired. The iterator was created at time ")
                .endsWith("which is further in the future than the tolerated delay of 300000 milliseconds."));
    }

    @Test
    void shouldPageListShardsAndListStreams() {
        kinesis.createStream(b -> b.streamName("wide").shardCount(5));
        kinesis.createStream(b -> b.streamName("other").shardCount(1));

        final ListShardsResponse first = kinesis.listShards(b -> b.streamName("wide").maxResults(2));
        final ListShardsResponse second = kinesis.listShards(b -> b.nextToken(first.nextToken()).maxResults(10));
        final ListStreamsResponse streams = kinesis.listStreams(b -> b.limit(1));
        final ListStreamsResponse rest = kinesis.listStreams(b -> b.nextToken(streams.nextToken()));

        assertThat(first.shards()).hasSize(2);
        assertThat(second.shards()).hasSize(3);
        assertThat(second.nextToken()).isNull();
        assertThat(streams.streamNames()).containsExactly("other");
        assertThat(streams.hasMoreStreams()).isTrue();
        assertThat(rest.streamNames()).containsExactly("wide");
        clock.advance(300_001);
        assertThatThrownBy(() -> kinesis.listShards(b -> b.nextToken(first.nextToken())))
            .isInstanceOf(ExpiredNextTokenException.class);
    }

    @Test
    void shouldAddressStreamsByArn() {
        kinesis.createStream(b -> b.streamName("s").shardCount(1));
        final String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/s";

        kinesis.putRecord(b -> b.streamARN(arn).partitionKey("k").data(SdkBytes.fromUtf8String("v")));

        assertThat(kinesis.describeStreamSummary(b -> b.streamARN(arn)).streamDescriptionSummary().streamName())
            .isEqualTo("s");
        assertThat(kinesis.listShards(b -> b.streamARN(arn)).shards()).hasSize(1);
    }

    @Test
    void shouldChangeRetention() {
        kinesis.createStream(b -> b.streamName("s").shardCount(1));

        kinesis.increaseStreamRetentionPeriod(b -> b.streamName("s").retentionPeriodHours(72));
        kinesis.decreaseStreamRetentionPeriod(b -> b.streamName("s").retentionPeriodHours(48));

        assertThat(kinesis.describeStreamSummary(b -> b.streamName("s")).streamDescriptionSummary()
            .retentionPeriodHours()).isEqualTo(48);
        assertThatThrownBy(() -> kinesis.increaseStreamRetentionPeriod(b -> b.streamName("s").retentionPeriodHours(
            9000)))
            .isInstanceOf(InvalidArgumentException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("Maximum allowed retention period is 8760 hours."
                + " Requested retention period (9000 hours) is too long."));
    }

    @Test
    void shouldRaiseTheSdksExceptionsWithKinesissMessages() {
        kinesis.createStream(b -> b.streamName("s").shardCount(1));

        assertThatThrownBy(() -> kinesis.describeStream(b -> b.streamName("missing")))
            .isInstanceOf(ResourceNotFoundException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("Stream missing under account 000000000000 not found."))
            .satisfies(e -> assertThat(((AwsServiceException) e).statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> kinesis.createStream(b -> b.streamName("s").shardCount(1)))
            .isInstanceOf(ResourceInUseException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("Stream s under account 000000000000 already exists."));
        assertThatThrownBy(() -> kinesis.createStream(b -> b.streamName("t").shardCount(0)))
            .isInstanceOf(ValidationException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("1 validation error detected: Value '0' at 'shardCount'"
                + " failed to satisfy constraint: Member must have value greater than or equal to 1"));
        assertThatThrownBy(() -> kinesis.getRecords(b -> b.shardIterator("bogus")))
            .isInstanceOf(InvalidArgumentException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("Invalid ShardIterator."));
        assertThatThrownBy(() -> kinesis.getShardIterator(b -> b.streamName("s").shardId(SHARD_0)
            .shardIteratorType("SOMEWHERE")))
            .isInstanceOf(ValidationException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("1 validation error detected: Value 'SOMEWHERE' at"
                + " 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set:"
                + " [AFTER_SEQUENCE_NUMBER, LATEST, AT_TIMESTAMP, AT_SEQUENCE_NUMBER, TRIM_HORIZON]"));
    }

    @Test
    void shouldReshardAndEndClosedShardsWithChildShards() {
        kinesis.createStream(b -> b.streamName("s").shardCount(2));
        final String parentIterator = iterator("s", SHARD_0);
        kinesis.putRecord(b -> b.streamName("s").partitionKey("k").explicitHashKey("0").data(SdkBytes.fromUtf8String(
            "a")));

        kinesis.splitShard(b -> b.streamName("s").shardToSplit(SHARD_0).newStartingHashKey("1000"));
        kinesis.mergeShards(b -> b.streamName("s").shardToMerge("shardId-000000000002")
            .adjacentShardToMerge("shardId-000000000003"));
        final UpdateShardCountResponse scaled = kinesis.updateShardCount(b -> b.streamName("s").targetShardCount(4)
            .scalingType(ScalingType.UNIFORM_SCALING));

        final GetRecordsResponse first = kinesis.getRecords(b -> b.shardIterator(parentIterator));
        final GetRecordsResponse end = first.nextShardIterator() == null
            ? first : kinesis.getRecords(b -> b.shardIterator(first.nextShardIterator()));
        assertThat(first.records()).hasSize(1);
        assertThat(end.nextShardIterator()).isNull();
        assertThat(end.childShards()).extracting(ChildShard::shardId)
            .containsExactly("shardId-000000000002", "shardId-000000000003");
        assertThat(end.childShards().get(0).parentShards()).containsExactly(SHARD_0);
        assertThat(scaled.currentShardCount()).isEqualTo(2);
        assertThat(scaled.targetShardCount()).isEqualTo(4);
        assertThat(kinesis.listShards(b -> b.streamName("s")
            .shardFilter(f -> f.type(ShardFilterType.AT_LATEST))).shards()).hasSize(4);
        final Shard merged = kinesis.listShards(b -> b.streamName("s")).shards().stream()
            .filter(shard -> "shardId-000000000002".equals(shard.parentShardId())).findFirst().orElseThrow();
        assertThat(merged.adjacentParentShardId()).isEqualTo("shardId-000000000003");
        assertThatThrownBy(() -> kinesis.splitShard(b -> b.streamName("s").shardToSplit(SHARD_0)
            .newStartingHashKey("5000")))
            .isInstanceOf(InvalidArgumentException.class)
            .satisfies(e -> assertThat(message(e)).endsWith("has already been merged or split, and thus is not"
                + " eligible for merging or splitting."));
    }

    @Test
    void shouldUpdateTheMaxRecordSizeAndRoundTripTenMebibyteRecords() {
        kinesis.createStream(b -> b.streamName("big").shardCount(1).maxRecordSizeInKiB(2048));
        final String arn = kinesis.describeStreamSummary(b -> b.streamName("big")).streamDescriptionSummary()
            .streamARN();
        final byte[] data = new byte[10 * 1024 * 1024 - 1];
        new Random(42).nextBytes(data);
        assertThat(kinesis.describeStreamSummary(b -> b.streamName("big")).streamDescriptionSummary()
            .maxRecordSizeInKiB()).isEqualTo(2048);

        final UpdateMaxRecordSizeResponse updated = kinesis.updateMaxRecordSize(b -> b.streamARN(arn)
            .maxRecordSizeInKiB(10240));
        final PutRecordResponse put = kinesis.putRecord(b -> b.streamARN(arn).partitionKey("k")
            .data(SdkBytes.fromByteArray(data)));
        final GetRecordsResponse read = kinesis.getRecords(b -> b.shardIterator(iterator("big", SHARD_0)));

        assertThat(updated.sdkHttpResponse().statusCode()).isEqualTo(200);
        assertThat(kinesis.describeStreamSummary(b -> b.streamName("big")).streamDescriptionSummary()
            .maxRecordSizeInKiB()).isEqualTo(10240);
        assertThat(read.records()).singleElement().satisfies(record -> {
            assertThat(record.sequenceNumber()).isEqualTo(put.sequenceNumber());
            assertThat(record.data().asByteArray()).isEqualTo(data);
        });
        assertThat(read.millisBehindLatest()).isZero();
        clock.advance(10_000);
        final PutRecordsResponse batch = kinesis.putRecords(b -> b.streamARN(arn).records(
            PutRecordsRequestEntry.builder().partitionKey("k").data(SdkBytes.fromByteArray(data)).build()));
        assertThat(batch.failedRecordCount()).isZero();
    }

    @Test
    void shouldRefuseMaxRecordSizesOutOfRangeAndRecordsOverTheStreamsMaximum() {
        kinesis.createStream(b -> b.streamName("big").shardCount(1));
        final String arn = kinesis.describeStreamSummary(b -> b.streamName("big")).streamDescriptionSummary()
            .streamARN();

        assertThatThrownBy(() -> kinesis.updateMaxRecordSize(b -> b.streamARN(arn).maxRecordSizeInKiB(10241)))
            .isInstanceOf(ValidationException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("1 validation error detected: Value '10241' at"
                + " 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value less than or equal to"
                + " 10240"));
        assertThatThrownBy(() -> kinesis.updateMaxRecordSize(b -> b.maxRecordSizeInKiB(2048)))
            .isInstanceOf(ValidationException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("1 validation error detected: Value null at 'streamARN'"
                + " failed to satisfy constraint: Member must not be null"));
        assertThatThrownBy(() -> kinesis.putRecord(b -> b.streamName("big").partitionKey("k")
            .data(SdkBytes.fromByteArray(new byte[1024 * 1024 + 1]))))
            .isInstanceOf(ValidationException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("1 validation error detected: Value at 'data' failed to"
                + " satisfy constraint: Member must have length less than or equal to 1048576."));
        assertThat(kinesis.describeStreamSummary(b -> b.streamName("big")).streamDescriptionSummary()
            .maxRecordSizeInKiB()).isEqualTo(1024);
    }

    private String iterator(final String stream, final String shardId) {
        return kinesis.getShardIterator(b -> b.streamName(stream).shardId(shardId)
            .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    }

    private static List<String> texts(final GetRecordsResponse response) {
        return response.records().stream().map(r -> r.data().asUtf8String()).toList();
    }

    static String message(final Throwable error) {
        return ((AwsServiceException) error).awsErrorDetails().errorMessage();
    }

    /** The contract over CBOR, which the Java SDK sends by default. */
    static final class Cbor extends SdkContractTest {
        @Override
        WireFormat format() {
            return WireFormat.CBOR;
        }
    }

    /** The contract over AWS JSON 1.1. */
    static final class Json extends SdkContractTest {
        @Override
        WireFormat format() {
            return WireFormat.JSON;
        }
    }
}
