package io.embeddedkinesis.core.kpl;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.ShardLimits;
import io.embeddedkinesis.core.model.CreateStreamRequest;
import io.embeddedkinesis.core.model.GetRecordsRequest;
import io.embeddedkinesis.core.model.GetRecordsResult;
import io.embeddedkinesis.core.model.PutRecordResult;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.model.Shard;
import io.embeddedkinesis.core.model.ShardIteratorType;
import io.embeddedkinesis.core.routing.HashKey;
import io.embeddedkinesis.core.routing.HashKeyRange;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.embeddedkinesis.core.kpl.KplVectorsTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link RecordAggregator#putRecords} against a real broker, read back with {@link RecordDeaggregator} as a KCL
 * consumer reads: per shard, with the shard's hash key range.
 */
class AggregatedPutTest {
    private static final String MIDDLE = "170141183460469231731687303715884105728";

    @TempDir
    Path directory;

    private final CachedEpochClock clock = new CachedEpochClock();
    private KinesisBroker broker;

    @BeforeEach
    void openBroker() {
        clock.update(1_764_000_000_000L);
        broker = KinesisBroker.open(BrokerConfig.builder().directory(directory).clock(clock)
            .housekeepingIntervalMs(0).build());
    }

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    @Test
    void shouldPutUserRecordsInAggregatesPerShardAndReadEachShardsBackInOrder() {
        broker.createStream("clicks", 2);
        final List<UserRecord> records = userRecords(300, 200);

        final List<UserRecordResult> results = new RecordAggregator().putRecords(broker, "clicks", records);

        assertThat(results).hasSize(records.size()).allMatch(UserRecordResult::isSuccessful);
        int kinesisRecords = 0;
        for (final Shard shard : broker.listShards("clicks").shards()) {
            final List<Record> stored = readShard("clicks", shard.shardId());
            kinesisRecords += stored.size();
            final List<DeaggregatedRecord> read = RecordDeaggregator.deaggregate(stored, shard.hashKeyRange());
            final List<UserRecord> put = new ArrayList<>();
            final List<UserRecordResult> putResults = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                final HashKey hashKey = records.get(i).hashKey();
                if (shard.hashKeyRange().contains(hashKey.high(), hashKey.low())) {
                    put.add(records.get(i));
                    putResults.add(results.get(i));
                }
            }
            assertThat(read).extracting(DeaggregatedRecord::partitionKey)
                .containsExactlyElementsOf(put.stream().map(UserRecord::partitionKey).toList());
            for (int i = 0; i < read.size(); i++) {
                assertThat(read.get(i).data()).isEqualTo(put.get(i).data());
                assertThat(putResults.get(i)).isEqualTo(UserRecordResult.success(shard.shardId(),
                    read.get(i).sequenceNumber(), read.get(i).subSequenceNumber()));
            }
        }
        assertThat(kinesisRecords).as("300 records of 200 bytes fit in one aggregate a shard").isEqualTo(2);
    }

    @Test
    void shouldRouteAnAggregatePutWithPutRecordToTheShardOfItsFirstUserRecord() {
        broker.createStream("clicks", 4);
        final List<UserRecord> sameShard = List.of(new UserRecord("first", MIDDLE, bytes("1")),
            new UserRecord("second", MIDDLE, bytes("2")));
        final AggregatedRecord aggregate = new RecordAggregator()
            .aggregate(sameShard, List.of(HashKeyRange.ALL)).get(0);

        final PutRecordResult put = broker.putRecord(aggregate.toPutRecordRequest("clicks"));

        assertThat(put.shardId()).isEqualTo("shardId-000000000002");
        final List<Record> stored = readShard("clicks", put.shardId());
        assertThat(stored).singleElement().extracting(Record::partitionKey).isEqualTo("a");
        assertThat(RecordDeaggregator.deaggregate(stored.get(0))).extracting(DeaggregatedRecord::partitionKey)
            .containsExactly("first", "second");
    }

    @Test
    void shouldReportWrongShardForAnAggregatePackedByAShardMapListedBeforeASplit() {
        broker.createStream("orders", 1);
        final ShardMap beforeSplit = new ShardMap(broker.listShards("orders").shards());
        broker.splitShard("orders", "shardId-000000000000", MIDDLE);
        final List<UserRecord> records = List.of(new UserRecord("low", "1", bytes("low")),
            new UserRecord("high", MIDDLE, bytes("high")), new UserRecord("low", "2", bytes("low too")));

        final List<UserRecordResult> stale =
            new AggregatedRecordWriter(new RecordAggregator(), broker, "orders").putRecords(records, beforeSplit);

        assertThat(stale).extracting(UserRecordResult::errorCode).containsOnly("Wrong Shard");
        assertThat(stale).extracting(UserRecordResult::errorMessage).containsExactly(
            "Record 0 did not end up in expected shard.", "Record 1 did not end up in expected shard.",
            "Record 2 did not end up in expected shard.");
        final Shard lowChild = broker.listShards("orders").shards().get(1);
        assertThat(lowChild.shardId()).isEqualTo("shardId-000000000001");
        final List<Record> misrouted = readShard("orders", lowChild.shardId());
        assertThat(misrouted).as("the aggregate went to the shard of its first user record").hasSize(1);
        assertThat(RecordDeaggregator.deaggregate(misrouted, lowChild.hashKeyRange()))
            .as("and a KCL reader of that shard drops it").isEmpty();

        final List<UserRecordResult> retried = new RecordAggregator().putRecords(broker, "orders", records);

        assertThat(retried).allMatch(UserRecordResult::isSuccessful).extracting(UserRecordResult::shardId)
            .containsExactly("shardId-000000000001", "shardId-000000000002", "shardId-000000000001");
        assertThat(RecordDeaggregator.deaggregate(readShard("orders", "shardId-000000000001"),
            lowChild.hashKeyRange())).extracting(user -> new String(user.data())).containsExactly("low", "low too");
    }

    @Test
    void shouldFailTheUserRecordsOfAThrottledAggregateWithTheThrottlingError() {
        broker.createStream(CreateStreamRequest.of("throttled", 1)
            .withShardLimits(new ShardLimits(ShardLimits.UNLIMITED, 2, ShardLimits.UNLIMITED, ShardLimits.UNLIMITED)));
        final List<UserRecord> records = userRecords(20, 40);

        final List<UserRecordResult> results = new RecordAggregator(200).putRecords(broker, "throttled", records);

        final List<UserRecordResult> failed = results.stream().filter(result -> !result.isSuccessful()).toList();
        assertThat(results.get(0).isSuccessful()).isTrue();
        assertThat(failed).isNotEmpty().allSatisfy(result -> {
            assertThat(result.errorCode()).isEqualTo("ProvisionedThroughputExceededException");
            assertThat(result.errorMessage()).startsWith("Rate exceeded for shard shardId-000000000000 in stream");
        });
        final List<DeaggregatedRecord> read = RecordDeaggregator.deaggregate(
            readShard("throttled", "shardId-000000000000"), HashKeyRange.ALL);
        assertThat(read).as("exactly the user records reported written were written")
            .hasSize(results.size() - failed.size());
        assertThat(readShard("throttled", "shardId-000000000000")).hasSize(2);
    }

    @Test
    void shouldKeepAggregatesWithinTheStreamsMaximumRecordSize() {
        broker.createStream(CreateStreamRequest.of("large", 1).withShardLimits(ShardLimits.NONE));   // 3 MiB at once
        final List<UserRecord> records = userRecords(300, 10 * 1024);

        final List<UserRecordResult> results =
            new RecordAggregator(RecordAggregator.MAX_AGGREGATION_MAX_SIZE_BYTES).putRecords(broker, "large", records);

        assertThat(results).extracting(UserRecordResult::errorCode).containsOnlyNulls();
        final List<Record> stored = readShard("large", "shardId-000000000000");
        assertThat(stored).hasSizeGreaterThanOrEqualTo(3)
            .allSatisfy(record -> assertThat(record.data().length + 1).isLessThanOrEqualTo(1024 * 1024));
        assertThat(RecordDeaggregator.deaggregate(stored, HashKeyRange.ALL))
            .hasSize(300);
    }

    @Test
    void shouldRefuseAUserRecordOverTheStreamsMaximumRecordSizeBeforePuttingAnything() {
        broker.createStream("clicks", 1);
        final List<UserRecord> records = List.of(UserRecord.of("k", bytes("small")),
            UserRecord.of("k", new byte[1024 * 1024]));

        assertThatThrownBy(() -> new RecordAggregator().putRecords(broker, "clicks", records))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("user record larger than the stream's maximum record size: index=1");
        assertThat(readShard("clicks", "shardId-000000000000")).isEmpty();
        assertThat(new RecordAggregator().putRecords(broker, "clicks", List.of())).isEmpty();
    }

    private static List<UserRecord> userRecords(final int count, final int dataBytes) {
        final List<UserRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            final byte[] data = new byte[dataBytes];
            data[0] = (byte) i;
            records.add(UserRecord.of("user-" + i % 40, data));
        }
        return records;
    }

    private List<Record> readShard(final String stream, final String shardId) {
        final List<Record> records = new ArrayList<>();
        String iterator = broker.getShardIterator(stream, shardId, ShardIteratorType.TRIM_HORIZON);
        while (true) {
            final GetRecordsResult result = broker.getRecords(new GetRecordsRequest(iterator, 10_000, null));
            records.addAll(result.records());
            iterator = result.nextShardIterator();
            if (result.records().isEmpty() || iterator == null) {
                return records;
            }
        }
    }
}
