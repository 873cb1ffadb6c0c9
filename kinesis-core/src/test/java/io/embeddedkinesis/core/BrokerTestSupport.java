package io.embeddedkinesis.core;

import io.embeddedkinesis.core.model.GetRecordsRequest;
import io.embeddedkinesis.core.model.GetRecordsResult;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.model.Shard;
import io.embeddedkinesis.core.model.ShardIteratorType;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A broker on a temporary directory with a clock the test moves, and helpers to read whole shards.
 */
abstract class BrokerTestSupport {
    static final long START_MS = 1_764_000_000_000L + 123_456L;

    @TempDir
    Path directory;

    final CachedEpochClock clock = new CachedEpochClock();
    KinesisBroker broker;

    KinesisBroker open() {
        return open(b -> b);
    }

    KinesisBroker open(final UnaryOperator<BrokerConfig.Builder> customizer) {
        if (clock.time() == 0) {
            clock.update(START_MS);
        }
        broker = KinesisBroker.open(customizer.apply(BrokerConfig.builder()
            .directory(directory)
            .clock(clock)
            .housekeepingIntervalMs(0)).build());
        return broker;
    }

    KinesisBroker reopen() {
        broker.close();
        return open();
    }

    @AfterEach
    void closeBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    /** Reads a shard from TRIM_HORIZON to its end. */
    List<Record> readShard(final String stream, final String shardId) {
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

    /** Reads every shard of a stream. */
    List<Record> readAll(final String stream) {
        final List<Record> records = new ArrayList<>();
        for (final Shard shard : broker.listShards(stream).shards()) {
            records.addAll(readShard(stream, shard.shardId()));
        }
        return records;
    }

    static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(final Record record) {
        return new String(record.data(), StandardCharsets.UTF_8);
    }
}
