package io.embeddedkinesis.core.it;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.model.GetRecordsRequest;
import io.embeddedkinesis.core.model.GetRecordsResult;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.model.Shard;
import io.embeddedkinesis.core.model.ShardIteratorType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An acknowledged put survives the writer being killed with SIGKILL at a random moment: after reopening
 * the directory every acknowledged record is there exactly once, in order per shard and per key, and
 * writing continues.
 */
class CrashRecoveryIT {
    @TempDir
    Path directory;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldKeepEveryAcknowledgedRecordAfterSigkill() throws Exception {
        final Random random = new Random();
        final Map<String, Ack> acknowledged = new HashMap<>();
        for (int round = 0; round < 2; round++) {
            final int acksBeforeKill = 2_000 + random.nextInt(50_000);
            acknowledged.putAll(runAndKill(round, acksBeforeKill));
        }

        try (KinesisBroker broker = KinesisBroker.open(BrokerConfig.builder().directory(directory)
            .housekeepingIntervalMs(0).build())) {
            final Map<String, Record> stored = new HashMap<>();
            final Map<String, String> shardOf = new HashMap<>();
            for (final Shard shard : broker.listShards(CrashingWriter.STREAM).shards()) {
                BigInteger previous = BigInteger.valueOf(-1);
                for (final Record record : readShard(broker, shard.shardId())) {
                    final BigInteger sequence = new BigInteger(record.sequenceNumber());
                    assertThat(sequence).as("order within %s", shard.shardId()).isGreaterThan(previous);
                    previous = sequence;
                    assertThat(stored.put(record.sequenceNumber(), record)).as("duplicate").isNull();
                    shardOf.put(record.sequenceNumber(), shard.shardId());
                }
            }
            assertThat(acknowledged).isNotEmpty();
            for (final Ack ack : acknowledged.values()) {
                final Record record = stored.get(ack.sequenceNumber());
                assertThat(record).as("acknowledged record %s", ack).isNotNull();
                assertThat(shardOf.get(ack.sequenceNumber())).isEqualTo(ack.shardId());
                assertThat(record.partitionKey()).isEqualTo(ack.partitionKey());
                assertThat(new String(record.data(), StandardCharsets.UTF_8)).isEqualTo(ack.value());
            }
            assertPerKeyOrder(broker);

            final String more = broker.putRecord(CrashingWriter.STREAM, "after", "restart".getBytes(
                StandardCharsets.UTF_8))
                .sequenceNumber();
            assertThat(stored).doesNotContainKey(more);
        }
    }

    private Map<String, Ack> runAndKill(final int round, final int acksBeforeKill) throws Exception {
        final Process child = ChildJvm.start(true, List.of("-Xmx256m"), CrashingWriter.class, directory.toString(),
            Integer.toString(round));
        final Map<String, Ack> acks = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    final String[] parts = line.split(" ");
                    acks.put(parts[2], new Ack(parts[1], parts[2], parts[3], parts[4]));
                    if (acks.size() >= acksBeforeKill) {
                        child.destroyForcibly();
                        break;
                    }
                } else if (!line.equals("READY")) {
                    System.out.println("child: " + line);
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        assertThat(acks).as("the child acknowledged records before it was killed").hasSizeGreaterThanOrEqualTo(
            acksBeforeKill);
        return acks;
    }

    private static void assertPerKeyOrder(final KinesisBroker broker) {
        final Map<String, Long> lastPerKey = new HashMap<>();
        for (final Shard shard : broker.listShards(CrashingWriter.STREAM).shards()) {
            for (final Record record : readShard(broker, shard.shardId())) {
                final String value = new String(record.data(), StandardCharsets.UTF_8);
                final int split = value.lastIndexOf(':');
                final String key = value.substring(0, split);
                final long counter = Long.parseLong(value.substring(split + 1));
                final Long last = lastPerKey.put(key, counter);
                assertThat(counter).as("order of key %s", key).isEqualTo(last == null ? 0 : last + 1);
            }
        }
    }

    private static List<Record> readShard(final KinesisBroker broker, final String shardId) {
        final List<Record> records = new ArrayList<>();
        String iterator = broker.getShardIterator(CrashingWriter.STREAM, shardId, ShardIteratorType.TRIM_HORIZON);
        while (true) {
            final GetRecordsResult result = broker.getRecords(new GetRecordsRequest(iterator, 10_000, null));
            if (result.records().isEmpty()) {
                return records;
            }
            records.addAll(result.records());
            iterator = result.nextShardIterator();
        }
    }

    private record Ack(String shardId, String sequenceNumber, String partitionKey, String value) {
    }
}
