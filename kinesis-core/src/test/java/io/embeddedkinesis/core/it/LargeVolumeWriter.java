package io.embeddedkinesis.core.it;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.ShardLimits;
import io.embeddedkinesis.core.model.GetRecordsRequest;
import io.embeddedkinesis.core.model.GetRecordsResult;
import io.embeddedkinesis.core.model.PutRecordsRequestEntry;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.model.Shard;
import io.embeddedkinesis.core.model.ShardIteratorType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@link LargeVolumeIT}: writes a volume of records far larger than its heap and
 * reads all of it back, then prints {@code OK <records> <bytes> <checksum written> <checksum read>}.
 */
public final class LargeVolumeWriter {
    private LargeVolumeWriter() {
    }

    /**
     * @param args the broker directory and the number of bytes of data to write.
     */
    public static void main(final String[] args) {
        final long targetBytes = Long.parseLong(args[1]);
        final int recordSize = 1024;
        final byte[] data = new byte[recordSize];
        long written = 0;
        long writtenSum = 0;
        long readSum = 0;
        long readCount = 0;
        try (KinesisBroker broker = KinesisBroker.open(BrokerConfig.builder().directory(Path.of(args[0]))
            .shardLimits(ShardLimits.NONE).housekeepingIntervalMs(0).build())) {
            broker.createStream("volume", 4);
            long counter = 0;
            while (written * recordSize < targetBytes) {
                final List<PutRecordsRequestEntry> batch = new ArrayList<>(500);
                for (int i = 0; i < 500; i++) {
                    final byte[] payload = data.clone();
                    writeLong(payload, counter);
                    writtenSum += counter++;
                    batch.add(PutRecordsRequestEntry.of("device-" + (counter % 1000), payload));
                }
                if (broker.putRecords("volume", batch).failedRecordCount() != 0) {
                    throw new IllegalStateException("unlimited stream refused records");
                }
                written += batch.size();
            }
            for (final Shard shard : broker.listShards("volume").shards()) {
                String iterator = broker.getShardIterator("volume", shard.shardId(), ShardIteratorType.TRIM_HORIZON);
                while (true) {
                    final GetRecordsResult result = broker.getRecords(new GetRecordsRequest(iterator, 10_000, null));
                    if (result.records().isEmpty()) {
                        break;
                    }
                    for (final Record record : result.records()) {
                        readSum += readLong(record.data());
                        readCount++;
                    }
                    iterator = result.nextShardIterator();
                }
            }
        }
        System.out.println("OK " + readCount + " " + written * recordSize + " " + writtenSum + " " + readSum
            + " " + written);
    }

    private static void writeLong(final byte[] bytes, final long value) {
        for (int i = 0; i < Long.BYTES; i++) {
            bytes[i] = (byte) (value >>> (8 * i));
        }
    }

    private static long readLong(final byte[] bytes) {
        long value = 0;
        for (int i = Long.BYTES - 1; i >= 0; i--) {
            value = (value << 8) | (bytes[i] & 0xFF);
        }
        return value;
    }
}
