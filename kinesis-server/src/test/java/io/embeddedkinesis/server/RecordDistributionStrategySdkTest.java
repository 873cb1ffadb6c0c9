package io.embeddedkinesis.server;

import io.embeddedkinesis.server.protocol.WireFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.RecordDistributionStrategy;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.ValidationException;

import java.util.ArrayList;
import java.util.List;

import static io.embeddedkinesis.server.SdkContractTest.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The record distribution strategy through the AWS SDK for Java v2 sync client:
 * UpdateStreamRecordDistributionStrategy and CreateStream's RecordDistributionStrategy, what
 * DescribeStreamSummary shows, AUTO spreading records over the shards and taking puts without a partition key,
 * and the refusals; runs once per wire encoding.
 */
abstract class RecordDistributionStrategySdkTest extends SdkTestSupport {
    private static final String ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/s";

    @AfterEach
    void shouldHaveSpokenTheEncodingUnderTest() {
        assertThat(contentTypesSent).containsOnly(format().contentType());
    }

    @Test
    void shouldSpreadRecordsWithoutPartitionKeysOverTheShardsOnceAuto() {
        kinesis.createStream(b -> b.streamName("s").streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        assertThat(strategy()).isEqualTo(RecordDistributionStrategy.USER_PARTITION_KEY);

        kinesis.updateStreamRecordDistributionStrategy(b -> b.streamARN(ARN)
            .recordDistributionStrategy(RecordDistributionStrategy.AUTO));
        final String single = kinesis.putRecord(b -> b.streamName("s").data(SdkBytes.fromUtf8String("keyless")))
            .shardId();
        final List<PutRecordsRequestEntry> batch = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            batch.add(PutRecordsRequestEntry.builder().partitionKey("same").data(SdkBytes.fromUtf8String("b" + i))
                .build());
        }
        final List<String> batched = kinesis.putRecords(b -> b.streamName("s").records(batch)).records().stream()
            .map(PutRecordsResultEntry::shardId).toList();

        assertThat(strategy()).isEqualTo(RecordDistributionStrategy.AUTO);
        assertThat(batched).doesNotHaveDuplicates().hasSize(4);
        final List<Record> records = readShard(single);
        assertThat(records).filteredOn(r -> r.data().asUtf8String().equals("keyless")).singleElement()
            .satisfies(r -> assertThat(r.partitionKey()).isNull());
    }

    @Test
    void shouldCreateAnAutoStreamAndRefuseAutoForAProvisionedOne() {
        kinesis.createStream(b -> b.streamName("s").streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND))
            .recordDistributionStrategy(RecordDistributionStrategy.AUTO));
        kinesis.createStream(b -> b.streamName("p").shardCount(1));

        assertThat(strategy()).isEqualTo(RecordDistributionStrategy.AUTO);
        assertThatThrownBy(() -> kinesis.updateStreamRecordDistributionStrategy(b -> b
            .streamARN("arn:aws:kinesis:us-east-1:000000000000:stream/p")
            .recordDistributionStrategy(RecordDistributionStrategy.AUTO)))
            .isInstanceOf(InvalidArgumentException.class)
            .satisfies(e -> assertThat(message(e))
                .isEqualTo("Request is invalid. Stream p under account 000000000000 is in Provisioned mode."));
        assertThatThrownBy(() -> kinesis.putRecord(b -> b.streamName("p").data(SdkBytes.fromUtf8String("v"))))
            .isInstanceOf(ValidationException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("1 validation error detected: Value null at"
                + " 'partitionKey' failed to satisfy constraint: Member must not be null"));
    }

    @Test
    void shouldRefuseAStrategyOutsideTheModel() {
        kinesis.createStream(b -> b.streamName("s").streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));

        assertThatThrownBy(() -> kinesis.updateStreamRecordDistributionStrategy(b -> b.streamARN(ARN)
            .recordDistributionStrategy("RANDOM")))
            .isInstanceOf(ValidationException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("1 validation error detected: Value 'RANDOM' at"
                + " 'recordDistributionStrategy' failed to satisfy constraint: Member must satisfy enum value set:"
                + " [AUTO, USER_PARTITION_KEY]"));
        assertThatThrownBy(() -> kinesis.updateStreamRecordDistributionStrategy(b -> b.streamARN(ARN)))
            .isInstanceOf(ValidationException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("1 validation error detected: Value null at"
                + " 'recordDistributionStrategy' failed to satisfy constraint: Member must not be null"));
    }

    private RecordDistributionStrategy strategy() {
        return kinesis.describeStreamSummary(b -> b.streamName("s")).streamDescriptionSummary()
            .recordDistributionStrategy();
    }

    private List<Record> readShard(final String shardId) {
        final String iterator = kinesis.getShardIterator(b -> b.streamName("s").shardId(shardId)
            .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        return kinesis.getRecords(b -> b.shardIterator(iterator)).records();
    }

    /** Over CBOR, which the Java SDK sends by default. */
    static final class Cbor extends RecordDistributionStrategySdkTest {
        @Override
        WireFormat format() {
            return WireFormat.CBOR;
        }
    }

    /** Over AWS JSON 1.1. */
    static final class Json extends RecordDistributionStrategySdkTest {
        @Override
        WireFormat format() {
            return WireFormat.JSON;
        }
    }
}
