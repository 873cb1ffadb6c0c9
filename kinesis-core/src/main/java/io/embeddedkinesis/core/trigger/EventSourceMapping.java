package io.embeddedkinesis.core.trigger;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisTimeWindowEvent;
import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.application.ApplicationConfig;
import io.embeddedkinesis.core.application.ConsumerApplication;
import io.embeddedkinesis.core.application.InitialPosition;
import io.embeddedkinesis.core.application.Lease;
import io.embeddedkinesis.core.application.Worker;
import io.embeddedkinesis.core.model.StreamDescriptionSummary;
import io.embeddedkinesis.core.stream.RequestPatterns;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Lambda-style trigger: an event source mapping from a stream of the broker to a function, which is the
 * user's unchanged Lambda {@link RequestHandler} taking a {@code KinesisEvent} (or a
 * {@code KinesisTimeWindowEvent}) and returning a {@code StreamsEventResponse}, a
 * {@code TimeWindowEventResponse}, or anything else when it reports no failures.
 *
 * <pre>{@code
 * EventSourceMappingConfig config = EventSourceMappingConfig.builder("trade-dashboard", "trades",
 *         EventSourcePosition.TRIM_HORIZON)
 *     .batchSize(500)
 *     .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES)
 *     .build();
 * try (EventSourceMapping mapping = EventSourceMapping.start(kinesis, config, new DashboardHandler())) {
 *     ...
 * }
 * }</pre>
 *
 * <p>It reads every shard as Lambda does and invokes the function with batches, with Lambda's batching,
 * retries, bisection, partial batch responses, on-failure records, parallelization and tumbling windows (see
 * {@link EventSourceMappingConfig}). KPL aggregates reach the function whole, one event record each, as in
 * Lambda: the function deaggregates them itself. Underneath it is a consumer application with one worker,
 * named {@code trigger-<uuid>}: checkpoints are kept in the broker's directory, so a mapping re-created after a
 * restart resumes after the last batch that finished, and a shard's children are processed only after the
 * shard. Delivery is at least once, as Lambda's.
 *
 * <p>{@link #start} runs the mapping on its own threads: the worker's, and a pool for invocations (the
 * handler is called concurrently when several shards, or lanes of a shard, have batches ready, so it must be
 * thread-safe then). {@link #create} returns a mapping the caller drives with {@link #doWork()}, invoking the
 * function on the calling thread unless {@code invocationExecutor} says otherwise: with the broker's clock
 * moved by the test, batching windows, retries, record ages and tumbling windows run deterministically.
 * Close the mapping before the broker.
 */
public final class EventSourceMapping implements AutoCloseable {
    private static final String WORKER_ID = "trigger";
    /** Children are looked at every second while their parents finish. */
    private static final long PARENT_SHARD_POLL_INTERVAL_MS = 1_000;

    private final EventSourceMappingConfig config;
    private final MappingContext context;
    private final ExecutorService ownExecutor;
    private final ConsumerApplication application;
    private final Worker worker;
    private final boolean driven;
    private long invocationsCounted;
    private boolean closed;

    private EventSourceMapping(final KinesisBroker broker, final EventSourceMappingConfig config,
        final RequestHandler<? super KinesisTimeWindowEvent, ?> handler, final boolean driven) {
        this.config = config;
        this.driven = driven;
        // Lambda's EventSourceArn names the stream, or a stream consumer to read it through by enhanced fan-out.
        final String consumerArn = RequestPatterns.CONSUMER_ARN.matcher(config.streamName()).matches()
            ? config.streamName() : null;
        final StreamDescriptionSummary source = broker.describeStreamSummary(consumerArn == null
            ? config.streamName() : broker.describeStreamConsumer(consumerArn).streamARN());
        final String destination = config.onFailureDestination() == null ? null
            : broker.describeStreamSummary(config.onFailureDestination()).streamName();
        final String region = broker.config().region();
        final String account = broker.config().accountId();
        final String partition = broker.config().partition();
        final String functionArn = "arn:" + partition + ":lambda:" + region + ":" + account + ":function:"
            + config.functionName();
        final FunctionIdentity function = new FunctionIdentity(config.functionName(), functionArn,
            config.uuid().toString().replace("-", ""), config.timeoutSeconds(), config.memorySizeInMB(),
            new Slf4jLambdaLogger(config.functionName()));
        // Inferred: the role a function's event records name; Lambda uses the function's execution role.
        final KinesisEvents events = new KinesisEvents(source.streamARN(), region,
            "arn:" + partition + ":iam::" + account + ":role/" + config.functionName() + "-role");
        this.ownExecutor = driven ? null : Executors.newCachedThreadPool(invocationThreads(config.functionName()));
        final long maxRecordAgeMs = config.maximumRecordAgeInSeconds() < 0
            ? source.retentionPeriodHours() * 3_600_000L : config.maximumRecordAgeInSeconds() * 1000L;
        final TriggerShards shards = new TriggerShards(consumerArn);
        this.context = new MappingContext(config, events,
            new FunctionInvoker(handler, function, events, broker.config().clock(), config),
            ownExecutor != null ? ownExecutor : Objects.requireNonNullElse(config.invocationExecutor(), Runnable::run),
            new FailureDestination(broker, destination, functionArn, source.streamARN(), config.errorHandler()),
            broker.config().clock(), maxRecordAgeMs, new AtomicLong());
        shards.context(context);
        try {
            this.application = ConsumerApplication.open(broker, ApplicationConfig
                .builder(applicationName(config), source.streamName(), shards)
                .initialPosition(initialPosition(config))
                .retrievalFactory(shards)
                .callProcessRecordsEvenForEmptyRecordList(true)
                // Lambda hands a function KPL aggregates whole, one event record each; functions deaggregate
                // them with the KPL's deaggregation module if they want to. Deaggregated, the user records
                // would share a sequence number, which names a record in events, responses and checkpoints.
                .deaggregateRecords(false)
                .parentShardPollIntervalMillis(PARENT_SHARD_POLL_INTERVAL_MS)
                .errorHandler(config.errorHandler())
                .build());
        } catch (final RuntimeException ex) {
            if (ownExecutor != null) {
                ownExecutor.shutdown();
            }
            throw ex;
        }
        this.worker = driven ? application.createWorker(WORKER_ID) : application.startWorker(WORKER_ID);
    }

    /**
     * Starts a mapping on its own threads.
     *
     * @param broker  the broker whose stream is read.
     * @param config  the mapping's settings.
     * @param handler the function.
     * @return the running mapping; close it to stop.
     * @throws io.embeddedkinesis.core.exception.ResourceNotFoundException if the stream or the on-failure
     *                                                                     destination does not exist.
     * @throws IllegalStateException if a mapping with the same UUID is open on the broker.
     */
    public static EventSourceMapping start(final KinesisBroker broker, final EventSourceMappingConfig config,
        final RequestHandler<? super KinesisTimeWindowEvent, ?> handler) {
        return new EventSourceMapping(broker, config, Objects.requireNonNull(handler, "handler"), false);
    }

    /**
     * Makes a mapping that the caller drives with {@link #doWork()}, on one thread.
     *
     * @param broker  the broker whose stream is read.
     * @param config  the mapping's settings.
     * @param handler the function.
     * @return the mapping; nothing happens until {@code doWork()} is called.
     * @throws io.embeddedkinesis.core.exception.ResourceNotFoundException if the stream or the on-failure
     *                                                                     destination does not exist.
     * @throws IllegalStateException if a mapping with the same UUID is open on the broker.
     */
    public static EventSourceMapping create(final KinesisBroker broker, final EventSourceMappingConfig config,
        final RequestHandler<? super KinesisTimeWindowEvent, ?> handler) {
        return new EventSourceMapping(broker, config, Objects.requireNonNull(handler, "handler"), true);
    }

    private static String applicationName(final EventSourceMappingConfig config) {
        return "trigger-" + config.uuid();
    }

    private static InitialPosition initialPosition(final EventSourceMappingConfig config) {
        return switch (config.startingPosition()) {
            case TRIM_HORIZON -> InitialPosition.TRIM_HORIZON;
            case LATEST -> InitialPosition.LATEST;
            case AT_TIMESTAMP -> InitialPosition.atTimestamp(config.startingPositionTimestamp());
        };
    }

    private static ThreadFactory invocationThreads(final String functionName) {
        final AtomicInteger count = new AtomicInteger();
        return task -> {
            final Thread thread = new Thread(task, "trigger-" + functionName + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * One duty cycle of a mapping made with {@link #create}: reads shards that are due, hands finished
     * invocations their outcome, and starts the invocations that are due, at the broker clock's time.
     *
     * @return the work done: records read, invocations started, lease steps; 0 when nothing was due.
     * @throws IllegalStateException for a mapping made with {@link #start}, which runs on its own thread.
     */
    public int doWork() {
        if (!driven) {
            throw new IllegalStateException("the event source mapping runs on its own thread: functionName="
                + config.functionName());
        }
        final int work = worker.doWork();
        final long invocations = context.invocations().get();
        final int started = (int) (invocations - invocationsCounted);
        invocationsCounted = invocations;
        return work + started;
    }

    /**
     * The mapping's settings.
     *
     * @return the configuration.
     */
    public EventSourceMappingConfig config() {
        return config;
    }

    /**
     * The consumer application the mapping runs as, which names its leases and checkpoints in the broker's
     * directory.
     *
     * @return {@code trigger-<uuid>}.
     */
    public String applicationName() {
        return applicationName(config);
    }

    /**
     * The stream's ARN, as events name it in {@code eventSourceARN}.
     *
     * @return the ARN.
     */
    public String eventSourceArn() {
        return context.events().streamArn();
    }

    /**
     * The function's ARN, as its context and on-failure records name it.
     *
     * @return {@code arn:aws:lambda:<region>:<account>:function:<name>}.
     */
    public String functionArn() {
        return context.invoker().function().arn();
    }

    /**
     * The mapping's leases as they are now, one per shard, each with the shard's checkpoint.
     *
     * @return the leases.
     */
    public List<Lease> leases() {
        return application.leases();
    }

    /**
     * Stops the mapping: its worker shuts down (a driven mapping's on the calling thread, which must be the
     * driving one), batches still running are left to finish, and what they did not checkpoint is read
     * again by the next mapping with this UUID. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            application.close();
        } finally {
            if (ownExecutor != null) {
                ownExecutor.shutdown();
                awaitInvocations();
            }
        }
    }

    private void awaitInvocations() {
        try {
            if (!ownExecutor.awaitTermination(config.timeoutSeconds(), TimeUnit.SECONDS)) {
                config.errorHandler().onError(new IllegalStateException("invocations still run after the "
                    + "function's timeout: functionName=" + config.functionName()));
            }
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
