package io.embeddedkinesis.core.stream;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.account.AccountSettings;
import io.embeddedkinesis.core.model.CreateStreamRequest;
import io.embeddedkinesis.core.model.PutRecordRequest;
import io.embeddedkinesis.core.model.PutRecordsRequest;
import io.embeddedkinesis.core.model.PutRecordsRequestEntry;
import io.embeddedkinesis.core.model.PutRecordsResultEntry;
import io.embeddedkinesis.core.model.SplitShardRequest;
import io.embeddedkinesis.core.model.StreamRequest;
import io.embeddedkinesis.core.routing.HashKey;
import io.embeddedkinesis.core.routing.PartitionKeyHasher;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream of one open shard takes records there without hashing their keys; a put that finds that shard sealed
 * under it by a split (between the parent's seal and the children's publication) still reaches the child that
 * owns its key's hash.
 */
@Timeout(30)
class RecordWriterTest {
    private static final BigInteger HALF = BigInteger.ONE.shiftLeft(127);
    private static final byte[] DATA = {1, 2, 3};

    @TempDir
    Path directory;

    private final CachedEpochClock clock = new CachedEpochClock();

    @Test
    void shouldRouteAPutRecordThatFoundTheSoleShardSealedByItsKeysHash() throws Exception {
        final String upperKey = keyHashing(true);
        try (StreamRegistry registry = open()) {
            final String shardId = putWhileTheSplitIsUnpublished(registry,
                writer -> writer.putRecord(PutRecordRequest.of("s", upperKey, DATA)).shardId());

            assertThat(shardId).isEqualTo("shardId-000000000002");
        }
    }

    @Test
    void shouldRouteEachPutRecordsEntryThatFoundTheSoleShardSealedByItsKeysHash() throws Exception {
        final String lowerKey = keyHashing(false);
        final String upperKey = keyHashing(true);
        try (StreamRegistry registry = open()) {
            final List<String> shardIds = putWhileTheSplitIsUnpublished(registry, writer -> writer.putRecords(
                    new PutRecordsRequest(StreamRequest.of("s"), List.of(PutRecordsRequestEntry.of(upperKey, DATA),
                        PutRecordsRequestEntry.of(lowerKey, DATA))))
                .records().stream().map(PutRecordsResultEntry::shardId).toList());

            assertThat(shardIds).containsExactly("shardId-000000000002", "shardId-000000000001");
        }
    }

    /**
     * Splits the stream's only shard at half the hash key space, then shows the put the shard set from before the
     * split (the parent open, but its log sealed) until the put has found the seal and waits for the children.
     */
    private <T> T putWhileTheSplitIsUnpublished(final StreamRegistry registry,
        final Function<RecordWriter, T> put) throws Exception {
        registry.create(CreateStreamRequest.of("s", 1));
        clock.advance(60_000);
        final Stream stream = registry.find(StreamRequest.of("s"));
        final ShardSet beforeSplit = stream.shardSet();
        new Resharder(registry).splitShard(new SplitShardRequest(StreamRequest.of("s"), "shardId-000000000000",
            HALF.toString()));
        final ShardSet afterSplit = stream.shardSet();
        stream.shardSet(beforeSplit);
        final RecordWriter writer = new RecordWriter(registry, registry.config());
        final AtomicReference<Thread> putter = new AtomicReference<>();
        final ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            final Future<T> result = executor.submit(() -> {
                putter.set(Thread.currentThread());
                return put.apply(writer);
            });
            awaitRerouting(putter::get);
            stream.shardSet(afterSplit);
            return result.get(10, TimeUnit.SECONDS);
        } finally {
            executor.shutdownNow();
        }
    }

    /** Waits until the put's thread waits in the writer's reroute for the children to be published. */
    private static void awaitRerouting(final Supplier<Thread> putter) {
        while (putter.get() == null || Arrays.stream(putter.get().getStackTrace())
            .noneMatch(frame -> frame.getMethodName().equals("reroute"))) {
            Thread.onSpinWait();
        }
    }

    /** A partition key whose MD5 is in the upper (or lower) half of the hash key space. */
    private static String keyHashing(final boolean upper) {
        for (int i = 0; ; i++) {
            final HashKey hash = PartitionKeyHasher.compute("key-" + i).hashKey();
            if ((hash.toBigInteger().compareTo(HALF) >= 0) == upper) {
                return "key-" + i;
            }
        }
    }

    private StreamRegistry open() {
        clock.update(1_764_000_000_000L);
        final BrokerConfig config = BrokerConfig.builder().directory(directory).clock(clock).build();
        return new StreamRegistry(directory, config, new AccountSettings(directory, config));
    }
}
