package io.embeddedkinesis.benchmarks.server;

import io.embeddedkinesis.server.KinesisServer;
import org.openjdk.jmh.util.ListStatistics;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code PutRecords} ratio of a target to the canned endpoint, measured in pairs within one JVM: the two
 * endpoints are open side by side, one client each, and are called in alternating slices of equal length
 * (the order swapped every pair: target first, then canned first), so each pair's ratio compares calls made
 * by the same warmed-up client code, seconds apart. The requests are {@link ServerPutRecordsBenchmark}'s
 * ({@link PutRecordsBatches}), and the stream is recreated, empty, before every slice, as the benchmark does
 * before every iteration.
 *
 * <p>Why, beside the JMH benchmark: JMH measures the target and the baseline in different forks, and on
 * these 2-vCPU machines the client's own cost a call changes by a tenth or more from one JVM launch to the
 * next, so the ratio of two forks' scores carries that noise twice. Pairing within one JVM cancels it, and
 * the spread of the pairs' ratios gives the ratio's own confidence interval.
 *
 * <p>Run with {@code java -cp benchmarks/target/benchmarks.jar
 * io.embeddedkinesis.benchmarks.server.PutRecordsRatioProbe <target> [pairs] [slice seconds] [warm-up seconds]},
 * the target as {@link Target} parses it, e.g. {@code kinesis-server-process-cbor}; the baseline is the canned
 * endpoint in the target's encoding. The measurement runs in a JVM of its own, started with the arguments JMH's
 * forks get ({@link ForkedJvm}), so each run is a fresh JVM launch. Not thread-safe: one thread calls.
 */
public final class PutRecordsRatioProbe {
    private static final int DATA_SIZE_BYTES = 100;
    private static final int DEFAULT_PAIRS = 12;
    private static final int DEFAULT_SLICE_SECONDS = 2;
    private static final int DEFAULT_WARM_UP_SECONDS = 40;
    private static final double CONFIDENCE = 0.95;
    private static final int MIN_PAIRS = 3;
    /**
     * The endpoint's target (see {@code benchmarks/README.md}), at least this share of the canned endpoint's
     * records/s: a call to the target may take 1 / 0.7 times as long as one to the canned endpoint, so the server
     * may add three sevenths of the canned call's time.
     */
    private static final double TARGET_RATIO = 0.7;

    private PutRecordsRatioProbe() {
    }

    /**
     * How long to measure.
     *
     * @param pairs    how many pairs of slices are measured: at least three, the fewest a confidence interval
     *                 can be had from.
     * @param sliceNs  how long each slice calls one endpoint.
     * @param warmUpNs how long each endpoint is called, in alternating slices, before anything is measured.
     */
    record Settings(int pairs, long sliceNs, long warmUpNs) {
        Settings {
            if (pairs < MIN_PAIRS || sliceNs <= 0 || warmUpNs < 0) {
                throw new IllegalArgumentException("need at least " + MIN_PAIRS + " pairs and slices of some length:"
                    + " pairs=" + pairs + ", sliceNs=" + sliceNs + ", warmUpNs=" + warmUpNs);
            }
        }
    }

    /**
     * One slice's measurement.
     *
     * @param recordsPerSecond   the records put per second of wall-clock time.
     * @param clientCpuNsPerCall the CPU time the calling thread spent per call.
     * @param serverCpuNsPerCall the CPU time kinesis-server's event-loop threads in this JVM spent per call, in
     *                           which they read, parse, write to the broker and answer; not the broker's
     *                           pretoucher's, nor garbage collection's or the JIT compiler's. Zero for an
     *                           endpoint outside this JVM (kinesis-server-process, kinesalite) and about zero for
     *                           the canned endpoint, whose threads are named otherwise.
     */
    record Slice(double recordsPerSecond, double clientCpuNsPerCall, double serverCpuNsPerCall) {
        /** How long a call took, on average. */
        double callNs() {
            return PutRecordsBatches.BATCH_SIZE * 1e9 / recordsPerSecond;
        }
    }

    /**
     * One pair of slices.
     *
     * @param target the target's slice.
     * @param canned the canned endpoint's slice.
     */
    record Pair(Slice target, Slice canned) {
        double ratio() {
            return target.recordsPerSecond() / canned.recordsPerSecond();
        }
    }

    /**
     * Measures one target in a JVM of its own, which prints a line per pair, then what the target added to a
     * call against what the target ratio allows it, and the mean ratio with its confidence interval.
     *
     * @param args the target, then optionally the number of pairs, the slice length and the warm-up per
     *             endpoint, in seconds.
     * @throws IOException          if the JVM cannot be started.
     * @throws InterruptedException if interrupted while waiting for it.
     */
    public static void main(final String[] args) throws IOException, InterruptedException {
        final Process measuring = new ProcessBuilder(ForkedJvm.command(ForkedRun.class, List.of(args)))
            .inheritIO().start();
        // A probe stopped early (Ctrl-C, SIGTERM) stops its measuring JVM too, rather than leave it running.
        final Thread stopMeasuring = new Thread(measuring::destroy);
        Runtime.getRuntime().addShutdownHook(stopMeasuring);
        try {
            final int exitCode = measuring.waitFor();
            if (exitCode != 0) {
                throw new IllegalStateException("the measuring JVM failed: exit code " + exitCode);
            }
        } finally {
            measuring.destroy();
            Runtime.getRuntime().removeShutdownHook(stopMeasuring);
        }
    }

    /** The measuring JVM. */
    static final class ForkedRun {
        private ForkedRun() {
        }

        /**
         * Measures as {@link PutRecordsRatioProbe#main} describes.
         *
         * @param args as {@link PutRecordsRatioProbe#main} takes them.
         */
        public static void main(final String[] args) {
            run(args);
        }
    }

    private static void run(final String[] args) {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: PutRecordsRatioProbe <target> [pairs] [slice seconds]"
                + " [warm-up seconds]");
        }
        final Settings settings = new Settings(
            args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_PAIRS,
            TimeUnit.SECONDS.toNanos(args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_SLICE_SECONDS),
            TimeUnit.SECONDS.toNanos(args.length > 3 ? Integer.parseInt(args[3]) : DEFAULT_WARM_UP_SECONDS));
        final List<Pair> pairs = measure(args[0], settings);
        for (int i = 0; i < pairs.size(); i++) {
            final Pair pair = pairs.get(i);
            System.out.printf("pair %2d: target %,9.0f records/s (CPU a call: client %4.0f µs, server %4.0f µs),"
                    + " canned %,9.0f (client %4.0f µs), ratio %.3f%n", i + 1, pair.target().recordsPerSecond(),
                pair.target().clientCpuNsPerCall() / 1e3, pair.target().serverCpuNsPerCall() / 1e3,
                pair.canned().recordsPerSecond(), pair.canned().clientCpuNsPerCall() / 1e3, pair.ratio());
        }
        final ListStatistics ratios = ratios(pairs);
        final ListStatistics serverCpu = new ListStatistics();
        final ListStatistics cannedCall = new ListStatistics();
        final ListStatistics added = new ListStatistics();
        for (final Pair pair : pairs) {
            serverCpu.addValue(pair.target().serverCpuNsPerCall() / 1e3);
            cannedCall.addValue(pair.canned().callNs() / 1e3);
            added.addValue((pair.target().callNs() - pair.canned().callNs()) / 1e3);
        }
        System.out.printf("a call: %.0f µs to the canned endpoint; the target added %.0f ± %.0f µs, where %.1f×"
                + " allows %.0f%s%n", cannedCall.getMean(), added.getMean(), added.getMeanErrorAt(CONFIDENCE),
            TARGET_RATIO, cannedCall.getMean() * (1 / TARGET_RATIO - 1), serverCpu.getMax() == 0 ? ""
                : String.format("; its event loops spent %.0f ± %.0f µs of CPU a call", serverCpu.getMean(),
                    serverCpu.getMeanErrorAt(CONFIDENCE)));
        System.out.printf("%s: ratio to canned %.3f ± %.3f (%.0f%% confidence, %d pairs), min %.3f, max %.3f%n",
            args[0], ratios.getMean(), ratios.getMeanErrorAt(CONFIDENCE), CONFIDENCE * 100, pairs.size(),
            ratios.getMin(), ratios.getMax());
    }

    /**
     * Opens the target and the canned endpoint in the target's encoding, warms both up and measures the pairs.
     *
     * @param target   a {@link Target} parameter other than a canned one.
     * @param settings how long to measure.
     * @return the pairs, in the order measured.
     * @throws IllegalArgumentException if the target is a canned endpoint.
     */
    static List<Pair> measure(final String target, final Settings settings) {
        final Target parsed = Target.parse(target);
        if (parsed.endpoint() == Target.Endpoint.CANNED) {
            throw new IllegalArgumentException("the target is compared with the canned endpoint: target=" + target);
        }
        final PutRecordsBatches batches = new PutRecordsBatches(DATA_SIZE_BYTES);
        try (EndpointFixture measured = new EndpointFixture(target, DATA_SIZE_BYTES);
             EndpointFixture canned = new EndpointFixture(parsed.cbor() ? "canned-cbor" : "canned-json",
                 DATA_SIZE_BYTES)) {
            for (long warmedNs = 0; warmedNs < settings.warmUpNs(); warmedNs += settings.sliceNs()) {
                slice(measured, batches, settings.sliceNs());
                slice(canned, batches, settings.sliceNs());
            }
            final List<Pair> pairs = new ArrayList<>(settings.pairs());
            for (int i = 0; i < settings.pairs(); i++) {
                if (i % 2 == 0) {
                    final Slice first = slice(measured, batches, settings.sliceNs());
                    pairs.add(new Pair(first, slice(canned, batches, settings.sliceNs())));
                } else {
                    final Slice first = slice(canned, batches, settings.sliceNs());
                    pairs.add(new Pair(slice(measured, batches, settings.sliceNs()), first));
                }
            }
            return pairs;
        }
    }

    /**
     * The pairs' ratios, for their mean and its confidence interval.
     *
     * @param pairs the pairs.
     * @return the statistics of target / canned over the pairs.
     */
    static ListStatistics ratios(final List<Pair> pairs) {
        final ListStatistics statistics = new ListStatistics();
        pairs.forEach(pair -> statistics.addValue(pair.ratio()));
        return statistics;
    }

    /** Calls one endpoint for a slice's length, on a fresh stream, whole calls only. */
    private static Slice slice(final EndpointFixture endpoint, final PutRecordsBatches batches, final long sliceNs) {
        endpoint.recreateStream();
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final long serverCpuStart = serverThreadsCpuNs(threads);
        final long cpuStart = threads.getCurrentThreadCpuTime();
        final long start = System.nanoTime();
        long calls = 0;
        long elapsed;
        do {
            batches.putNext(endpoint.client());
            calls++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < sliceNs);
        final long cpuNs = threads.getCurrentThreadCpuTime() - cpuStart;
        final long serverCpuNs = serverThreadsCpuNs(threads) - serverCpuStart;
        return new Slice(calls * PutRecordsBatches.BATCH_SIZE * 1e9 / elapsed, (double) cpuNs / calls,
            (double) serverCpuNs / calls);
    }

    /**
     * The CPU time of the threads kinesis-server names {@value KinesisServer#THREAD_PREFIX}..., those alive now;
     * its event loops live as long as the server, so the difference of two readings is their time in between.
     */
    private static long serverThreadsCpuNs(final ThreadMXBean threads) {
        long total = 0;
        for (final ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (thread != null && thread.getThreadName().startsWith(KinesisServer.THREAD_PREFIX)) {
                total += Math.max(0, threads.getThreadCpuTime(thread.getThreadId()));
            }
        }
        return total;
    }
}
