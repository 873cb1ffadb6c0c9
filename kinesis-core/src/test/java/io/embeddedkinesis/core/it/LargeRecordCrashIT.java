package io.embeddedkinesis.core.it;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.model.GetRecordsRequest;
import io.embeddedkinesis.core.model.GetRecordsResult;
import io.embeddedkinesis.core.model.Record;
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
 * A writer of records of up to 10 MiB, killed with SIGKILL while it puts a large record (most likely
 * between two of its fragments), leaves no part of that record visible: after reopening, every record read
 * is whole, every acknowledged one is there, in order, and writing and reading go on.
 */
class LargeRecordCrashIT {
    private static final String SHARD = "shardId-000000000000";

    @TempDir
    Path directory;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldShowNoPartOfALargeRecordCutShortBySigkill() throws Exception {
        final Random random = new Random();
        final Map<String, String> acknowledged = new HashMap<>();
        for (int run = 0; run < 3; run++) {
            acknowledged.putAll(runAndKill(run, 3 + random.nextInt(10), random.nextInt(15)));
        }

        try (KinesisBroker broker = KinesisBroker.open(BrokerConfig.builder().directory(directory)
            .housekeepingIntervalMs(0).build())) {
            final Map<String, String> stored = new HashMap<>();
            BigInteger previous = BigInteger.valueOf(-1);
            for (final Record record : readShard(broker)) {
                assertThat(LargeRecordWriter.isWhole(record.data())).as("record %s is whole", record.sequenceNumber())
                    .isTrue();
                final BigInteger sequence = new BigInteger(record.sequenceNumber());
                assertThat(sequence).isGreaterThan(previous);
                previous = sequence;
                stored.put(record.sequenceNumber(), LargeRecordWriter.identity(record.data()));
            }
            assertThat(acknowledged).isNotEmpty();
            assertThat(stored).containsAllEntriesOf(acknowledged);

            final byte[] after = LargeRecordWriter.data(99, 0, LargeRecordWriter.MAX_LENGTH);
            final String sequence = broker.putRecord(LargeRecordWriter.STREAM, "k", after).sequenceNumber();
            final List<Record> all = readShard(broker);
            assertThat(all).hasSize(stored.size() + 1);
            assertThat(all.get(all.size() - 1).sequenceNumber()).isEqualTo(sequence);
            assertThat(all.get(all.size() - 1).data()).isEqualTo(after);
        }
    }

    /**
     * Runs the writer until it starts putting its {@code killAtCounter}-th record, waits a moment into the
     * put and kills it.
     */
    private Map<String, String> runAndKill(final int run, final int killAtCounter, final int delayMs)
        throws Exception {
        final Process child = ChildJvm.start(true, List.of("-Xmx256m"), LargeRecordWriter.class,
            directory.toString(), Integer.toString(run));
        final Map<String, String> acks = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                final String[] parts = line.split(" ");
                if (parts[0].equals("ACK")) {
                    acks.put(parts[1], parts[2] + " " + parts[3]);
                } else if (parts[0].equals("PUT") && Long.parseLong(parts[1]) >= killAtCounter
                    && Integer.parseInt(parts[2]) > 1024 * 1024) {
                    Thread.sleep(delayMs);
                    child.destroyForcibly();
                    break;
                } else if (!parts[0].equals("PUT") && !line.equals("READY")) {
                    System.out.println("child: " + line);
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        assertThat(acks).as("the child acknowledged records before it was killed").hasSizeGreaterThanOrEqualTo(
            killAtCounter * 2 / 3);
        return acks;
    }

    private static List<Record> readShard(final KinesisBroker broker) {
        final List<Record> records = new ArrayList<>();
        String iterator = broker.getShardIterator(LargeRecordWriter.STREAM, SHARD, ShardIteratorType.TRIM_HORIZON);
        while (true) {
            final GetRecordsResult result = broker.getRecords(new GetRecordsRequest(iterator, 10_000, null));
            if (result.records().isEmpty()) {
                return records;
            }
            records.addAll(result.records());
            iterator = result.nextShardIterator();
        }
    }
}
