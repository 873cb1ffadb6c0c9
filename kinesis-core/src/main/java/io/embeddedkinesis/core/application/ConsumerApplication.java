package io.embeddedkinesis.core.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.exception.InternalFailureException;
import io.embeddedkinesis.core.files.DurableFiles;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A consumer application, as the KCL runs one: workers that share the shards of a stream through leases,
 * process them with the application's {@link ShardRecordProcessor}s, and checkpoint their progress. Its
 * lease table lives in the broker's directory, under {@code applications/<application name>/}, so a
 * restarted application continues from its checkpoints.
 *
 * <pre>{@code
 * ApplicationConfig config = ApplicationConfig.builder("orders-app", "orders", shardId -> new MyProcessor())
 *     .initialPosition(InitialPosition.TRIM_HORIZON)
 *     .build();
 * try (ConsumerApplication app = ConsumerApplication.open(kinesis, config)) {
 *     app.startWorker("worker-1");
 *     app.startWorker("worker-2");
 *     ...
 * }
 * }</pre>
 *
 * <p>Workers either run on their own threads ({@link #startWorker}) or are driven by the caller
 * ({@link #createWorker}, then {@link Worker#doWork()}), which is how tests make failover deterministic on a
 * manual clock. One application object per name may be open on a broker at a time.
 *
 * <p>Thread-safe: workers may be started, shut down and halted from any thread.
 */
public final class ConsumerApplication implements AutoCloseable {
    private static final String LOCK_FILE = "application.lock";
    private static final String APPLICATION_FILE = "application.json";
    private static final long WORKER_IDLE_MS = 10;

    private final ApplicationContext context;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Map<String, Worker> workers = new LinkedHashMap<>();
    private final Map<Worker, AgentRunner> runners = new LinkedHashMap<>();
    private final Map<Worker, AgentRunner> renewers = new LinkedHashMap<>();
    private boolean closed;

    private ConsumerApplication(final KinesisBroker broker, final ApplicationConfig config) {
        final Path directory = broker.directory().resolve("applications").resolve(config.applicationName());
        try {
            Files.createDirectories(directory);
            this.lockChannel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
            this.lock = tryLock(lockChannel, config.applicationName());
            checkStream(directory, config);
        } catch (final IOException ex) {
            throw new InternalFailureException("Internal service failure.", ex);
        }
        this.context = new ApplicationContext(broker, config, new LeaseTable(directory.resolve("leases")),
            broker.config().metrics().forApplication(config.applicationName(), config.streamName()),
            config.retrievalFactory().forApplication(broker, config));
    }

    /**
     * Opens an application on a broker, with the leases and checkpoints a previous run left.
     *
     * @param broker the broker the stream is on.
     * @param config the application.
     * @return the application, with no worker yet.
     * @throws io.embeddedkinesis.core.exception.ResourceNotFoundException if the stream does not exist.
     * @throws IllegalStateException    if the application is open already.
     * @throws IllegalArgumentException if the application consumed another stream before.
     */
    public static ConsumerApplication open(final KinesisBroker broker, final ApplicationConfig config) {
        broker.describeStreamSummary(config.streamName());
        return new ConsumerApplication(broker, config);
    }

    private static FileLock tryLock(final FileChannel channel, final String applicationName) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (final OverlappingFileLockException ex) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("the consumer application is open already: applicationName="
                + applicationName);
        }
        return lock;
    }

    /** An application's leases name shards of one stream: refuse to read another with them. */
    private void checkStream(final Path directory, final ApplicationConfig config) throws IOException {
        final ObjectMapper mapper = new ObjectMapper();
        final Path file = directory.resolve(APPLICATION_FILE);
        if (Files.isRegularFile(file)) {
            final String stored = mapper.readValue(file.toFile(), ApplicationFile.class).streamName();
            if (!stored.equals(config.streamName())) {
                lock.release();
                lockChannel.close();
                throw new IllegalArgumentException("the application consumes another stream: applicationName="
                    + config.applicationName() + ", streamName=" + stored);
            }
            return;
        }
        DurableFiles.replace(file, mapper.writeValueAsBytes(new ApplicationFile(config.streamName())));
    }

    /**
     * The application's settings.
     *
     * @return the configuration.
     */
    public ApplicationConfig config() {
        return context.config();
    }

    /**
     * Adds a worker that the caller drives with {@link Worker#doWork()}, on one thread.
     *
     * @param workerId the worker's id, unique in the application.
     * @return the worker.
     */
    public synchronized Worker createWorker(final String workerId) {
        ensureOpen();
        if (workerId == null || workerId.isEmpty() || workers.containsKey(workerId)) {
            throw new IllegalArgumentException("worker id must be new and not empty: workerId=" + workerId);
        }
        final Worker worker = new Worker(context, workerId);
        workers.put(workerId, worker);
        return worker;
    }

    /**
     * Adds a worker and runs it on its own daemon thread.
     *
     * @param workerId the worker's id, unique in the application.
     * @return the worker.
     */
    public synchronized Worker startWorker(final String workerId) {
        final Worker worker = createWorker(workerId);
        worker.renewedElsewhere();
        final LeaseRenewer renewer = new LeaseRenewer(worker, context.clock(), context.config().failoverTimeMillis());
        renewers.put(worker, start(renewer));
        runners.put(worker, start(worker));
        return worker;
    }

    private AgentRunner start(final Agent agent) {
        final AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(WORKER_IDLE_MS),
            context.config().errorHandler(), null, agent);
        AgentRunner.startOnThread(runner, task -> {
            final Thread thread = new Thread(task, agent.roleName());
            thread.setDaemon(true);
            return thread;
        });
        return runner;
    }

    /**
     * Shuts a worker down gracefully: its processors get {@code shutdownRequested}, its leases are
     * released. A started worker does it on its own thread, and this waits for it; a created one does it on
     * the calling thread, which must be the one that drives it.
     *
     * @param worker a worker of this application.
     */
    public void shutdownWorker(final Worker worker) {
        final AgentRunner[] started = removeRunners(worker);
        if (started[0] != null) {
            started[0].close();   // the worker finishes its processors' calls and shuts down...
            started[1].close();   // ...while its leases are still renewed: none expires under a busy processor
        } else {
            worker.shutdown();
        }
    }

    /**
     * Stops a worker at once, as if its process died: no callback, no lease released. Other workers take
     * its leases once they expire, and process from the last checkpoints.
     *
     * @param worker a worker of this application.
     */
    public void haltWorker(final Worker worker) {
        final AgentRunner[] started = removeRunners(worker);
        if (started[0] != null) {
            started[1].close();   // renewals stop first: the halted worker's leases expire, as a dead process's
            worker.haltOnClose();
            started[0].close();
        } else {
            worker.halt();
        }
    }

    /** The runners of a started worker, {worker, lease renewer}, or nulls for a created one. */
    private synchronized AgentRunner[] removeRunners(final Worker worker) {
        if (workers.get(worker.workerId()) != worker) {
            throw new IllegalArgumentException("not a worker of this application: workerId=" + worker.workerId());
        }
        return new AgentRunner[] {runners.remove(worker), renewers.remove(worker)};
    }

    /**
     * The application's lease table as it is now.
     *
     * @return every lease, by lease key (shard id).
     */
    public List<Lease> leases() {
        return context.table().list();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the consumer application is closed: applicationName="
                + context.config().applicationName());
        }
    }

    /**
     * Shuts every worker down gracefully (started ones on their threads, created ones on the calling thread)
     * and releases the application; idempotent.
     */
    @Override
    public void close() {
        final List<Worker> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(workers.values());
        }
        try {
            for (final Worker worker : all) {
                shutdownWorker(worker);
            }
        } finally {
            context.meters().close();
            try {
                lock.release();
                lockChannel.close();
            } catch (final IOException ex) {
                throw new InternalFailureException("Internal service failure.", ex);
            }
        }
    }

    /**
     * The content of {@code application.json}.
     *
     * @param streamName the stream the application consumes.
     */
    record ApplicationFile(String streamName) {
    }
}
