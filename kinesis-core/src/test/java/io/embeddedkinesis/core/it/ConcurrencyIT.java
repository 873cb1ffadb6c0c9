package io.embeddedkinesis.core.it;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.ShardLimits;
import io.embeddedkinesis.core.model.GetRecordsRequest;
import io.embeddedkinesis.core.model.GetRecordsResult;
import io.embeddedkinesis.core.model.PutRecordsRequestEntry;
import io.embeddedkinesis.core.model.PutRecordsResult;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.model.Shard;
import io.embeddedkinesis.core.model.ShardIteratorType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many producers and readers at once on one broker: no record is lost or duplicated, every reader sees
 * its shard in sequence order, and every partition key's records arrive in the order they were put.
 */
class ConcurrencyIT {
    private static final String STREAM = "busy";
    private static final int PRODUCERS = 6;
    private static final int KEYS_PER_PRODUCER = 25;
    private static final int RECORDS_PER_PRODUCER = 30_000;

    @TempDir
    Path directory;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldLoseAndDuplicateNothingUnderConcurrentProducersAndReaders() throws Exception {
        try (KinesisBroker broker = KinesisBroker.open(BrokerConfig.builder().directory(directory)
            .shardLimits(ShardLimits.NONE).housekeepingIntervalMs(0).build())) {
            broker.createStream(STREAM, 4);
            final List<Shard> shards = broker.listShards(STREAM).shards();
            final ExecutorService pool = Executors.newFixedThreadPool(PRODUCERS + shards.size());
            final CountDownLatch start = new CountDownLatch(1);
            final AtomicBoolean producing = new AtomicBoolean(true);
            final Map<String, List<Record>> readByShard = new ConcurrentHashMap<>();

            final List<Future<?>> producers = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                final int producer = p;
                producers.add(pool.submit(() -> produce(broker, producer, start)));
            }
            final List<Future<?>> readers = new ArrayList<>();
            for (final Shard shard : shards) {
                readers.add(pool.submit(() -> readByShard.put(shard.shardId(), consume(broker, shard.shardId(), start,
                    producing))));
            }
            start.countDown();
            for (final Future<?> producer : producers) {
                producer.get();
            }
            producing.set(false);
            for (final Future<?> reader : readers) {
                reader.get();
            }
            pool.shutdown();

            final Map<String, Integer> nextPerKey = new HashMap<>();
            int total = 0;
            for (final List<Record> records : readByShard.values()) {
                for (final Record record : records) {
                    final String value = new String(record.data(), StandardCharsets.UTF_8);
                    final int split = value.lastIndexOf(':');
                    final String key = value.substring(0, split);
                    final int counter = Integer.parseInt(value.substring(split + 1));
                    final int expected = nextPerKey.getOrDefault(key, 0);
                    assertThat(counter).as("next record of %s", key).isEqualTo(expected);
                    nextPerKey.put(key, expected + 1);
                    total++;
                }
            }
            assertThat(total).isEqualTo(PRODUCERS * RECORDS_PER_PRODUCER);
            assertThat(nextPerKey).hasSize(PRODUCERS * KEYS_PER_PRODUCER);
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldAnswerOnlyResourceNotFoundWhileAStreamIsDeletedAndCreatedUnderLoad() throws Exception {
        try (KinesisBroker broker = KinesisBroker.open(BrokerConfig.builder().directory(directory)
            .shardLimits(ShardLimits.NONE).housekeepingIntervalMs(0).build())) {
            broker.createStream("flaky", 2);
            final AtomicBoolean running = new AtomicBoolean(true);
            final Map<String, Integer> outcomes = new ConcurrentHashMap<>();
            final ExecutorService pool = Executors.newFixedThreadPool(3);
            final List<Future<?>> callers = List.of(
                pool.submit(() -> call(running, outcomes, () -> broker.putRecord("flaky", "k", new byte[8]))),
                pool.submit(() -> call(running, outcomes, () -> broker.putRecords("flaky",
                    List.of(PutRecordsRequestEntry.of("a", new byte[8]), PutRecordsRequestEntry.of("b",
                        new byte[8]))))),
                pool.submit(() -> call(running, outcomes, () -> broker.getRecords(
                    broker.getShardIterator("flaky", "shardId-000000000000", ShardIteratorType.TRIM_HORIZON)))));
            for (int i = 0; i < 200; i++) {
                broker.deleteStream("flaky");
                broker.createStream("flaky", 2);
            }
            running.set(false);
            for (final Future<?> caller : callers) {
                caller.get();
            }
            pool.shutdown();

            assertThat(outcomes.keySet()).isSubsetOf("ok", "ResourceNotFoundException");
            assertThat(outcomes).containsKey("ok");
        }
    }

    private static Void call(final AtomicBoolean running, final Map<String, Integer> outcomes, final Runnable call) {
        while (running.get()) {
            String outcome;
            try {
                call.run();
                outcome = "ok";
            } catch (final RuntimeException ex) {
                outcome = ex.getClass().getSimpleName();
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }
        return null;
    }

    private static Void produce(final KinesisBroker broker, final int producer, final CountDownLatch start)
        throws InterruptedException {
        start.await();
        final int[] next = new int[KEYS_PER_PRODUCER];
        int written = 0;
        while (written < RECORDS_PER_PRODUCER) {
            if (producer % 2 == 0) {
                final int key = written % KEYS_PER_PRODUCER;
                broker.putRecord(STREAM, "p" + producer + "-k" + key, value(producer, key, next[key]++));
                written++;
            } else {
                final List<PutRecordsRequestEntry> batch = new ArrayList<>();
                for (int i = 0; i < 100 && written + i < RECORDS_PER_PRODUCER; i++) {
                    final int key = (written + i) % KEYS_PER_PRODUCER;
                    batch.add(PutRecordsRequestEntry.of("p" + producer + "-k" + key, value(producer, key,
                        next[key]++)));
                }
                final PutRecordsResult result = broker.putRecords(STREAM, batch);
                assertThat(result.failedRecordCount()).isZero();
                written += batch.size();
            }
        }
        return null;
    }

    private static byte[] value(final int producer, final int key, final int counter) {
        return ("p" + producer + "-k" + key + ":" + counter).getBytes(StandardCharsets.UTF_8);
    }

    private static List<Record> consume(final KinesisBroker broker, final String shardId, final CountDownLatch start,
        final AtomicBoolean producing) throws InterruptedException {
        start.await();
        final List<Record> records = new ArrayList<>();
        String iterator = broker.getShardIterator(STREAM, shardId, ShardIteratorType.TRIM_HORIZON);
        while (true) {
            final boolean finalPass = !producing.get();
            final GetRecordsResult result = broker.getRecords(new GetRecordsRequest(iterator, 1_000, null));
            records.addAll(result.records());
            iterator = result.nextShardIterator();
            if (result.records().isEmpty() && finalPass) {
                return records;
            }
        }
    }
}
