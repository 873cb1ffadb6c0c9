package io.embeddedkinesis.core;

import io.embeddedkinesis.core.exception.KinesisException;
import io.embeddedkinesis.core.model.GetRecordsRequest;
import io.embeddedkinesis.core.model.GetRecordsResult;
import io.embeddedkinesis.core.model.ListShardsRequest;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.model.Shard;
import io.embeddedkinesis.core.model.ShardFilter;
import io.embeddedkinesis.core.model.ShardFilterType;
import io.embeddedkinesis.core.model.ShardIteratorType;
import io.embeddedkinesis.core.routing.HashKey;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import org.agrona.concurrent.CachedEpochClock;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After any sequence of splits, merges and shard count updates interleaved with puts: the open shards'
 * hash key ranges cover 0..2^128-1 exactly once; reading every shard, parents before children, returns
 * every record exactly once; and the records of each partition key come in the order they were put.
 */
class ReshardingProperties {
    private KinesisBroker broker;
    private Path directory;

    @AfterTry
    void close() throws IOException {
        if (broker != null) {
            broker.close();
            broker = null;
        }
        if (directory != null) {
            io.embeddedkinesis.core.stream.FileTrees.deleteRecursively(directory);
        }
    }

    @Property(tries = 40)
    void reshardingKeepsCoverageAndEveryRecordInOrder(@ForAll("steps") final List<Integer> steps) throws IOException {
        directory = Files.createTempDirectory("resharding-property");
        final CachedEpochClock clock = new CachedEpochClock();
        clock.update(1_764_000_000_000L);
        broker = KinesisBroker.open(BrokerConfig.builder().directory(directory).clock(clock)
            .shardLimits(ShardLimits.NONE).housekeepingIntervalMs(0).shardLimit(10_000).build());
        broker.createStream("p", 2);
        final Map<String, Integer> putPerKey = new HashMap<>();
        int puts = 0;
        for (final int step : steps) {
            puts += putSome(putPerKey, step);
            try {
                reshard(step);
            } catch (final KinesisException refused) {
                // A step Kinesis refuses (e.g. a split key too close to the range start) changes nothing.
            }
            clock.advance(1_000);
        }
        puts += putSome(putPerKey, 7);

        assertCoverage();
        assertEveryRecordOnceInKeyOrder(puts);
    }

    @Provide
    Arbitrary<List<Integer>> steps() {
        return Arbitraries.integers().between(0, 1_000_000).list().ofMinSize(1).ofMaxSize(12);
    }

    private int putSome(final Map<String, Integer> putPerKey, final int seed) {
        final int count = 1 + seed % 20;
        for (int i = 0; i < count; i++) {
            final String key = "key-" + ((seed + i) % 9);
            final int next = putPerKey.merge(key, 1, Integer::sum) - 1;
            broker.putRecord("p", key, (key + ":" + next).getBytes(StandardCharsets.UTF_8));
        }
        return count;
    }

    private void reshard(final int step) {
        final List<Shard> open = broker.listShards(ListShardsRequest.of("p", null)
            .withShardFilter(ShardFilter.of(ShardFilterType.AT_LATEST))).shards();
        final Shard shard = open.get(step % open.size());
        switch (step % 3) {
            case 0 -> {
                final BigInteger start = shard.hashKeyRange().startingHashKey().toBigInteger();
                final BigInteger end = shard.hashKeyRange().endingHashKey().toBigInteger();
                final BigInteger span = end.subtract(start);
                final BigInteger key = start.add(span.multiply(BigInteger.valueOf(1 + step % 97)).divide(
                    BigInteger.valueOf(98)));
                broker.splitShard("p", shard.shardId(), key.toString());
            }
            case 1 -> {
                final int index = open.indexOf(shard);
                if (index + 1 < open.size()) {
                    broker.mergeShards("p", shard.shardId(), open.get(index + 1).shardId());
                }
            }
            default -> {
                final int current = open.size();
                final int low = (current + 1) / 2;
                final int high = 2 * current;
                broker.updateShardCount("p", low + step % (high - low + 1));
            }
        }
    }

    private void assertCoverage() {
        final List<Shard> open = broker.listShards(ListShardsRequest.of("p", null)
            .withShardFilter(ShardFilter.of(ShardFilterType.AT_LATEST))).shards();
        final List<Shard> sorted = new ArrayList<>(open);
        sorted.sort((a, b) -> a.hashKeyRange().startingHashKey().compareTo(b.hashKeyRange().startingHashKey()));
        assertThat(sorted.get(0).hashKeyRange().startingHashKey()).isEqualTo(HashKey.MIN);
        assertThat(sorted.get(sorted.size() - 1).hashKeyRange().endingHashKey()).isEqualTo(HashKey.MAX);
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i).hashKeyRange().startingHashKey().toBigInteger())
                .isEqualTo(sorted.get(i - 1).hashKeyRange().endingHashKey().toBigInteger().add(BigInteger.ONE));
        }
    }

    /** Reads shards in an order where every shard comes after its parents, as a KCL consumer does. */
    private void assertEveryRecordOnceInKeyOrder(final int puts) {
        final List<Shard> shards = broker.listShards("p").shards();
        final Set<String> done = new HashSet<>();
        final Set<String> sequenceNumbers = new HashSet<>();
        final Map<String, Integer> nextPerKey = new HashMap<>();
        int read = 0;
        while (done.size() < shards.size()) {
            for (final Shard shard : shards) {
                if (done.contains(shard.shardId()) || !parentsDone(shard, done, shards)) {
                    continue;
                }
                for (final Record record : readShard(shard.shardId())) {
                    assertThat(sequenceNumbers.add(record.sequenceNumber())).as("duplicate").isTrue();
                    final String value = new String(record.data(), StandardCharsets.UTF_8);
                    final String key = value.substring(0, value.indexOf(':'));
                    final int counter = Integer.parseInt(value.substring(value.indexOf(':') + 1));
                    assertThat(counter).as("order of %s", key).isEqualTo(nextPerKey.getOrDefault(key, 0));
                    nextPerKey.put(key, counter + 1);
                    read++;
                }
                done.add(shard.shardId());
            }
        }
        assertThat(read).isEqualTo(puts);
    }

    private static boolean parentsDone(final Shard shard, final Set<String> done, final List<Shard> shards) {
        return isDoneOrGone(shard.parentShardId(), done, shards) && isDoneOrGone(shard.adjacentParentShardId(), done,
            shards);
    }

    private static boolean isDoneOrGone(final String parent, final Set<String> done, final List<Shard> shards) {
        return parent == null || done.contains(parent) || shards.stream().noneMatch(s -> s.shardId().equals(parent));
    }

    private List<Record> readShard(final String shardId) {
        final List<Record> records = new ArrayList<>();
        String iterator = broker.getShardIterator("p", shardId, ShardIteratorType.TRIM_HORIZON);
        while (iterator != null) {
            final GetRecordsResult result = broker.getRecords(new GetRecordsRequest(iterator, 10_000, null));
            records.addAll(result.records());
            if (result.records().isEmpty() && result.nextShardIterator() != null) {
                break;
            }
            iterator = result.nextShardIterator();
        }
        return records;
    }
}
