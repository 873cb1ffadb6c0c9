package io.embeddedkinesis.core;

import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.ResourceInUseException;
import io.embeddedkinesis.core.exception.ValidationException;
import io.embeddedkinesis.core.model.CreateStreamRequest;
import io.embeddedkinesis.core.model.PutRecordRequest;
import io.embeddedkinesis.core.model.PutRecordsRequestEntry;
import io.embeddedkinesis.core.model.PutRecordsResultEntry;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.model.StreamMode;
import io.embeddedkinesis.core.model.StreamRequest;
import io.embeddedkinesis.core.model.UpdateStreamRecordDistributionStrategyRequest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.embeddedkinesis.core.model.RecordDistributionStrategy.AUTO;
import static io.embeddedkinesis.core.model.RecordDistributionStrategy.USER_PARTITION_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The record distribution strategy of on-demand streams: AUTO spreads records evenly over the open shards
 * whatever their keys and takes them without one, USER_PARTITION_KEY routes by key; switching leaves records
 * where they are; the strategy is described and persisted; and the refusals.
 */
class RecordDistributionStrategyTest extends BrokerTestSupport {
    private static final String ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/s";

    @Test
    void shouldSpreadRecordsEvenlyOverTheOpenShardsWhateverTheirKeys() {
        open().createStream(CreateStreamRequest.onDemand("s"));
        broker.updateStreamRecordDistributionStrategy(ARN, AUTO);

        final List<String> single = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            single.add(broker.putRecord(PutRecordRequest.of("s", "same", bytes("r" + i))
                .withExplicitHashKey("0")).shardId());
        }
        final List<PutRecordsRequestEntry> batch = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            batch.add(PutRecordsRequestEntry.of("same", bytes("b" + i)));
        }
        final List<String> batched = broker.putRecords("s", batch).records().stream()
            .map(PutRecordsResultEntry::shardId).toList();

        assertThat(countByShard(single)).hasSize(4).allSatisfy((shard, count) -> assertThat(count).isEqualTo(2L));
        assertThat(countByShard(batched)).hasSize(4).allSatisfy((shard, count) -> assertThat(count).isEqualTo(2L));
    }

    @Test
    void shouldTakeRecordsWithoutAPartitionKeyAndKeepTheKeysGiven() {
        open().createStream(CreateStreamRequest.onDemand("s").withRecordDistributionStrategy(AUTO));

        broker.putRecord("s", null, bytes("keyless"));
        broker.putRecords("s", List.of(new PutRecordsRequestEntry(bytes("keyless too"), null, null),
            PutRecordsRequestEntry.of("kept", bytes("keyed"))));

        final Map<String, String> keys = readAll("s").stream()
            .collect(Collectors.toMap(BrokerTestSupport::text, r -> String.valueOf(r.partitionKey())));
        assertThat(keys).containsExactlyInAnyOrderEntriesOf(Map.of(
            "keyless", "null", "keyless too", "null", "keyed", "kept"));
    }

    @Test
    void shouldRouteByKeyAgainAfterSwitchingBackAndLeaveRecordsWhereTheyAre() {
        open().createStream(CreateStreamRequest.onDemand("s"));
        broker.updateStreamRecordDistributionStrategy(ARN, AUTO);
        for (int i = 0; i < 4; i++) {
            broker.putRecord("s", "k", bytes("auto"));
        }

        broker.updateStreamRecordDistributionStrategy(ARN, USER_PARTITION_KEY);
        final List<String> keyed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            keyed.add(broker.putRecord("s", "k", bytes("keyed")).shardId());
        }

        assertThat(countByShard(keyed)).hasSize(1);
        assertThat(readAll("s")).filteredOn(r -> text(r).equals("auto")).extracting(Record::sequenceNumber)
            .hasSize(4);
        assertThat(broker.listShards("s").shards()).allSatisfy(shard -> assertThat(readShard("s", shard.shardId()))
            .extracting(BrokerTestSupport::text).contains("auto"));
        assertThatThrownBy(() -> broker.putRecord("s", null, bytes("v")))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value null at 'partitionKey' failed to satisfy constraint:"
                + " Member must not be null");
        assertThatThrownBy(() -> broker.putRecords("s", List.of(PutRecordsRequestEntry.of("k", bytes("v")),
            new PutRecordsRequestEntry(bytes("v"), null, null))))
            .isInstanceOf(ValidationException.class)
            .hasMessage("1 validation error detected: Value null at 'records.2.member.partitionKey' failed to"
                + " satisfy constraint: Member must not be null");
    }

    @Test
    void shouldSpreadOverTheShardsThatScalingOpened() {
        open(b -> b.onDemandScaling(OnDemandScaling.DEFAULTS.withScaleUp(0.8, 10_000)))
            .createStream(CreateStreamRequest.onDemand("s").withRecordDistributionStrategy(AUTO));
        final List<PutRecordsRequestEntry> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(new PutRecordsRequestEntry(bytes("v"), null, null));
        }
        for (int second = 0; second < 15; second++) {
            for (int call = 0; call < 8; call++) {
                broker.putRecords("s", batch);
            }
            clock.advance(1_000);
            broker.scaleOnDemandStreams();
        }
        final int open = broker.describeStreamSummary("s").openShardCount();

        final List<String> spread = broker.putRecords("s", batch.subList(0, open * 10)).records().stream()
            .map(PutRecordsResultEntry::shardId).toList();

        assertThat(open).isGreaterThan(4);
        assertThat(countByShard(spread)).hasSize(open).allSatisfy((shard, count) -> assertThat(count).isEqualTo(10L));
    }

    @Test
    void shouldRefuseAutoForAProvisionedStream() {
        open().createStream("s", 2);

        assertThatThrownBy(() -> broker.updateStreamRecordDistributionStrategy(ARN, AUTO))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("Request is invalid. Stream s under account 000000000000 is in Provisioned mode.");
        broker.updateStreamRecordDistributionStrategy(ARN, USER_PARTITION_KEY);
        assertThatThrownBy(() -> broker.createStream(CreateStreamRequest.of("p", 1)
            .withRecordDistributionStrategy(AUTO)))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("Request is invalid. Stream p under account 000000000000 is in Provisioned mode.");
        assertThat(broker.describeStreamSummary("s").recordDistributionStrategy()).isEqualTo(USER_PARTITION_KEY);
    }

    @Test
    void shouldDescribeTheStrategyAndKeepItThroughARestart() {
        open().createStream(CreateStreamRequest.onDemand("s"));
        final var initial = broker.describeStreamSummary("s").recordDistributionStrategy();

        broker.updateStreamRecordDistributionStrategy(ARN, AUTO);
        reopen();

        assertThat(initial).isEqualTo(USER_PARTITION_KEY);
        assertThat(broker.describeStreamSummary("s").recordDistributionStrategy()).isEqualTo(AUTO);
        assertThat(broker.putRecord("s", null, bytes("v")).shardId()).startsWith("shardId-");
    }

    @Test
    void shouldGoBackToPartitionKeysWhenTheStreamTurnsProvisioned() {
        open().createStream(CreateStreamRequest.onDemand("s").withRecordDistributionStrategy(AUTO));

        broker.updateStreamMode(ARN, StreamMode.PROVISIONED);

        assertThat(broker.describeStreamSummary("s").recordDistributionStrategy()).isEqualTo(USER_PARTITION_KEY);
        assertThatThrownBy(() -> broker.putRecord("s", null, bytes("v")))
            .isInstanceOf(ValidationException.class);
    }

    @Test
    void shouldValidateTheRequestAndRefuseAStreamThatIsNotActive() {
        open(b -> b.reshardDelayMs(5_000)).createStream("s", 2);
        broker.updateStreamMode(ARN, StreamMode.ON_DEMAND);

        assertThatThrownBy(() -> broker.updateStreamRecordDistributionStrategy(
            new UpdateStreamRecordDistributionStrategyRequest(null, null)))
            .isInstanceOf(ValidationException.class)
            .hasMessage("2 validation errors detected: Value null at 'streamARN' failed to satisfy constraint:"
                + " Member must not be null; Value null at 'recordDistributionStrategy' failed to satisfy"
                + " constraint: Member must not be null");
        assertThatThrownBy(() -> broker.updateStreamRecordDistributionStrategy(ARN, AUTO))
            .isInstanceOf(ResourceInUseException.class)
            .hasMessage("Stream s under account 000000000000 not ACTIVE, instead in state UPDATING");
        clock.advance(5_000);
        broker.updateStreamRecordDistributionStrategy(ARN, AUTO);
        assertThat(broker.describeStreamSummary(StreamRequest.of(ARN)).recordDistributionStrategy()).isEqualTo(AUTO);
    }

    @Test
    void shouldStillRefuseAKeylessPutWithTheRequestsOtherViolations() {
        open().createStream("s", 1);

        assertThatThrownBy(() -> broker.putRecord(new PutRecordRequest(StreamRequest.of("s"), null, null, null,
            null)))
            .isInstanceOf(ValidationException.class)
            .hasMessage("2 validation errors detected: Value null at 'partitionKey' failed to satisfy constraint:"
                + " Member must not be null; Value null at 'data' failed to satisfy constraint: Member must not"
                + " be null");
    }

    private static Map<String, Long> countByShard(final List<String> shardIds) {
        return shardIds.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
