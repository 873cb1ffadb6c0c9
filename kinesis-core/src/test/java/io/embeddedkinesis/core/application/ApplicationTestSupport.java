package io.embeddedkinesis.core.application;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.KinesisBroker;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * A broker and consumer applications on a temporary directory, with a clock the test moves and workers the
 * test drives: no threads of the test's own, no sleeps. (Enhanced fan-out pushes from the broker's thread,
 * which {@link #runUntil} waits for.)
 */
abstract class ApplicationTestSupport {
    static final long START_MS = 1_764_000_000_000L;
    /** Polls every 200 ms: five reads a second, the shard's limit. */
    static final PollingConfig POLLING = new PollingConfig(10_000, 200);
    static final long STEP_MS = 200;
    /** The longest a test waits for the fan-out thread, in wall-clock time. */
    static final long WAIT_SECONDS = 30;

    @TempDir
    Path directory;

    final CachedEpochClock clock = new CachedEpochClock();
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    final List<ConsumerApplication> applications = new ArrayList<>();
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

    ConsumerApplication openApplication(final String stream, final RecordingProcessor.Behaviour behaviour) {
        return openApplication(stream, behaviour, b -> b);
    }

    ConsumerApplication openApplication(final String stream, final RecordingProcessor.Behaviour behaviour,
        final UnaryOperator<ApplicationConfig.Builder> customizer) {
        final ApplicationConfig config = customizer.apply(ApplicationConfig.builder("app", stream,
                shardId -> new RecordingProcessor(shardId, events, behaviour))
            .initialPosition(InitialPosition.TRIM_HORIZON)
            .retrievalFactory(POLLING)
            .errorHandler(errors::add)).build();
        final ConsumerApplication application = ConsumerApplication.open(broker, config);
        applications.add(application);
        return application;
    }

    @AfterEach
    void closeAll() {
        for (final ConsumerApplication application : applications) {
            application.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** Drives the workers until none has anything left to do at this time. */
    static void drive(final Worker... workers) {
        for (int round = 0; round < 10_000; round++) {
            int work = 0;
            for (final Worker worker : workers) {
                work += worker.doWork();
            }
            if (work == 0) {
                return;
            }
        }
        throw new AssertionError("workers never went idle");
    }

    /** Moves the clock by {@code ms} in steps, driving the workers at each step. */
    void runFor(final long ms, final Worker... workers) {
        drive(workers);
        for (long elapsed = 0; elapsed < ms; elapsed += STEP_MS) {
            clock.advance(STEP_MS);
            drive(workers);
        }
    }

    /**
     * Drives the workers and moves the clock a step at a time until a condition holds. Enhanced fan-out pushes
     * on the broker's own thread, so a test waits for what it pushed: this gives up after {@value #WAIT_SECONDS}
     * seconds of wall-clock time, and parks a little between steps rather than sleeping a fixed time.
     */
    void runUntil(final BooleanSupplier condition, final Worker... workers) {
        final long giveUpNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        drive(workers);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > giveUpNs) {
                throw new AssertionError("not reached within " + WAIT_SECONDS + " s; events=" + events
                    + ", errors=" + errors);
            }
            clock.advance(STEP_MS);
            drive(workers);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** Drives the workers, without moving the clock, until a condition holds; see {@link #runUntil}. */
    static void driveUntil(final BooleanSupplier condition, final Worker... workers) {
        final long giveUpNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        drive(workers);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > giveUpNs) {
                throw new AssertionError("not reached within " + WAIT_SECONDS + " s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            drive(workers);
        }
    }

    void put(final String stream, final String key, final String data) {
        broker.putRecord(stream, key, data.getBytes(StandardCharsets.UTF_8));
    }

    /** The events of one kind, e.g. "record", as "shardId:detail". */
    List<String> events(final String kind) {
        final List<String> matching = new ArrayList<>();
        for (final String event : events) {
            final String[] parts = event.split(" ", 2);
            if (parts[0].equals(kind)) {
                matching.add(parts[1]);
            }
        }
        return matching;
    }

    /** The payloads delivered, in delivery order. */
    List<String> deliveredData() {
        final List<String> data = new ArrayList<>();
        for (final String record : events("record")) {
            data.add(record.substring(record.lastIndexOf(':') + 1));
        }
        return data;
    }
}
