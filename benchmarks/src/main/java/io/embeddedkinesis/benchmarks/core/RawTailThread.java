package io.embeddedkinesis.benchmarks.core;

import io.embeddedkinesis.benchmarks.baseline.RawChronicleLog;

import java.util.ArrayList;
import java.util.List;

/**
 * The baseline of the fan-out benchmarks: one thread that spins over raw Chronicle tailers, one per consumer,
 * as the broker's fan-out thread serves every subscription, and counts the entries each has read.
 */
final class RawTailThread implements AutoCloseable {
    private final List<RawChronicleLog.Reader> readers = new ArrayList<>();
    private final long[] read;
    private final Thread thread;
    private volatile long slowest;
    private volatile boolean running = true;

    RawTailThread(final RawChronicleLog log, final int tailers) {
        for (int i = 0; i < tailers; i++) {
            readers.add(log.createReader());
        }
        this.read = new long[tailers];
        this.thread = new Thread(this::run, "raw-tail");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            boolean any = false;
            long min = Long.MAX_VALUE;
            for (int i = 0; i < readers.size(); i++) {
                if (readers.get(i).readData() != null) {
                    read[i]++;
                    any = true;
                }
                min = Math.min(min, read[i]);
            }
            if (any) {
                // Written only when it moves: a store on every spin would bounce the cache line the waiting
                // benchmark thread reads, and slow the baseline down for nothing.
                slowest = min;
            } else {
                Thread.onSpinWait();
            }
        }
    }

    /**
     * Spins until every tailer has read a count of entries.
     *
     * @param count the count since the thread started.
     */
    void awaitRead(final long count) {
        while (slowest < count) {
            Thread.onSpinWait();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join();
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        readers.forEach(RawChronicleLog.Reader::close);
    }
}
