package io.embeddedkinesis.core.it;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.ShardLimits;
import io.embeddedkinesis.core.exception.ResourceInUseException;
import io.embeddedkinesis.core.model.CreateStreamRequest;
import io.embeddedkinesis.core.model.PutRecordResult;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * The child process of {@link LargeRecordCrashIT}: puts records of up to 10 MiB, most of them stored as
 * several fragments, and small ones between them, forever. Before each put it prints
 * {@code PUT <counter> <length>}, after it {@code ACK <sequenceNumber> <run> <counter>}. Each record's
 * data says what it must hold ({@link #data}), so a reader can tell a whole record from any other bytes.
 */
public final class LargeRecordWriter {
    static final String STREAM = "large";
    static final int MAX_LENGTH = 10 * 1024 * 1024 - 1;
    private static final int HEADER = 16;
    private static final byte[] POOL = new byte[MAX_LENGTH];

    static {
        new Random(1).nextBytes(POOL);
    }

    private LargeRecordWriter() {
    }

    /**
     * @param args the broker directory, and this run's number (part of every record written).
     */
    public static void main(final String[] args) {
        final KinesisBroker broker = KinesisBroker.open(BrokerConfig.builder()
            .directory(Path.of(args[0])).housekeepingIntervalMs(0).build());
        try {
            broker.createStream(CreateStreamRequest.of(STREAM, 1).withShardLimits(ShardLimits.NONE)
                .withMaxRecordSizeInKiB(10240));
        } catch (final ResourceInUseException exists) {
            // Reopened after a crash: the stream is already there.
        }
        final int run = Integer.parseInt(args[1]);
        final Random random = new Random(run);
        final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println("READY");
        for (long counter = 0; ; counter++) {
            final int length = counter % 3 == 2 ? HEADER + random.nextInt(100)
                : 1024 * 1024 + random.nextInt(MAX_LENGTH - 1024 * 1024);
            final byte[] data = data(run, counter, length);
            out.println("PUT " + counter + " " + length);
            final PutRecordResult result = broker.putRecord(STREAM, "k", data);
            out.println("ACK " + result.sequenceNumber() + " " + run + " " + counter);
        }
    }

    /**
     * What a record holds: its run, counter and length, then bytes of a fixed random pool from an offset the
     * counter picks.
     */
    static byte[] data(final int run, final long counter, final int length) {
        final byte[] data = new byte[length];
        ByteBuffer.wrap(data).putInt(run).putLong(counter).putInt(length);
        final int offset = (int) (counter * 7919 % POOL.length);
        final int first = Math.min(length - HEADER, POOL.length - offset);
        System.arraycopy(POOL, offset, data, HEADER, first);
        System.arraycopy(POOL, 0, data, HEADER + first, length - HEADER - first);
        return data;
    }

    /**
     * Whether data is a whole record as {@link #data} makes them.
     */
    static boolean isWhole(final byte[] data) {
        if (data.length < HEADER) {
            return false;
        }
        final ByteBuffer header = ByteBuffer.wrap(data);
        final int run = header.getInt();
        final long counter = header.getLong();
        final int length = header.getInt();
        return length == data.length && Arrays.equals(data, data(run, counter, length));
    }

    /**
     * The run and counter a record's data names.
     */
    static String identity(final byte[] data) {
        final ByteBuffer header = ByteBuffer.wrap(data);
        return header.getInt() + " " + header.getLong();
    }
}
