package io.embeddedkinesis.core.trigger;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisTimeWindowEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.model.GetRecordsRequest;
import io.embeddedkinesis.core.model.GetRecordsResult;
import io.embeddedkinesis.core.model.PutRecordResult;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.model.Shard;
import io.embeddedkinesis.core.model.ShardIteratorType;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A broker on a temporary directory with a clock the test moves, and event source mappings the test drives
 * with {@code doWork()}: no threads, no sleeps.
 */
abstract class TriggerTestSupport {
    /** Ten seconds into a minute: a 60 s tumbling window started 10 s ago. */
    static final long START_MS = 1_764_000_000_000L + 10_000;
    static final long STEP_MS = 200;

    @TempDir
    Path directory;

    final CachedEpochClock clock = new CachedEpochClock();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    final List<EventSourceMapping> mappings = new ArrayList<>();
    KinesisBroker broker;

    KinesisBroker openBroker() {
        return openBroker(b -> b);
    }

    KinesisBroker openBroker(final UnaryOperator<BrokerConfig.Builder> customizer) {
        if (clock.time() == 0) {
            clock.update(START_MS);
        }
        broker = KinesisBroker.open(customizer.apply(BrokerConfig.builder().directory(directory).clock(clock)
            .housekeepingIntervalMs(0)).build());
        return broker;
    }

    /** The function "fn" on stream "s", with errors of the mapping collected. */
    EventSourceMappingConfig.Builder config(final EventSourcePosition position) {
        return EventSourceMappingConfig.builder("fn", "s", position).errorHandler(errors::add);
    }

    EventSourceMapping create(final EventSourceMappingConfig config,
        final RequestHandler<? super KinesisTimeWindowEvent, ?> handler) {
        final EventSourceMapping mapping = EventSourceMapping.create(broker, config, handler);
        mappings.add(mapping);
        return mapping;
    }

    @AfterEach
    void closeAll() {
        for (final EventSourceMapping mapping : mappings) {
            mapping.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** Drives the mapping until it has nothing left to do at this time. */
    static void drive(final EventSourceMapping mapping) {
        for (int round = 0; round < 100_000; round++) {
            if (mapping.doWork() == 0) {
                return;
            }
        }
        throw new AssertionError("the mapping never went idle");
    }

    /** Moves the clock by exactly {@code ms}, in steps of at most {@link #STEP_MS}, driving the mapping at each. */
    void runFor(final long ms, final EventSourceMapping mapping) {
        drive(mapping);
        for (long elapsed = 0; elapsed < ms; ) {
            final long step = Math.min(STEP_MS, ms - elapsed);
            clock.advance(step);
            elapsed += step;
            drive(mapping);
        }
    }

    PutRecordResult put(final String stream, final String key, final String data) {
        return broker.putRecord(stream, key, data.getBytes(StandardCharsets.UTF_8));
    }

    static String text(final KinesisEvent.KinesisEventRecord record) {
        return StandardCharsets.UTF_8.decode(record.getKinesis().getData().duplicate()).toString();
    }

    /** Every record of every shard of a stream, shard by shard. */
    List<Record> readAll(final String stream) {
        final List<Record> records = new ArrayList<>();
        for (final Shard shard : broker.listShards(stream).shards()) {
            String iterator = broker.getShardIterator(stream, shard.shardId(), ShardIteratorType.TRIM_HORIZON);
            while (iterator != null) {
                final GetRecordsResult result = broker.getRecords(new GetRecordsRequest(iterator, 10_000, null));
                records.addAll(result.records());
                iterator = result.records().isEmpty() ? null : result.nextShardIterator();
            }
        }
        return records;
    }

    /** The on-failure records written to a stream, as JSON. */
    List<JsonNode> failureRecords(final String stream) {
        final ObjectMapper mapper = new ObjectMapper();
        final List<JsonNode> records = new ArrayList<>();
        for (final Record record : readAll(stream)) {
            try {
                records.add(mapper.readTree(record.data()));
            } catch (final IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return records;
    }

    /** The checkpoint of a shard's lease. */
    static String checkpoint(final EventSourceMapping mapping, final String shardId) {
        return mapping.leases().stream().filter(lease -> lease.leaseKey().equals(shardId)).findFirst()
            .orElseThrow().checkpoint().sequenceNumber();
    }
}
