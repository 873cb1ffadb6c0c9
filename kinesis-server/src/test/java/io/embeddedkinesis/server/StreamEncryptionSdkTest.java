package io.embeddedkinesis.server;

import io.embeddedkinesis.server.protocol.WireFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.ValidationException;

import java.util.List;

import static io.embeddedkinesis.server.SdkContractTest.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Server-side encryption through the AWS SDK for Java v2 sync client, as infrastructure code (CloudFormation,
 * CDK, Terraform) and applications see it: Start and StopStreamEncryption, the descriptions, the
 * {@code EncryptionType} of puts and records, and the refusals; runs once per wire encoding.
 */
abstract class StreamEncryptionSdkTest extends SdkTestSupport {
    private static final String ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/s";

    @AfterEach
    void shouldHaveSpokenTheEncodingUnderTest() {
        assertThat(contentTypesSent).containsOnly(format().contentType());
    }

    @Test
    void shouldEncryptWhatIsPutWhileEncryptionIsOn() {
        kinesis.createStream(b -> b.streamName("s").shardCount(1));
        final String plainPut = kinesis.putRecord(b -> b.streamName("s").partitionKey("k")
            .data(SdkBytes.fromUtf8String("plain"))).encryptionTypeAsString();

        kinesis.startStreamEncryption(b -> b.streamName("s").encryptionType(EncryptionType.KMS)
            .keyId("alias/aws/kinesis"));
        final StreamDescriptionSummary encrypted = kinesis.describeStreamSummary(b -> b.streamName("s"))
            .streamDescriptionSummary();
        final EncryptionType secretPut = kinesis.putRecord(b -> b.streamName("s").partitionKey("k")
            .data(SdkBytes.fromUtf8String("secret"))).encryptionType();
        final EncryptionType batchPut = kinesis.putRecords(b -> b.streamName("s").records(PutRecordsRequestEntry
            .builder().partitionKey("k").data(SdkBytes.fromUtf8String("batch")).build())).encryptionType();
        kinesis.stopStreamEncryption(b -> b.streamARN(ARN).encryptionType(EncryptionType.KMS)
            .keyId("alias/aws/kinesis"));

        assertThat(plainPut).isNull();
        assertThat(encrypted.encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(encrypted.keyId()).isEqualTo("alias/aws/kinesis");
        assertThat(secretPut).isEqualTo(EncryptionType.KMS);
        assertThat(batchPut).isEqualTo(EncryptionType.KMS);
        assertThat(kinesis.describeStream(b -> b.streamName("s")).streamDescription().encryptionType())
            .isEqualTo(EncryptionType.NONE);
        final List<Record> records = kinesis.getRecords(b -> b.shardIterator(kinesis.getShardIterator(i -> i
            .streamName("s").shardId("shardId-000000000000").shardIteratorType(ShardIteratorType.TRIM_HORIZON))
            .shardIterator())).records();
        assertThat(records).extracting(r -> r.data().asUtf8String()).containsExactly("plain", "secret", "batch");
        assertThat(records).extracting(Record::encryptionType)
            .containsExactly(null, EncryptionType.KMS, EncryptionType.KMS);
    }

    @Test
    void shouldRefuseWhatTheServiceRefuses() {
        kinesis.createStream(b -> b.streamName("s").shardCount(1));

        assertThatThrownBy(() -> kinesis.startStreamEncryption(b -> b.streamName("s")
            .encryptionType(EncryptionType.NONE).keyId("alias/aws/kinesis")))
            .isInstanceOf(InvalidArgumentException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("KMS is the only valid EncryptionType for this request"));
        assertThatThrownBy(() -> kinesis.startStreamEncryption(b -> b.streamName("s").encryptionType("AES")
            .keyId("alias/aws/kinesis")))
            .isInstanceOf(ValidationException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("1 validation error detected: Value 'AES' at"
                + " 'encryptionType' failed to satisfy constraint: Member must satisfy enum value set: [NONE, KMS]"));
        assertThatThrownBy(() -> kinesis.startStreamEncryption(b -> b.streamName("missing")
            .encryptionType(EncryptionType.KMS).keyId("alias/aws/kinesis")))
            .isInstanceOf(ResourceNotFoundException.class)
            .satisfies(e -> assertThat(message(e)).isEqualTo("Stream missing under account 000000000000 not found."));
        assertThat(kinesis.describeStreamSummary(b -> b.streamName("s")).streamDescriptionSummary()
            .encryptionType()).isEqualTo(EncryptionType.NONE);
    }

    /** Over CBOR, which the Java SDK sends by default. */
    static final class Cbor extends StreamEncryptionSdkTest {
        @Override
        WireFormat format() {
            return WireFormat.CBOR;
        }
    }

    /** Over AWS JSON 1.1. */
    static final class Json extends StreamEncryptionSdkTest {
        @Override
        WireFormat format() {
            return WireFormat.JSON;
        }
    }
}
