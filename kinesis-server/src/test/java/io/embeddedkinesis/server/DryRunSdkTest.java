package io.embeddedkinesis.server;

import io.embeddedkinesis.server.protocol.WireFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.DryRunOperationException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.ValidationException;

import static io.embeddedkinesis.server.SdkContractTest.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code DryRun} on the puts, GetShardIterator and GetRecords through the AWS SDK for Java v2 sync client: a
 * call that would succeed is answered with {@code DryRunOperationException} and writes or reads nothing, and one
 * that would fail gets the call's own error; runs once per wire encoding.
 */
abstract class DryRunSdkTest extends SdkTestSupport {
    @AfterEach
    void shouldHaveSpokenTheEncodingUnderTest() {
        assertThat(contentTypesSent).containsOnly(format().contentType());
    }

    @Test
    void shouldCheckAPutWithoutWritingIt() {
        kinesis.createStream(b -> b.streamName("s").shardCount(1));

        assertThatThrownBy(() -> kinesis.putRecord(b -> b.streamName("s").partitionKey("k")
            .data(SdkBytes.fromUtf8String("dry")).dryRun(true)))
            .isInstanceOf(DryRunOperationException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("Request would have succeeded, but DryRun flag is set."));
        assertThatThrownBy(() -> kinesis.putRecords(b -> b.streamName("s").dryRun(true).records(
            PutRecordsRequestEntry.builder().partitionKey("k").data(SdkBytes.fromUtf8String("dry")).build())))
            .isInstanceOf(DryRunOperationException.class);
        kinesis.putRecord(b -> b.streamName("s").partitionKey("k").data(SdkBytes.fromUtf8String("real"))
            .dryRun(false));

        final String iterator = kinesis.getShardIterator(b -> b.streamName("s").shardId("shardId-000000000000")
            .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        assertThat(kinesis.getRecords(b -> b.shardIterator(iterator)).records())
            .extracting(r -> r.data().asUtf8String()).containsExactly("real");
    }

    @Test
    void shouldCheckIteratorsAndReadsWithoutReading() {
        kinesis.createStream(b -> b.streamName("s").shardCount(1));
        kinesis.putRecord(b -> b.streamName("s").partitionKey("k").data(SdkBytes.fromUtf8String("r")));

        assertThatThrownBy(() -> kinesis.getShardIterator(b -> b.streamName("s").shardId("shardId-000000000000")
            .shardIteratorType(ShardIteratorType.TRIM_HORIZON).dryRun(true)))
            .isInstanceOf(DryRunOperationException.class);
        assertThatThrownBy(() -> kinesis.getShardIterator(b -> b.streamName("s").shardId("shardId-000000000009")
            .shardIteratorType(ShardIteratorType.TRIM_HORIZON).dryRun(true)))
            .isInstanceOf(ResourceNotFoundException.class);
        final String iterator = kinesis.getShardIterator(b -> b.streamName("s").shardId("shardId-000000000000")
            .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        assertThatThrownBy(() -> kinesis.getRecords(b -> b.shardIterator(iterator).dryRun(true)))
            .isInstanceOf(DryRunOperationException.class);
        assertThatThrownBy(() -> kinesis.getRecords(b -> b.shardIterator(iterator).limit(0).dryRun(true)))
            .isInstanceOf(ValidationException.class);

        assertThat(kinesis.getRecords(b -> b.shardIterator(iterator)).records())
            .extracting(r -> r.data().asUtf8String()).containsExactly("r");
    }

    @Test
    void shouldAnswerADryRunThatWouldFailWithThePutsOwnError() {
        assertThatThrownBy(() -> kinesis.putRecord(b -> b.streamName("missing").partitionKey("k")
            .data(SdkBytes.fromUtf8String("dry")).dryRun(true)))
            .isInstanceOf(ResourceNotFoundException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("Stream missing under account 000000000000 not found."));
        assertThatThrownBy(() -> kinesis.putRecords(b -> b.streamName("missing").dryRun(true).records(
            PutRecordsRequestEntry.builder().partitionKey("").data(SdkBytes.fromUtf8String("dry")).build())))
            .isInstanceOf(ValidationException.class);
    }

    /** Over CBOR, which the Java SDK sends by default. */
    static final class Cbor extends DryRunSdkTest {
        @Override
        WireFormat format() {
            return WireFormat.CBOR;
        }
    }

    /** Over AWS JSON 1.1. */
    static final class Json extends DryRunSdkTest {
        @Override
        WireFormat format() {
            return WireFormat.JSON;
        }
    }
}
