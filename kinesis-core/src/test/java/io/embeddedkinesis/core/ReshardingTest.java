package io.embeddedkinesis.core;

import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.LimitExceededException;
import io.embeddedkinesis.core.exception.ResourceInUseException;
import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import io.embeddedkinesis.core.model.ChildShard;
import io.embeddedkinesis.core.model.GetRecordsResult;
import io.embeddedkinesis.core.model.ListShardsRequest;
import io.embeddedkinesis.core.model.PutRecordRequest;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.model.Shard;
import io.embeddedkinesis.core.model.ShardFilter;
import io.embeddedkinesis.core.model.ShardFilterType;
import io.embeddedkinesis.core.model.ShardIteratorType;
import io.embeddedkinesis.core.model.StreamStatus;
import io.embeddedkinesis.core.model.UpdateShardCountResult;
import io.embeddedkinesis.core.routing.HashKeyRange;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReshardingTest extends BrokerTestSupport {
    private static final String SHARD_0 = "shardId-000000000000";
    private static final String SHARD_1 = "shardId-000000000001";
    private static final String SHARD_2 = "shardId-000000000002";
    private static final String MIDDLE = BigInteger.ONE.shiftLeft(127).toString();
    private static final String MAX = "340282366920938463463374607431768211455";

    @Test
    void shouldCloseTheParentAndOpenTwoChildrenOnSplit() {
        open().createStream("s", 1);
        broker.putRecord("s", "before", bytes("old"));

        broker.splitShard("s", SHARD_0, MIDDLE);

        final List<Shard> shards = broker.listShards("s").shards();
        assertThat(shards).extracting(Shard::shardId).containsExactly(SHARD_0, SHARD_1, SHARD_2);
        assertThat(shards.get(0).sequenceNumberRange().endingSequenceNumber()).isNotNull();
        assertThat(shards.get(1).parentShardId()).isEqualTo(SHARD_0);
        assertThat(shards.get(1).hashKeyRange().endingHashKey().toString())
            .isEqualTo(new BigInteger(MIDDLE).subtract(BigInteger.ONE).toString());
        assertThat(shards.get(2).hashKeyRange().startingHashKey().toString()).isEqualTo(MIDDLE);
        assertThat(shards.get(2).hashKeyRange().endingHashKey().toString()).isEqualTo(MAX);
        assertThat(shards.get(1).sequenceNumberRange().endingSequenceNumber()).isNull();
        assertThat(broker.describeStreamSummary("s").openShardCount()).isEqualTo(2);
    }

    @Test
    void shouldRouteNewRecordsToTheChildrenAndEndTheParentWithChildShards() {
        open().createStream("s", 1);
        final String old = broker.putRecord("s", "k", bytes("old")).sequenceNumber();
        final String iterator = broker.getShardIterator("s", SHARD_0, ShardIteratorType.TRIM_HORIZON);
        broker.splitShard("s", SHARD_0, MIDDLE);

        final String low = broker.putRecord(PutRecordRequest.of("s", "k", bytes("low")).withExplicitHashKey("1"))
            .shardId();
        final String high = broker.putRecord(PutRecordRequest.of("s", "k", bytes("high")).withExplicitHashKey(MAX))
            .shardId();
        final GetRecordsResult parent = broker.getRecords(iterator);
        final GetRecordsResult end = parent.nextShardIterator() == null ? parent : broker.getRecords(
            parent.nextShardIterator());

        assertThat(low).isEqualTo(SHARD_1);
        assertThat(high).isEqualTo(SHARD_2);
        assertThat(parent.records()).extracting(Record::sequenceNumber).containsExactly(old);
        assertThat(end.nextShardIterator()).isNull();
        assertThat(end.childShards()).extracting(ChildShard::shardId).containsExactly(SHARD_1, SHARD_2);
        assertThat(end.childShards().get(0).parentShards()).containsExactly(SHARD_0);
        assertThat(end.childShards().get(1).hashKeyRange().endingHashKey().toString()).isEqualTo(MAX);
        assertThat(texts(SHARD_1)).containsExactly("low");
        assertThat(texts(SHARD_2)).containsExactly("high");
    }

    @Test
    void shouldEndALatestIteratorOnAClosedShardAtOnce() {
        open().createStream("s", 1);
        broker.splitShard("s", SHARD_0, MIDDLE);

        final GetRecordsResult result = broker.getRecords(broker.getShardIterator("s", SHARD_0,
            ShardIteratorType.LATEST));

        assertThat(result.records()).isEmpty();
        assertThat(result.nextShardIterator()).isNull();
        assertThat(result.childShards()).hasSize(2);
    }

    @Test
    void shouldRefuseSplitsAsKinesisDoes() {
        open().createStream("s", 1);
        broker.splitShard("s", SHARD_0, MIDDLE);

        assertThatThrownBy(() -> broker.splitShard("s", SHARD_0, MIDDLE))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("Shard shardId-000000000000 in stream s under account 000000000000 has already been merged"
                + " or split, and thus is not eligible for merging or splitting.");
        assertThatThrownBy(() -> broker.splitShard("s", SHARD_2, MIDDLE))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("NewStartingHashKey " + MIDDLE + " used in SplitShard() on shard shardId-000000000002 in stream"
                + " s under account 000000000000 is not both greater than one plus the shard's StartingHashKey "
                + MIDDLE
                + " and less than the shard's EndingHashKey " + MAX + ".");
        assertThatThrownBy(() -> broker.splitShard("s", "shardId-000000000009", MIDDLE))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Could not find shard shardId-000000000009 in stream s under account 000000000000.");
    }

    @Test
    void shouldNameAnUnreadableShardIdBeforeAMissingStream() {
        open();

        assertThatThrownBy(() -> broker.splitShard("missing", "ABKLFD8", MIDDLE))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Could not find shard ABKLFD8 in stream missing under account 000000000000.");
        assertThatThrownBy(() -> broker.mergeShards("arn:aws:kinesis:us-east-1:000000000000:stream/missing",
            "shardId-000000000000", "2147483648"))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Could not find shard 2147483648 in stream missing under account 000000000000.");
        assertThatThrownBy(() -> broker.mergeShards("missing", "shardId-000000000000", "shardId-000000000001"))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Stream missing under account 000000000000 not found.");
    }

    @Test
    void shouldMergeAShardWithTheShardAboveIt() {
        open().createStream("s", 3);

        assertThatThrownBy(() -> broker.mergeShards("s", SHARD_0, SHARD_2))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("Shards shardId-000000000000 and shardId-000000000002 in stream s under account 000000000000"
                + " are not an adjacent pair of shards eligible for merging");
        assertThatThrownBy(() -> broker.mergeShards("s", SHARD_2, SHARD_1))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessageEndingWith("are not an adjacent pair of shards eligible for merging");
        broker.mergeShards("s", SHARD_1, SHARD_2);

        final Shard child = broker.listShards("s").shards().get(3);
        assertThat(child.parentShardId()).isEqualTo(SHARD_1);
        assertThat(child.adjacentParentShardId()).isEqualTo(SHARD_2);
        assertThat(child.hashKeyRange().startingHashKey().toString())
            .isEqualTo(HashKeyRange.evenSplit(3).get(1).startingHashKey().toString());
        assertThat(child.hashKeyRange().endingHashKey().toString()).isEqualTo(MAX);
        assertThatThrownBy(() -> broker.mergeShards("s", SHARD_0, SHARD_1))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessageContaining("has already been merged or split");
    }

    @Test
    void shouldScaleUniformlyThroughSplitsAndMerges() {
        open().createStream("s", 3);
        for (int i = 0; i < 30; i++) {
            broker.putRecord("s", "k" + i, bytes("before-" + i));
        }

        final UpdateShardCountResult result = broker.updateShardCount("s", 5);
        for (int i = 0; i < 30; i++) {
            broker.putRecord("s", "k" + i, bytes("after-" + i));
        }

        assertThat(result.currentShardCount()).isEqualTo(3);
        assertThat(result.targetShardCount()).isEqualTo(5);
        final List<Shard> open = broker.listShards(ListShardsRequest.of("s", null)
            .withShardFilter(ShardFilter.of(ShardFilterType.AT_LATEST))).shards();
        assertThat(open.stream().map(shard -> shard.hashKeyRange().startingHashKey()).sorted().toList())
            .containsExactlyElementsOf(HashKeyRange.evenSplit(5).stream().map(HashKeyRange::startingHashKey).toList());
        assertThat(broker.listShards("s").shards()).allSatisfy(shard ->
            assertThat(shard.parentShardId() == null ? 0 : shard.adjacentParentShardId() == null ? 1
                : 2).isLessThanOrEqualTo(2));
        assertThat(readAll("s")).hasSize(60);
        broker.updateShardCount("s", 3);
        assertThat(broker.describeStreamSummary("s").openShardCount()).isEqualTo(3);
    }

    @Test
    void shouldRefuseShardCountsKinesisRefuses() {
        open(b -> b.shardLimit(7)).createStream("s", 2);

        assertThatThrownBy(() -> broker.updateShardCount("s", 5))
            .isInstanceOf(LimitExceededException.class)
            .hasMessage("UpdateShardCount cannot scale up over double your current open shard count. Current open"
                + " shard count: 2, Target shard count: 5");
        assertThatThrownBy(() -> broker.updateShardCount("s", 0))
            .isInstanceOf(io.embeddedkinesis.core.exception.ValidationException.class);
        broker.updateShardCount("s", 4);
        assertThatThrownBy(() -> broker.updateShardCount("s", 1))
            .isInstanceOf(LimitExceededException.class)
            .hasMessage("UpdateShardCount cannot scale down below half your current open shard count. Current open"
                + " shard count: 4, Target shard count: 1");
        assertThatThrownBy(() -> broker.updateShardCount("s", 8))
            .isInstanceOf(LimitExceededException.class)
            .hasMessage("Target shard count or number of open shards cannot be greater than 7. Current open shard"
                + " count: 4, Target shard count: 8");
        broker.createStream("t", 1);
        assertThatThrownBy(() -> broker.updateShardCount("s", 7))
            .isInstanceOf(LimitExceededException.class)
            .hasMessage("Target shard count or number of open shards cannot be greater than 7. Current open shard"
                + " count: 4, Target shard count: 7");
    }

    @Test
    void shouldAllowTenShardCountUpdatesPerRollingDay() {
        open().createStream("s", 2);
        for (int i = 0; i < 10; i++) {
            broker.updateShardCount("s", i % 2 == 0 ? 4 : 2);
            clock.advance(60_000);
        }

        assertThatThrownBy(() -> broker.updateShardCount("s", 4))
            .isInstanceOf(LimitExceededException.class);
        clock.advance(24 * 3_600_000L);
        broker.updateShardCount("s", 4);
    }

    @Test
    void shouldStayUpdatingForTheReshardDelayAndRefuseReshardsMeanwhile() {
        open(b -> b.reshardDelayMs(5_000)).createStream("s", 1);
        broker.splitShard("s", SHARD_0, MIDDLE);

        assertThat(broker.describeStreamSummary("s").streamStatus()).isEqualTo(StreamStatus.UPDATING);
        broker.putRecord("s", "k", bytes("still writable"));
        assertThatThrownBy(() -> broker.splitShard("s", SHARD_1, "1000"))
            .isInstanceOf(ResourceInUseException.class)
            .hasMessage("Stream s under account 000000000000 not ACTIVE, instead in state UPDATING");
        clock.advance(5_000);
        assertThat(broker.describeStreamSummary("s").streamStatus()).isEqualTo(StreamStatus.ACTIVE);
    }

    @Test
    void shouldFilterShardsAsKinesisDoes() {
        open().createStream("s", 1);
        clock.advance(1_000);
        broker.splitShard("s", SHARD_0, MIDDLE);
        final long splitAt = clock.time();
        clock.advance(1_000);

        assertThat(filtered(ShardFilter.of(ShardFilterType.AT_LATEST))).containsExactly(SHARD_1, SHARD_2);
        assertThat(filtered(ShardFilter.of(ShardFilterType.FROM_TRIM_HORIZON))).containsExactly(SHARD_0, SHARD_1,
            SHARD_2);
        assertThat(filtered(ShardFilter.of(ShardFilterType.AT_TRIM_HORIZON))).containsExactly(SHARD_0);
        assertThat(filtered(new ShardFilter(ShardFilterType.AFTER_SHARD_ID, SHARD_0, null))).containsExactly(SHARD_1,
            SHARD_2);
        assertThat(filtered(new ShardFilter(ShardFilterType.AT_TIMESTAMP, null, Instant.ofEpochMilli(splitAt - 1))))
            .containsExactly(SHARD_0);
        assertThat(filtered(new ShardFilter(ShardFilterType.AT_TIMESTAMP, null, Instant.ofEpochMilli(splitAt))))
            .containsExactly(SHARD_1, SHARD_2);
        assertThat(filtered(new ShardFilter(ShardFilterType.FROM_TIMESTAMP, null, Instant.ofEpochMilli(splitAt + 1))))
            .containsExactly(SHARD_1, SHARD_2);
        assertThat(filtered(new ShardFilter(ShardFilterType.FROM_TIMESTAMP, null, Instant.ofEpochMilli(splitAt))))
            .containsExactly(SHARD_0, SHARD_1, SHARD_2);
    }

    @Test
    void shouldCarryTheFilterAcrossPages() {
        open().createStream("s", 1);
        broker.splitShard("s", SHARD_0, MIDDLE);
        final ListShardsRequest first = ListShardsRequest.of("s", 1).withShardFilter(ShardFilter.of(
            ShardFilterType.AT_LATEST));

        final String token = broker.listShards(first).nextToken();

        assertThat(broker.listShards(ListShardsRequest.next(token, 5)).shards()).extracting(Shard::shardId)
            .containsExactly(SHARD_2);
        assertThatThrownBy(() -> broker.listShards(ListShardsRequest.next(token, 5)
            .withShardFilter(ShardFilter.of(ShardFilterType.AT_LATEST))))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("NextToken and ShardFilter cannot be provided together.");
    }

    @Test
    void shouldExpireAClosedShardOnceRetentionPassesOverIt() {
        open().createStream("s", 1);
        broker.putRecord("s", "k", bytes("old"));
        broker.splitShard("s", SHARD_0, MIDDLE);
        clock.advance(24 * 3_600_000L + 1);

        assertThat(broker.listShards("s").shards()).extracting(Shard::shardId).containsExactly(SHARD_1, SHARD_2);
        assertThatThrownBy(() -> broker.getShardIterator("s", SHARD_0, ShardIteratorType.TRIM_HORIZON))
            .isInstanceOf(ResourceNotFoundException.class);
        broker.enforceRetention();
        assertThat(broker.listShards("s").shards()).extracting(Shard::shardId).containsExactly(SHARD_1, SHARD_2);
        assertThat(broker.describeStream("s").shards()).hasSize(2);
    }

    @Test
    void shouldRestoreClosedShardsAndLineageWhenReopened() {
        open().createStream("s", 2);
        broker.putRecord("s", "k", bytes("v"));
        broker.mergeShards("s", SHARD_0, SHARD_1);
        final List<Shard> before = broker.listShards("s").shards();

        reopen();

        assertThat(broker.listShards("s").shards()).isEqualTo(before);
        broker.putRecord("s", "k", bytes("after"));
        assertThat(texts(SHARD_2)).containsExactly("after");
        assertThatThrownBy(() -> broker.mergeShards("s", SHARD_0, SHARD_1))
            .isInstanceOf(InvalidArgumentException.class);
    }

    private List<String> filtered(final ShardFilter filter) {
        return broker.listShards(ListShardsRequest.of("s", null).withShardFilter(filter)).shards().stream()
            .map(Shard::shardId).toList();
    }

    private List<String> texts(final String shardId) {
        return readShard("s", shardId).stream().map(BrokerTestSupport::text).toList();
    }
}
