package io.embeddedkinesis.core.junit;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.stream.FileTrees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The broker of an {@link EmbeddedKinesis} test, with what surrounds it: its temporary directory, its
 * {@link TestClock} and a {@link StreamReader}. Inject it where a test restarts the broker:
 * {@link #reopen()} closes it and opens another on the same directory, as a restarted process would, and
 * updates the injected fields.
 *
 * <p>The extension opens and closes it; {@link #close()} also deletes the directory. Safe to read from any
 * thread; reopen it from one thread while nothing else uses the broker.
 */
public final class TestBroker implements AutoCloseable {
    private final Path directory;
    private final TestClock clock;
    private final BrokerConfig config;
    private final StreamReader reader;
    private volatile KinesisBroker broker;
    private volatile Runnable onReopen = () -> { };
    private boolean closed;

    private TestBroker(final Path directory, final TestClock clock, final BrokerConfig config) {
        this.directory = directory;
        this.clock = clock;
        this.config = config;
        this.reader = new StreamReader(this::broker);
        this.broker = KinesisBroker.open(config);
    }

    /**
     * Opens a broker on a new directory under {@code parent} (the system's temporary directory, or a test's
     * own); the directory is deleted again if the broker fails to open.
     */
    static TestBroker open(final BrokerConfig.Builder builder, final TestClock clock, final Path parent) {
        final Path directory = createDirectory(parent);
        try {
            return new TestBroker(directory, clock, builder.directory(directory).clock(clock).build());
        } catch (final RuntimeException ex) {
            deleteDirectory(directory, ex);
            throw ex;
        }
    }

    /**
     * The broker, the one opened last if the test reopened it.
     *
     * @return the broker.
     */
    public KinesisBroker broker() {
        return broker;
    }

    /**
     * The clock the broker takes all its time from.
     *
     * @return the clock.
     */
    public TestClock clock() {
        return clock;
    }

    /**
     * The temporary directory the broker keeps its files in, deleted after the test.
     *
     * @return the directory.
     */
    public Path directory() {
        return directory;
    }

    /**
     * Reads this broker's streams, whichever broker {@link #reopen()} opened last.
     *
     * @return the reader.
     */
    public StreamReader reader() {
        return reader;
    }

    /**
     * Closes the broker and opens another on the same directory and clock with the same configuration, so
     * a test can check what survives a restart. Injected {@code KinesisBroker} fields are set to the new
     * broker; a broker the test holds elsewhere is closed.
     *
     * @return the new broker.
     */
    public synchronized KinesisBroker reopen() {
        if (closed) {
            throw new IllegalStateException("the test's broker is closed: directory=" + directory);
        }
        broker.close();
        broker = KinesisBroker.open(config);
        onReopen.run();
        return broker;
    }

    /** Sets what {@link #reopen()} does after opening: the extension injects the new broker. */
    void onReopen(final Runnable action) {
        onReopen = Objects.requireNonNull(action, "action");
    }

    /**
     * Closes the broker, if the test did not, and deletes the directory; idempotent.
     *
     * @throws UncheckedIOException if the directory cannot be deleted.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            broker.close();
        } catch (final RuntimeException ex) {
            deleteDirectory(directory, ex);
            throw ex;
        }
        try {
            FileTrees.deleteRecursively(directory);
        } catch (final IOException ex) {
            throw new UncheckedIOException("could not delete the test broker's directory: directory=" + directory,
                ex);
        }
    }

    @Override
    public String toString() {
        return "TestBroker[" + directory + "]";
    }

    private static Path createDirectory(final Path parent) {
        try {
            return Files.createTempDirectory(parent, "embedded-kinesis-test-");
        } catch (final IOException ex) {
            throw new UncheckedIOException("could not create a temporary directory for the test's broker", ex);
        }
    }

    private static void deleteDirectory(final Path directory, final RuntimeException failure) {
        try {
            FileTrees.deleteRecursively(directory);
        } catch (final IOException ex) {
            failure.addSuppressed(ex);
        }
    }
}
