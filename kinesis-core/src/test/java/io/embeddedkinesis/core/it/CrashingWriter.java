package io.embeddedkinesis.core.it;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.ShardLimits;
import io.embeddedkinesis.core.exception.ResourceInUseException;
import io.embeddedkinesis.core.model.CreateStreamRequest;
import io.embeddedkinesis.core.model.PutRecordResult;
import io.embeddedkinesis.core.model.PutRecordsRequestEntry;
import io.embeddedkinesis.core.model.PutRecordsResult;
import io.embeddedkinesis.core.model.PutRecordsResultEntry;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@link CrashRecoveryIT}: writes forever from several threads and prints one line
 * per acknowledged record, {@code ACK <shardId> <sequenceNumber> <partitionKey> <data>}, only after the
 * put returned. The data is {@code <run>:<thread>:<key>:<counter>}, the counter increasing per key. It never stops by
 * itself: the test kills it with SIGKILL.
 */
public final class CrashingWriter {
    static final String STREAM = "crash";
    static final int THREADS = 4;
    static final int KEYS_PER_THREAD = 16;

    private CrashingWriter() {
    }

    /**
     * @param args the broker directory, and this run's number (part of every value written).
     */
    public static void main(final String[] args) {
        final KinesisBroker broker = KinesisBroker.open(BrokerConfig.builder()
            .directory(Path.of(args[0])).housekeepingIntervalMs(0).build());
        try {
            broker.createStream(CreateStreamRequest.of(STREAM, 4).withShardLimits(ShardLimits.NONE));
        } catch (final ResourceInUseException exists) {
            // Reopened after a crash: the stream is already there.
        }
        final PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        for (int t = 0; t < THREADS; t++) {
            final int thread = t;
            new Thread(() -> write(broker, args[1] + ":" + thread, thread, out), "writer-" + t).start();
        }
        out.println("READY");
        out.flush();
    }

    private static void write(final KinesisBroker broker, final String writer, final int thread,
        final PrintStream out) {
        final long[] next = new long[KEYS_PER_THREAD];
        for (long i = 0; ; i++) {
            if (i % 10 == 0) {
                final List<PutRecordsRequestEntry> batch = new ArrayList<>();
                final List<String> values = new ArrayList<>();
                for (int b = 0; b < 20; b++) {
                    final int key = (int) ((i + b) % KEYS_PER_THREAD);
                    final String value = writer + ":" + key + ":" + next[key]++;
                    values.add(value);
                    batch.add(PutRecordsRequestEntry.of("t" + thread + "-k" + key, value.getBytes(
                        StandardCharsets.UTF_8)));
                }
                final PutRecordsResult result = broker.putRecords(STREAM, batch);
                final StringBuilder lines = new StringBuilder();
                for (int b = 0; b < batch.size(); b++) {
                    final PutRecordsResultEntry entry = result.records().get(b);
                    lines.append("ACK ").append(entry.shardId()).append(' ').append(entry.sequenceNumber()).append(' ')
                        .append(batch.get(b).partitionKey()).append(' ').append(values.get(b)).append('\n');
                }
                print(out, lines.toString());
            } else {
                final int key = (int) (i % KEYS_PER_THREAD);
                final String value = writer + ":" + key + ":" + next[key]++;
                final PutRecordResult result = broker.putRecord(STREAM, "t" + thread + "-k" + key,
                    value.getBytes(StandardCharsets.UTF_8));
                print(out, "ACK " + result.shardId() + " " + result.sequenceNumber() + " t" + thread + "-k" + key + " "
                    + value + "\n");
            }
        }
    }

    private static void print(final PrintStream out, final String lines) {
        synchronized (out) {
            out.print(lines);
            out.flush();
        }
    }
}
