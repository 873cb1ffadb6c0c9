package io.embeddedkinesis.benchmarks.server;

import io.embeddedkinesis.benchmarks.TempDirectory;
import io.embeddedkinesis.benchmarks.baseline.CannedKinesisEndpoint;
import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.ShardLimits;
import io.embeddedkinesis.server.KinesisServer;
import io.embeddedkinesis.server.ServerConfig;
import org.agrona.CloseHelper;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One {@link Target}, open for a benchmark: its endpoint, a client in its encoding and, on a real endpoint, a
 * one-shard stream named {@value #STREAM_NAME}, managed through the client as an application would.
 *
 * <ul>
 *   <li>{@code kinesis-server}: a broker on a fresh temporary directory, with throttling off and no
 *   housekeeping thread, served by {@link KinesisServer} with its defaults (127.0.0.1, a free port).</li>
 *   <li>{@code kinesis-server-process}: the same in a JVM of its own, {@link ServerProcess}.</li>
 *   <li>{@code kinesalite}: the process at the URL in the environment variable {@value #KINESALITE_ENDPOINT},
 *   which {@code benchmarks/run-server.sh} starts and sets.</li>
 *   <li>{@code canned}: a {@link CannedKinesisEndpoint}. It has no streams; every put and read succeeds.</li>
 * </ul>
 *
 * <p>Closing the fixture deletes the stream, so that a long-running kinesalite does not keep it, then closes
 * what it opened in reverse order. Not thread-safe: one benchmark thread.
 */
final class EndpointFixture implements AutoCloseable {
    /** The environment variable with kinesalite's URL. */
    static final String KINESALITE_ENDPOINT = "KINESALITE_ENDPOINT";
    /** The stream every benchmark writes to or reads from. */
    static final String STREAM_NAME = "benchmark";

    private static final long STREAM_WAIT_NS = TimeUnit.SECONDS.toNanos(30);
    private static final long POLL_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Target target;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private final KinesisClient client;
    private boolean streamCreated;
    private String shardId;

    /**
     * Opens the endpoint and a client, and creates the stream on a real endpoint.
     *
     * @param target        the target, e.g. {@code kinesis-server-cbor}.
     * @param dataSizeBytes the data length of the records the canned endpoint returns.
     */
    EndpointFixture(final String target, final int dataSizeBytes) {
        this.target = Target.parse(target);
        try {
            final URI endpoint = openEndpoint(dataSizeBytes);
            this.client = KinesisClients.open(endpoint, this.target.cbor());
            opened.push(client);
            deleteLeftoverStream();
            createStream();
        } catch (final RuntimeException ex) {
            closeOpened(ex);
            throw ex;
        }
    }

    private URI openEndpoint(final int dataSizeBytes) {
        switch (target.endpoint()) {
            case KINESIS_SERVER -> {
                final Path directory = TempDirectory.create();
                opened.push(() -> TempDirectory.delete(directory));
                final KinesisBroker broker = KinesisBroker.open(BrokerConfig.builder()
                    .directory(directory)
                    .shardLimits(ShardLimits.NONE)
                    .housekeepingIntervalMs(0)
                    .build());
                opened.push(broker);
                final KinesisServer server = KinesisServer.start(broker, ServerConfig.builder().build());
                opened.push(server);
                return server.endpoint();
            }
            case KINESIS_SERVER_PROCESS -> {
                final ServerProcess server = ServerProcess.start();
                opened.push(server);
                return server.endpoint();
            }
            case KINESALITE -> {
                final String url = System.getenv(KINESALITE_ENDPOINT);
                if (url == null || url.isBlank()) {
                    throw new IllegalStateException("the kinesalite target needs the URL of a running kinesalite,"
                        + " which benchmarks/run-server.sh starts: " + KINESALITE_ENDPOINT + "=" + url);
                }
                return URI.create(url);
            }
            default -> {
                final CannedKinesisEndpoint canned = CannedKinesisEndpoint.start(ServerPutRecordsBenchmark.BATCH_SIZE,
                    ServerGetRecordsBenchmark.BATCH_SIZE, dataSizeBytes);
                opened.push(canned);
                return canned.endpoint();
            }
        }
    }

    KinesisClient client() {
        return client;
    }

    /**
     * Deletes the stream, with everything written to it, and creates it again, empty.
     */
    void recreateStream() {
        deleteStream();
        createStream();
    }

    /**
     * An iterator at the start of the stream's only shard: one {@code GetShardIterator} call (the shard's id is
     * looked up once per stream).
     *
     * @return the iterator; on the canned endpoint, any string.
     */
    String trimHorizonIterator() {
        if (target.endpoint() == Target.Endpoint.CANNED) {
            return CannedKinesisEndpoint.SHARD_ITERATOR;
        }
        if (shardId == null) {
            shardId = client.listShards(request -> request.streamName(STREAM_NAME)).shards().get(0).shardId();
        }
        return client.getShardIterator(request -> request.streamName(STREAM_NAME).shardId(shardId)
            .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    }

    /** A fork that died before its tear-down leaves its stream in kinesalite, which outlives forks. */
    private void deleteLeftoverStream() {
        if (target.endpoint() != Target.Endpoint.KINESALITE) {
            return;
        }
        try {
            client.deleteStream(request -> request.streamName(STREAM_NAME));
        } catch (final ResourceNotFoundException ex) {
            return; // nothing left over: the usual case
        }
        awaitStream(false);
    }

    private void createStream() {
        if (target.endpoint() == Target.Endpoint.CANNED) {
            return;
        }
        client.createStream(request -> request.streamName(STREAM_NAME).shardCount(1));
        streamCreated = true;
        awaitStream(true);
    }

    private void deleteStream() {
        if (!streamCreated) {
            return;
        }
        client.deleteStream(request -> request.streamName(STREAM_NAME));
        streamCreated = false;
        shardId = null;
        awaitStream(false);
    }

    /**
     * Waits until the stream is active, or gone. kinesalite changes a stream's status on a timer, even with
     * its delays set to zero, so a create or delete is not complete when its call returns.
     */
    private void awaitStream(final boolean active) {
        final long deadline = System.nanoTime() + STREAM_WAIT_NS;
        while (!hasStatus(active ? StreamStatus.ACTIVE : null)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("stream not " + (active ? "active" : "deleted") + " in time: target="
                    + target);
            }
            LockSupport.parkNanos(POLL_INTERVAL_NS);
        }
    }

    private boolean hasStatus(final StreamStatus expected) {
        try {
            return client.describeStreamSummary(request -> request.streamName(STREAM_NAME))
                .streamDescriptionSummary().streamStatus() == expected;
        } catch (final ResourceNotFoundException ex) {
            return expected == null;
        }
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        try {
            deleteStream();
        } catch (final RuntimeException ex) {
            failure = ex;
        }
        closeOpened(failure);
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes everything opened, last first; failures are added to {@code failure} if there is one. */
    private void closeOpened(final RuntimeException failure) {
        try {
            CloseHelper.closeAll(opened);
        } catch (final RuntimeException ex) {
            if (failure == null) {
                throw ex;
            }
            failure.addSuppressed(ex);
        } finally {
            opened.clear();
        }
    }
}
