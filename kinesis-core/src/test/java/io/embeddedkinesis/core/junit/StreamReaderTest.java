package io.embeddedkinesis.core.junit;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.exception.ProvisionedThroughputExceededException;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.model.SequenceNumberRange;
import io.embeddedkinesis.core.model.Shard;
import io.embeddedkinesis.core.model.ShardIteratorType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@EmbeddedKinesis(throttling = false)
@KinesisStream(name = "s", shards = 2)
@Timeout(60)
class StreamReaderTest {
    private static final String SHARD_0 = "shardId-000000000000";

    KinesisBroker broker;
    TestClock clock;
    StreamReader reader;

    @Test
    void shouldReadEveryKeysRecordsInPutOrderAcrossASplitAndAMerge() {
        final List<String> put = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int key = 0; key < 20; key++) {
                final String text = "k" + key + "-" + round;
                broker.putRecord("s", "k" + key, bytes(text));
                put.add(text);
            }
            if (round == 0) {
                broker.splitShard("s", SHARD_0, BigInteger.ONE.shiftLeft(126).toString());
            } else if (round == 1) {
                broker.mergeShards("s", "shardId-000000000002", "shardId-000000000003");
            }
        }

        final List<String> read = reader.readAll("s").stream().map(StreamReaderTest::text).toList();

        assertThat(read).containsExactlyInAnyOrderElementsOf(put);
        for (int key = 0; key < 20; key++) {
            final String prefix = "k" + key + "-";
            assertThat(read.stream().filter(text -> text.startsWith(prefix)))
                .containsExactly(prefix + 0, prefix + 1, prefix + 2);
        }
    }

    @Test
    void shouldOrderShardsAfterTheirListedParents() {
        final Shard merged = shard("shardId-000000000004", "shardId-000000000002", "shardId-000000000003");
        final Shard left = shard("shardId-000000000002", SHARD_0, null);
        final Shard right = shard("shardId-000000000003", SHARD_0, null);
        final Shard parent = shard(SHARD_0, null, null);
        final Shard orphan = shard("shardId-000000000005", "shardId-000000000001", null);

        assertThat(ShardOrder.parentsFirst(List.of(merged, orphan, right, left, parent)))
            .containsExactly(orphan, parent, right, left, merged);
    }

    @Test
    void shouldReturnAsSoonAsAnotherThreadHasPutTheRecords() {
        final CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 50; i++) {
                broker.putRecord("s", "key-" + i, bytes("v" + i));
            }
        });

        final List<Record> records = reader.awaitRecords("s", 50, Duration.ofSeconds(30));

        producer.join();
        assertThat(records).hasSize(50);
    }

    @Test
    void shouldAwaitAMatchingRecordOfAStreamCreatedMeanwhile() {
        final CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            broker.createStream("later", 1);
            broker.putRecord("later", "a", bytes("first"));
            broker.putRecord("later", "target", bytes("second"));
        });

        final Record found = reader.awaitRecord("later", r -> "target".equals(r.partitionKey()), Duration.ofMinutes(1));

        producer.join();
        assertThat(text(found)).isEqualTo("second");
    }

    @Test
    void shouldFailWithWhatItReadWhenTheRecordsDoNotCome() {
        broker.putRecord("s", "k", bytes("only"));

        assertThatThrownBy(() -> reader.awaitRecords("s", 2, Duration.ofMillis(20)))
            .isInstanceOf(AssertionError.class)
            .hasMessage("expected 2 records in stream s within PT0.02S; records read: 1");
        assertThatThrownBy(() -> reader.awaitRecord("missing", r -> true, Duration.ZERO))
            .isInstanceOf(AssertionError.class)
            .hasMessage("expected a matching record in stream missing within PT0S; records read: 0; the stream was"
                + " not found: Stream missing under account 000000000000 not found.");
    }

    @Test
    @EmbeddedKinesis
    @KinesisStream(name = "t")
    void shouldSayThatReadsWereThrottledWhenTheClockStandsStill() {
        broker.putRecord("t", "k", bytes("v"));
        final String iterator = broker.getShardIterator("t", SHARD_0, ShardIteratorType.TRIM_HORIZON);
        for (int call = 0; call < 5; call++) {
            broker.getRecords(iterator);
        }

        assertThatThrownBy(() -> reader.awaitRecords("t", 1, Duration.ZERO))
            .isInstanceOf(AssertionError.class)
            .hasMessage("expected 1 records in stream t within PT0S; records read: 0; GetRecords calls throttled: 1"
                + " (a shard allows 5 a second of the broker's clock: move the clock, or declare throttling = false)");
        clock.advance(Duration.ofSeconds(1));
        assertThat(reader.awaitRecords("t", 1, Duration.ZERO)).hasSize(1);
    }

    @Test
    @EmbeddedKinesis
    @KinesisStream(name = "t")
    void shouldSpendNoReadsWhileNothingIsPut() {
        assertThatThrownBy(() -> reader.awaitRecords("t", 1, Duration.ofMillis(50))).isInstanceOf(AssertionError.class);

        final String iterator = broker.getShardIterator("t", SHARD_0, ShardIteratorType.TRIM_HORIZON);
        for (int call = 0; call < 4; call++) {
            broker.getRecords(iterator);
        }
        assertThatThrownBy(() -> broker.getRecords(iterator)).as("the wait's first poll took the fifth")
            .isInstanceOf(ProvisionedThroughputExceededException.class);
    }

    @Test
    void shouldContinueAfterTheLastRecordReadWhenItsIteratorExpiresBetweenPolls() {
        final StreamCursor cursor = new StreamCursor("s");
        broker.putRecord("s", "k", bytes("before"));
        assertThat(cursor.poll(broker)).extracting(StreamReaderTest::text).containsExactly("before");

        clock.advance(Duration.ofMinutes(6));
        broker.putRecord("s", "k", bytes("after"));

        assertThat(cursor.poll(broker)).extracting(StreamReaderTest::text).containsExactly("after");
        assertThat(cursor.poll(broker)).isEmpty();
    }

    @Test
    void shouldReadChildrenOnlyAfterTheirParentWasReadToItsEnd() {
        final StreamCursor cursor = new StreamCursor("s");
        assertThat(cursor.poll(broker)).isEmpty();
        broker.putRecord("s", "k", bytes("parent"));
        broker.splitShard("s", SHARD_0, BigInteger.ONE.shiftLeft(125).toString());
        broker.splitShard("s", "shardId-000000000001",
            BigInteger.ONE.shiftLeft(127).add(BigInteger.ONE.shiftLeft(126)).toString());
        broker.putRecord("s", "k", bytes("child"));

        assertThat(cursor.poll(broker)).extracting(StreamReaderTest::text).containsExactly("parent", "child");
    }

    @Test
    void shouldReadAShardFromItsOldestRecord() {
        broker.putRecord("s", "k", bytes("one"));
        broker.putRecord("s", "k", bytes("two"));
        final String shardId = broker.putRecord("s", "k", bytes("three")).shardId();

        assertThat(reader.readShard("s", shardId)).extracting(StreamReaderTest::text)
            .containsExactly("one", "two", "three");
        assertThat(StreamReader.of(broker).readAll("s")).hasSize(3);
    }

    private static Shard shard(final String id, final String parent, final String adjacentParent) {
        return new Shard(id, parent, adjacentParent, null, new SequenceNumberRange("0", null));
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(final Record record) {
        return new String(record.data(), StandardCharsets.UTF_8);
    }
}
