package io.embeddedkinesis.benchmarks.core;

import io.embeddedkinesis.benchmarks.TempDirectory;
import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.ShardLimits;
import io.embeddedkinesis.core.metrics.BrokerMetrics;
import io.embeddedkinesis.core.model.CreateStreamRequest;
import io.embeddedkinesis.core.model.DeleteStreamRequest;
import io.embeddedkinesis.core.model.StreamRequest;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A broker on a fresh temporary directory with one stream, and no throttling or background thread that
 * would measure something other than the library's own work. Closing it closes the broker and deletes the
 * directory.
 *
 * <p>Write benchmarks {@linkplain #recreateStream() recreate the stream} between iterations rather than
 * reopening the broker: each iteration then writes into fresh logs, as the baseline's fresh queue does,
 * while the broker's start-up (metadata, directory lock, JSON) stays out of the steady state the JIT sees.
 */
final class BrokerFixture implements AutoCloseable {
    static final String STREAM_NAME = "benchmark";

    private final Path directory;
    private final int shardCount;
    private final KinesisBroker broker;

    BrokerFixture(final int shardCount) {
        this(shardCount, BrokerMetrics.none());
    }

    BrokerFixture(final int shardCount, final BrokerMetrics metrics) {
        this(shardCount, builder -> builder.metrics(metrics));
    }

    BrokerFixture(final int shardCount, final UnaryOperator<BrokerConfig.Builder> customizer) {
        this.shardCount = shardCount;
        this.directory = TempDirectory.create();
        KinesisBroker opened = null;
        try {
            opened = KinesisBroker.open(customizer.apply(BrokerConfig.builder()
                .directory(directory)
                .shardLimits(ShardLimits.NONE)
                .housekeepingIntervalMs(0))
                .build());
            createStream(opened, shardCount);
        } catch (final RuntimeException ex) {
            if (opened != null) {
                opened.close();
            }
            TempDirectory.delete(directory);
            throw ex;
        }
        this.broker = opened;
    }

    KinesisBroker broker() {
        return broker;
    }

    /** Deletes the stream, and its logs and consumers with it, and creates it again, empty. */
    void recreateStream() {
        broker.deleteStream(new DeleteStreamRequest(StreamRequest.of(STREAM_NAME), true));
        createStream(broker, shardCount);
    }

    private static void createStream(final KinesisBroker broker, final int shardCount) {
        broker.createStream(CreateStreamRequest.of(STREAM_NAME, shardCount).withShardLimits(ShardLimits.NONE));
    }

    @Override
    public void close() {
        try {
            broker.close();
        } finally {
            TempDirectory.delete(directory);
        }
    }
}
