package io.embeddedkinesis.benchmarks.server;

import io.embeddedkinesis.benchmarks.BenchmarkJvm;
import io.embeddedkinesis.server.cli.KinesisServerCli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * kinesis-server in a JVM of its own, as users run it ({@code serve}, the command of
 * {@code java -jar kinesis-server.jar}) and as kinesalite runs beside the benchmark: on a free port of
 * 127.0.0.1, on a fresh temporary directory that it deletes when it stops, with throttling off. The server has
 * its own heap, garbage collector and JIT, where the in-process target shares the benchmark's; the calls cross
 * processes. Unlike the in-process target, {@code serve} keeps its broker's housekeeping (retention and
 * on-demand scaling, once a minute), as it does for users.
 *
 * <p>It is started from the benchmark's own class path with the JVM arguments {@link BenchmarkJvm} gives the
 * benchmark forks (Chronicle's flags and the same fixed, pre-touched heap; not any {@code -jvmArgs} given to
 * JMH on its command line), and stopped with SIGTERM, which {@code serve} answers by shutting down cleanly.
 */
final class ServerProcess implements AutoCloseable {
    /** The line {@code serve} prints once it listens, whole: its URL, then where its data is. */
    private static final Pattern LISTENING = Pattern.compile("Kinesis endpoint listening on (\\S+) \\(data in ");
    private static final long START_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);
    private static final long STOP_TIMEOUT_SECONDS = 30;
    private static final long POLL_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Process process;
    private final Path log;
    private final URI endpoint;
    /** Stops the server if this JVM exits without closing it, e.g. a fork ended by an error or a signal. */
    private final Thread stopOnExit;

    private ServerProcess(final Process process, final Path log, final URI endpoint, final Thread stopOnExit) {
        this.process = process;
        this.log = log;
        this.endpoint = endpoint;
        this.stopOnExit = stopOnExit;
    }

    /**
     * Starts the server and waits until it listens.
     *
     * @return the running server.
     * @throws IllegalStateException if it exits, or does not listen within a minute; with its output.
     */
    static ServerProcess start() {
        final Path log;
        final Process process;
        try {
            log = Files.createTempFile("kinesis-server-process-", ".log");
            process = new ProcessBuilder(command())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
        final Thread stopOnExit = new Thread(process::destroy, "kinesis-server-process-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        final long deadline = System.nanoTime() + START_TIMEOUT_NS;
        while (true) {
            final Matcher listening = LISTENING.matcher(read(log));
            if (listening.find()) {
                return new ServerProcess(process, log, URI.create(listening.group(1)), stopOnExit);
            }
            if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                process.destroyForcibly();
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
                final String output = read(log);
                delete(log);
                throw new IllegalStateException("kinesis-server did not start; its output:\n" + output);
            }
            LockSupport.parkNanos(POLL_INTERVAL_NS);
        }
    }

    /** {@code java <fork arguments> -cp <this class path> KinesisServerCli serve ...}. */
    private static List<String> command() {
        return ForkedJvm.command(KinesisServerCli.class, List.of("serve", "--port", "0", "--no-shard-limits"));
    }

    /**
     * Where the server listens.
     *
     * @return its URL.
     */
    URI endpoint() {
        return endpoint;
    }

    /**
     * Stops the server (SIGTERM), waiting until it has exited, and deletes its output.
     */
    @Override
    public void close() {
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kinesis-server did not stop in " + STOP_TIMEOUT_SECONDS
                    + " s; its output:\n" + read(log));
            }
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } finally {
            delete(log);
        }
    }

    /** The server's output so far; bytes that are not UTF-8 read as replacement characters. */
    private static String read(final Path log) {
        try {
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void delete(final Path log) {
        try {
            Files.deleteIfExists(log);
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
