package io.embeddedkinesis.core;

import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.LimitExceededException;
import io.embeddedkinesis.core.exception.ResourceInUseException;
import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import io.embeddedkinesis.core.exception.ValidationException;
import io.embeddedkinesis.core.junit.EmbeddedKinesis;
import io.embeddedkinesis.core.junit.KinesisStream;
import io.embeddedkinesis.core.junit.StreamReader;
import io.embeddedkinesis.core.junit.TestBroker;
import io.embeddedkinesis.core.junit.TestClock;
import io.embeddedkinesis.core.model.CreateStreamRequest;
import io.embeddedkinesis.core.model.DescribeStreamRequest;
import io.embeddedkinesis.core.model.ListStreamsRequest;
import io.embeddedkinesis.core.model.ListStreamsResult;
import io.embeddedkinesis.core.model.Shard;
import io.embeddedkinesis.core.model.StreamDescription;
import io.embeddedkinesis.core.model.StreamDescriptionSummary;
import io.embeddedkinesis.core.model.StreamMode;
import io.embeddedkinesis.core.model.StreamRequest;
import io.embeddedkinesis.core.model.StreamStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.embeddedkinesis.core.BrokerTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@EmbeddedKinesis(clockStart = StreamLifecycleTest.START)
class StreamLifecycleTest {
    static final String START = "2025-11-24T16:02:03.456Z";

    TestBroker kinesis;
    KinesisBroker broker;
    TestClock clock;
    StreamReader reader;

    @Test
    void shouldDescribeANewStreamAsKinesisDoes() {
        broker.createStream("orders", 3);

        final StreamDescription description = broker.describeStream("orders");

        assertThat(description.streamName()).isEqualTo("orders");
        assertThat(description.streamARN()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/orders");
        assertThat(description.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(description.retentionPeriodHours()).isEqualTo(24);
        assertThat(description.streamCreationTimestamp()).isEqualTo(Instant.parse(START));
        assertThat(description.hasMoreShards()).isFalse();
        assertThat(description.shards()).extracting(Shard::shardId)
            .containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
        assertThat(description.shards()).extracting(s -> s.hashKeyRange().endingHashKey().toString())
            .containsExactly("113427455640312821154458202477256070484", "226854911280625642308916404954512140969",
                "340282366920938463463374607431768211455");
        assertThat(description.shards()).allSatisfy(shard -> {
            assertThat(shard.parentShardId()).isNull();
            assertThat(shard.sequenceNumberRange().endingSequenceNumber()).isNull();
            assertThat(shard.sequenceNumberRange().startingSequenceNumber()).hasSize(56);
        });
    }

    @Test
    void shouldSummarizeAStream() {
        broker.createStream("orders", 2);

        final StreamDescriptionSummary summary = broker.describeStreamSummary("orders");

        assertThat(summary.openShardCount()).isEqualTo(2);
        assertThat(summary.consumerCount()).isZero();
        assertThat(summary.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(summary.streamARN()).endsWith(":stream/orders");
    }

    @Test
    void shouldAddressAStreamByArn() {
        broker.createStream("orders", 1);
        final String arn = broker.describeStreamSummary("orders").streamARN();

        broker.putRecord(arn, "k", bytes("v"));

        assertThat(broker.describeStream(arn).streamName()).isEqualTo("orders");
        assertThat(reader.readAll("orders")).hasSize(1);
    }

    @Test
    void shouldNotFindAStreamByTheArnOfAnotherAccount() {
        broker.createStream("orders", 1);

        assertThatThrownBy(() -> broker.describeStream("arn:aws:kinesis:us-east-1:111111111111:stream/orders"))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Stream orders under account 111111111111 not found.");
    }

    @Test
    void shouldRefuseANameAndArnOfDifferentStreams() {
        broker.createStream("a", 1);
        broker.createStream("b", 1);

        assertThatThrownBy(() -> broker.describeStreamSummary(
            new StreamRequest("a", "arn:aws:kinesis:us-east-1:000000000000:stream/b")))
            .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> broker.describeStreamSummary(new StreamRequest(null, null)))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("Either StreamName or StreamARN must be provided.");
    }

    @Test
    void shouldRefuseADuplicateName() {
        broker.createStream("orders", 1);

        assertThatThrownBy(() -> broker.createStream("orders", 2))
            .isInstanceOf(ResourceInUseException.class)
            .hasMessage("Stream orders under account 000000000000 already exists.");
    }

    @Test
    void shouldValidateCreateStreamAsAwsDoes() {
        // Without a mode, a missing ShardCount asks for an on-demand stream; a provisioned one needs it.
        assertThatThrownBy(() -> broker.createStream(new CreateStreamRequest(null, null, null)))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value null at 'streamName' failed to satisfy constraint:"
                + " Member must not be null");
        assertThatThrownBy(() -> broker.createStream(
            new CreateStreamRequest(null, null, StreamMode.PROVISIONED, null, null, null, null, null)))
            .isInstanceOf(ValidationException.class)
            .hasMessage("2 validation errors detected: Value null at 'shardCount' failed to satisfy constraint:"
                + " Member must not be null; Value null at 'streamName' failed to satisfy constraint: Member must not"
                + " be null");
        assertThatThrownBy(() -> broker.createStream("", 0))
            .isInstanceOf(ValidationException.class)
            .hasMessage("3 validation errors detected: Value '0' at 'shardCount' failed to satisfy constraint: Member"
                + " must have value greater than or equal to 1; Value '' at 'streamName' failed to satisfy constraint:"
                + " Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value '' at 'streamName' failed to"
                + " satisfy constraint: Member must have length greater than or equal to 1");
        final String longName = "a".repeat(129);
        assertThatThrownBy(() -> broker.createStream(longName, 1))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value '" + longName + "' at 'streamName' failed to satisfy"
                + " constraint: Member must have length less than or equal to 128");
        assertThatThrownBy(() -> broker.createStream("bad/name", 1))
            .isInstanceOf(ValidationException.class)
            .hasMessageContaining("Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "A-b_c.9", "..", "."})
    void shouldAcceptEveryNameThePatternAllows(final String name) {
        broker.createStream(name, 1);
        broker.putRecord(name, "k", bytes("v"));

        assertThat(reader.readAll(name)).hasSize(1);
        assertThat(broker.listStreams().streamNames()).containsExactly(name);
    }

    @Test
    @EmbeddedKinesis(shardLimit = 5)
    void shouldRefuseShardsBeyondTheAccountLimit() {
        broker.createStream("a", 3);

        assertThatThrownBy(() -> broker.createStream("b", 3))
            .isInstanceOf(LimitExceededException.class)
            .hasMessageStartingWith("This request would exceed the shard limit for the account 000000000000 in"
                + " us-east-1. Current shard count for the account: 3. Limit: 5. Number of additional shards that would"
                + " have resulted from this request: 3.");
        broker.createStream("b", 2);
    }

    @Test
    void shouldForgetADeletedStreamAndItsRecords() {
        broker.createStream("orders", 1);
        broker.putRecord("orders", "k", bytes("old"));

        broker.deleteStream("orders");

        assertThatThrownBy(() -> broker.describeStream("orders"))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Stream orders under account 000000000000 not found.");
        assertThatThrownBy(() -> broker.deleteStream("orders")).isInstanceOf(ResourceNotFoundException.class);
        broker.createStream("orders", 1);
        assertThat(reader.readAll("orders")).isEmpty();
    }

    @Test
    @EmbeddedKinesis(streamCreationDelayMs = 10_000)
    void shouldStayCreatingUntilTheCreationDelayPasses() {
        broker.createStream("orders", 1);

        assertThat(broker.describeStream("orders").streamStatus()).isEqualTo(StreamStatus.CREATING);
        assertThat(broker.describeStream("orders").shards()).isEmpty();
        assertThatThrownBy(() -> broker.putRecord("orders", "k", bytes("v")))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Stream orders under account 000000000000 not found.");

        clock.advance(10_000);

        assertThat(broker.describeStream("orders").streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        broker.putRecord("orders", "k", bytes("v"));
    }

    @Test
    @EmbeddedKinesis(streamDeletionDelayMs = 5_000)
    void shouldStayDeletingUntilTheDeletionDelayPasses() {
        broker.createStream("orders", 1);
        broker.deleteStream("orders");

        assertThat(broker.describeStream("orders").streamStatus()).isEqualTo(StreamStatus.DELETING);
        assertThatThrownBy(() -> broker.createStream("orders", 1)).isInstanceOf(ResourceInUseException.class);

        clock.advance(5_000);

        assertThatThrownBy(() -> broker.describeStream("orders")).isInstanceOf(ResourceNotFoundException.class);
        assertThat(broker.listStreams().streamNames()).isEmpty();
        broker.createStream("orders", 1);
    }

    @Test
    @EmbeddedKinesis(streamCreationDelayMs = 10_000, streamDeletionDelayMs = 10_000)
    void shouldRefuseASixthStreamCreatingOrDeletingAtOnce() {
        broker.createStream("ready", 1);
        clock.advance(10_000);
        for (int i = 0; i < 4; i++) {
            broker.createStream("s" + i, 1);
        }
        broker.deleteStream("ready");
        final String refusal = "This request would have exceed the limit on the number  of streams that can"
            + " simultaneously be in CREATING or DELETING for the account 000000000000. Limit: 5.";

        assertThatThrownBy(() -> broker.createStream("s4", 1))
            .isInstanceOf(LimitExceededException.class)
            .hasMessage(refusal);
        clock.advance(10_000);
        broker.createStream("s4", 1);
        broker.createStream("s5", 1);
        broker.createStream("s6", 1);
        broker.createStream("s7", 1);
        broker.deleteStream("s0");
        clock.advance(1);

        assertThatThrownBy(() -> broker.deleteStream("s1"))
            .isInstanceOf(LimitExceededException.class)
            .hasMessage(refusal);
        broker.deleteStream("s4");
        assertThat(broker.listStreams().streamNames()).containsExactly("s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7");
    }

    @Test
    @EmbeddedKinesis(streamCreationDelayMs = 10_000, streams = {@KinesisStream(name = "a"), @KinesisStream(name = "b"),
        @KinesisStream(name = "c"), @KinesisStream(name = "d"), @KinesisStream(name = "e"), @KinesisStream(name = "f")})
    void shouldCreateEveryDeclaredStreamWhateverTheLimitOnStreamsCreatingAtOnce() {
        assertThat(broker.listStreams().streamNames()).containsExactly("a", "b", "c", "d", "e", "f");
        assertThat(broker.describeStreamSummary("f").streamStatus()).isEqualTo(StreamStatus.CREATING);
        assertThatThrownBy(() -> broker.createStream("g", 1)).isInstanceOf(LimitExceededException.class);
    }

    @Test
    void shouldListStreamsInPagesByNameOrToken() {
        for (final String name : List.of("e", "b", "d", "a", "c")) {
            broker.createStream(name, 1);
        }

        final ListStreamsResult first = broker.listStreams(new ListStreamsRequest(2, null, null));
        final ListStreamsResult second = broker.listStreams(new ListStreamsRequest(2, null, first.nextToken()));
        final ListStreamsResult third = broker.listStreams(new ListStreamsRequest(2, "d", null));

        assertThat(first.streamNames()).containsExactly("a", "b");
        assertThat(first.hasMoreStreams()).isTrue();
        assertThat(first.streamSummaries()).extracting(s -> s.streamStatus()).containsOnly(StreamStatus.ACTIVE);
        assertThat(second.streamNames()).containsExactly("c", "d");
        assertThat(third.streamNames()).containsExactly("e");
        assertThat(third.hasMoreStreams()).isFalse();
        assertThat(third.nextToken()).isNull();
    }

    @Test
    void shouldDescribeManyShardsInPagesOfAHundred() {
        broker.createStream("wide", 150);

        final StreamDescription first = broker.describeStream("wide");
        final StreamDescription second = broker.describeStream(
            new DescribeStreamRequest(StreamRequest.of("wide"), null, first.shards().get(99).shardId()));

        assertThat(first.shards()).hasSize(100);
        assertThat(first.hasMoreShards()).isTrue();
        assertThat(second.shards()).hasSize(50);
        assertThat(second.hasMoreShards()).isFalse();
        final List<String> all = new ArrayList<>();
        first.shards().forEach(s -> all.add(s.shardId()));
        second.shards().forEach(s -> all.add(s.shardId()));
        assertThat(all).doesNotHaveDuplicates().hasSize(150);
    }

    @Test
    void shouldRestoreStreamsAndSettingsWhenReopened() {
        broker.createStream("orders", 4);
        broker.increaseStreamRetentionPeriod("orders", 48);
        final StreamDescription before = broker.describeStream("orders");

        kinesis.reopen();

        final StreamDescription after = broker.describeStream("orders");
        assertThat(after).isEqualTo(before);
        assertThat(after.retentionPeriodHours()).isEqualTo(48);
        assertThatThrownBy(() -> broker.createStream("orders", 1)).isInstanceOf(ResourceInUseException.class);
    }

    @Test
    void shouldGiveEveryStreamIncarnationItsOwnSequenceNumbers() {
        broker.createStream("orders", 1);
        final String first = broker.putRecord("orders", "k", bytes("v")).sequenceNumber();
        broker.deleteStream("orders");
        broker.createStream("orders", 1);

        final String second = broker.putRecord("orders", "k", bytes("v")).sequenceNumber();

        assertThat(new BigInteger(second).shiftRight(148)).isNotEqualTo(new BigInteger(first).shiftRight(148));
    }

    @Test
    void shouldRefuseEveryCallAfterClose() {
        broker.createStream("s", 1);
        broker.close();

        assertThatThrownBy(() -> broker.putRecord("s", "k", bytes("v")))
            .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("the broker is closed");
        assertThatThrownBy(() -> broker.createStream("t", 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> broker.listStreams()).isInstanceOf(IllegalStateException.class);
        assertThat(KinesisBroker.open(kinesis.directory())).satisfies(reopened -> {
            assertThat(reopened.listStreams().streamNames()).containsExactly("s");
            reopened.close();
        });
    }

    @Test
    void shouldRefuseADirectoryOfAnOlderLayoutAndLetItGo() throws IOException {
        broker.createStream("s", 1);
        broker.close();
        final Path file = kinesis.directory().resolve("broker.json");
        final String current = Files.readString(file);
        Files.writeString(file, current.replace("\"formatVersion\":" + BrokerDirectory.FORMAT_VERSION,
            "\"formatVersion\":1"));

        assertThatThrownBy(() -> KinesisBroker.open(kinesis.directory()))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("the broker directory has layout 1, which this version cannot read"
                + " (it reads layout " + BrokerDirectory.FORMAT_VERSION + ")");
        Files.writeString(file, current);
        assertThat(KinesisBroker.open(kinesis.directory())).as("the refused open released the directory")
            .satisfies(reopened -> {
                assertThat(reopened.listStreams().streamNames()).containsExactly("s");
                reopened.close();
            });
    }

    @Test
    void shouldRefuseASecondBrokerOnTheSameDirectory() {
        assertThatThrownBy(() -> KinesisBroker.open(kinesis.directory()))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("another broker already uses this directory");
    }
}
