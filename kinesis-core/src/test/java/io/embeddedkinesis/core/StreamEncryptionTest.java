package io.embeddedkinesis.core;

import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.LimitExceededException;
import io.embeddedkinesis.core.exception.ResourceInUseException;
import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import io.embeddedkinesis.core.exception.ValidationException;
import io.embeddedkinesis.core.model.EncryptionType;
import io.embeddedkinesis.core.model.PutRecordsRequestEntry;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.model.StreamDescription;
import io.embeddedkinesis.core.model.StreamEncryptionRequest;
import io.embeddedkinesis.core.model.StreamRequest;
import io.embeddedkinesis.core.model.StreamStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Server-side encryption: what Start and StopStreamEncryption change in the descriptions, the puts and the
 * records, which records keep which type, the UPDATING status, the daily limits and the refusals.
 */
class StreamEncryptionTest extends BrokerTestSupport {
    private static final String KEY = "arn:aws:kms:us-east-1:123456789012:key/12345678-1234-1234-1234-123456789012";

    @Test
    void shouldMarkRecordsPutWhileTheStreamIsEncryptedAndOnlyThose() {
        open().createStream("s", 1);
        final var before = broker.putRecord("s", "k", bytes("plain"));

        broker.startStreamEncryption("s", KEY);
        final var during = broker.putRecord("s", "k", bytes("secret"));
        final var batch = broker.putRecords("s", List.of(new PutRecordsRequestEntry(bytes("batch"), "k", null)));
        broker.stopStreamEncryption("s", KEY);
        final var after = broker.putRecord("s", "k", bytes("plain again"));

        assertThat(before.encryptionType()).isEqualTo(EncryptionType.NONE);
        assertThat(during.encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(batch.encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(after.encryptionType()).isEqualTo(EncryptionType.NONE);
        final List<Record> records = readAll("s");
        assertThat(records).extracting(BrokerTestSupport::text)
            .containsExactly("plain", "secret", "batch", "plain again");
        assertThat(records).extracting(Record::encryptionType)
            .containsExactly(EncryptionType.NONE, EncryptionType.KMS, EncryptionType.KMS, EncryptionType.NONE);
    }

    @Test
    void shouldDescribeTheKeyWhileEncryptedAndNoneAfterwards() {
        open().createStream("s", 1);
        assertThat(broker.describeStream("s").encryptionType()).isEqualTo(EncryptionType.NONE);

        broker.startStreamEncryption("s", "alias/aws/kinesis");
        final StreamDescription encrypted = broker.describeStream("s");
        broker.startStreamEncryption("s", KEY);
        final String rotated = broker.describeStreamSummary("s").keyId();
        broker.stopStreamEncryption("s", KEY);

        assertThat(encrypted.encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(encrypted.keyId()).isEqualTo("alias/aws/kinesis");
        assertThat(rotated).isEqualTo(KEY);
        assertThat(broker.describeStreamSummary("s").encryptionType()).isEqualTo(EncryptionType.NONE);
        assertThat(broker.describeStreamSummary("s").keyId()).isNull();
    }

    @Test
    void shouldKeepEncryptedRecordsMarkedThroughARestart() {
        open().createStream("s", 1);
        broker.startStreamEncryption("s", KEY);
        broker.putRecord("s", "k", bytes("secret"));

        reopen();
        broker.putRecord("s", "k", bytes("still secret"));

        assertThat(readAll("s")).extracting(Record::encryptionType)
            .containsExactly(EncryptionType.KMS, EncryptionType.KMS);
    }

    @Test
    void shouldBeUpdatingForTheReshardDelayAndRefuseAnotherChangeMeanwhile() {
        open(b -> b.reshardDelayMs(5_000)).createStream("s", 1);

        broker.startStreamEncryption("s", KEY);

        assertThat(broker.describeStreamSummary("s").streamStatus()).isEqualTo(StreamStatus.UPDATING);
        assertThatThrownBy(() -> broker.stopStreamEncryption("s", KEY))
            .isInstanceOf(ResourceInUseException.class)
            .hasMessage("Stream s under account 000000000000 not ACTIVE, instead in state UPDATING");
        clock.advance(5_000);
        assertThat(broker.describeStreamSummary("s").streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        broker.stopStreamEncryption("s", KEY);
        assertThat(broker.describeStreamSummary("s").encryptionType()).isEqualTo(EncryptionType.NONE);
    }

    @Test
    void shouldAllowTwentyFiveStartsInARollingDay() {
        open().createStream("s", 1);
        for (int i = 0; i < 25; i++) {
            broker.startStreamEncryption("s", "alias/key-" + i);
            clock.advance(60_000);
        }

        assertThatThrownBy(() -> broker.startStreamEncryption("s", KEY))
            .isInstanceOf(LimitExceededException.class)
            .hasMessage("StartStreamEncryption cannot be called more than 25 times in a rolling 24 hour period for"
                + " stream s under account 000000000000.");
        broker.stopStreamEncryption("s", "alias/key-24");
        clock.advance(24 * 3_600_000L - 25 * 60_000L + 1);
        broker.startStreamEncryption("s", KEY);
        assertThat(broker.describeStreamSummary("s").keyId()).isEqualTo(KEY);
    }

    @Test
    void shouldLeaveAnUnencryptedStreamAsItIsOnStop() {
        open(b -> b.reshardDelayMs(5_000)).createStream("s", 1);

        broker.stopStreamEncryption("s", KEY);

        assertThat(broker.describeStreamSummary("s").streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(broker.describeStreamSummary("s").encryptionType()).isEqualTo(EncryptionType.NONE);
    }

    @Test
    void shouldRefuseBadRequestsBeforeChangingAnything() {
        open().createStream("s", 1);

        assertThatThrownBy(() -> broker.startStreamEncryption(new StreamEncryptionRequest(StreamRequest.of("s"),
            EncryptionType.NONE, KEY)))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("KMS is the only valid EncryptionType for this request");
        assertThatThrownBy(() -> broker.startStreamEncryption(new StreamEncryptionRequest(StreamRequest.of("s"),
            null, "")))
            .isInstanceOf(ValidationException.class)
            .hasMessage("2 validation errors detected: Value null at 'encryptionType' failed to satisfy constraint:"
                + " Member must not be null; Value '' at 'keyId' failed to satisfy constraint: Member must have"
                + " length greater than or equal to 1");
        assertThatThrownBy(() -> broker.startStreamEncryption("missing", KEY))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Stream missing under account 000000000000 not found.");
        assertThatThrownBy(() -> broker.startStreamEncryption(new StreamEncryptionRequest(new StreamRequest(null,
            null), EncryptionType.KMS, KEY)))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("Either StreamName or StreamARN must be provided.");
        assertThat(broker.describeStreamSummary("s").encryptionType()).isEqualTo(EncryptionType.NONE);
    }
}
