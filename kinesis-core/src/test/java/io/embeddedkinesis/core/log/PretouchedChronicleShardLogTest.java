package io.embeddedkinesis.core.log;

import net.openhft.chronicle.core.io.BackgroundResourceReleaser;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log contract holds with a pretoucher faulting pages in ahead of the appends on its own thread, and the
 * pretoucher touches what the writer will reach next, more for a busy log, never a byte of what it wrote.
 */
class PretouchedChronicleShardLogTest extends ShardLogContractTest {
    private static final LogConfig CONFIG = new LogConfig(LogCycle.HOURLY, MIB, Durability.PAGE_CACHE);

    @TempDir
    Path directory;

    private LogPretoucher pretoucher;

    @Override
    ShardLog openLog(final CachedEpochClock clock) {
        if (pretoucher == null) {
            pretoucher = LogPretoucher.start();
        }
        return new ChronicleShardLog(directory, CONFIG, clock, pretoucher);
    }

    @AfterEach
    void closePretoucher() {
        if (pretoucher != null) {
            pretoucher.close();
        }
    }

    @Test
    void shouldTouchAheadOfTheWriterMoreAsItWritesMoreAndNothingTwice() {
        log.close();
        final LogPretoucher manual = LogPretoucher.manual();
        try (ChronicleShardLog touched = new ChronicleShardLog(directory.resolve("manual"), CONFIG, clock, manual)) {
            assertThat(manual.touchOnce()).isZero();

            touched.append(bytes("k"), new byte[100]);
            final int first = manual.touchOnce();
            final int again = manual.touchOnce();
            for (int i = 0; i < 20_000; i++) {
                touched.append(bytes("k"), new byte[100]);
            }
            final int busier = manual.touchOnce();

            final int minimumPages = (int) (LogPretoucher.MIN_AHEAD_BYTES / 4096);
            assertThat(first).isBetween(minimumPages, minimumPages + 1);
            assertThat(again).isZero();
            assertThat(busier).isGreaterThan(first);
        } finally {
            manual.close();
        }
    }

    @Test
    void shouldLeaveEveryByteAsWrittenWhileTouchingConcurrently() {
        final List<byte[]> written = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            final byte[] data = new byte[1 + i % 300];
            for (int j = 0; j < data.length; j++) {
                data[j] = (byte) (i * 31 + j);
            }
            written.add(data);
            log.append(bytes("key-" + i), data);
        }

        final List<byte[]> read = new ArrayList<>();
        long position = 0;
        while (read.size() < written.size()) {
            final long[] next = {position};
            final int count = log.read(position, 10_000, entry -> {
                read.add(entry.data());
                next[0] = entry.nextPosition();
                return true;
            });
            assertThat(count).isPositive();
            position = next[0];
        }

        assertThat(read).containsExactlyElementsOf(written);
    }

    @Test
    void shouldFaultThePagesInThroughTheWritersOwnMapping() throws IOException {
        log.close();
        final LogPretoucher manual = LogPretoucher.manual();
        try (ChronicleShardLog untouched = new ChronicleShardLog(directory.resolve("untouched"), CONFIG, clock);
             ChronicleShardLog touched = new ChronicleShardLog(directory.resolve("touched"), CONFIG, clock, manual);
             ThreadFaults faults = new ThreadFaults()) {
            final long untouchedFaults = faultsWhileAppending(untouched, faults, () -> { });
            final long touchedFaults = faultsWhileAppending(touched, faults, manual::touchOnce);

            // About a thousand pages written to each: a writer that faults each page in itself takes a fault for
            // each, as the untouched one shows; the touched one finds them faulted in.
            final long pagesWritten = touched.writeEnd() / 4096;
            assertThat(pagesWritten).isGreaterThan(900);
            assertThat(untouchedFaults).as("faults the untouched writer took").isGreaterThan(pagesWritten / 2);
            assertThat(touchedFaults).as("faults the touched writer took").isLessThan(pagesWritten / 10);
        } finally {
            manual.close();
        }
    }

    /** Appends 30,000 records of 100 bytes, running {@code between} before each, and counts the appends' faults. */
    private static long faultsWhileAppending(final ShardLog target, final ThreadFaults faults, final Runnable between)
        throws IOException {
        final byte[] key = bytes("k");
        final byte[] data = new byte[100];
        long taken = 0;
        for (int i = 0; i < 30_000; i++) {
            between.run();
            final long before = faults.minor();
            target.append(key, data);
            taken += faults.minor() - before;
        }
        return taken;
    }

    @Test
    void shouldLetGoOfTheChunkAheadWhenTheLogIsSealedAndOfEverythingWhenItCloses() throws IOException {
        log.close();
        final LogPretoucher manual = LogPretoucher.manual();
        try {
            final Path sealedDirectory = directory.resolve("sealed");
            final ChronicleShardLog sealed = new ChronicleShardLog(sealedDirectory, CONFIG, clock, manual);
            final long writersMappings = writeUntilTheChunkAheadIsMapped(sealed, sealedDirectory, manual);

            sealed.seal();
            BackgroundResourceReleaser.releasePendingResources();
            final long mappedAfterSeal = mappingsOf(sealedDirectory);
            sealed.close();

            assertThat(mappedAfterSeal).isEqualTo(writersMappings);
            assertThat(mappingsOf(sealedDirectory)).isZero();
            assertThat(manual.touchOnce()).isZero();
        } finally {
            manual.close();
        }
    }

    @Test
    void shouldLetGoOfTheChunkAheadWhenTheLogClosesUnsealed() throws IOException {
        log.close();
        final LogPretoucher manual = LogPretoucher.manual();
        try {
            final Path openDirectory = directory.resolve("open");
            final ChronicleShardLog open = new ChronicleShardLog(openDirectory, CONFIG, clock, manual);
            writeUntilTheChunkAheadIsMapped(open, openDirectory, manual);

            open.close();

            assertThat(mappingsOf(openDirectory)).isZero();
            assertThat(manual.touchOnce()).isZero();
        } finally {
            manual.close();
        }
    }

    /**
     * Appends until the pretoucher has mapped the chunk after the writer's, while the writer is still in its
     * first chunk; returns how many mappings of the log's files there were before.
     */
    private long writeUntilTheChunkAheadIsMapped(final ChronicleShardLog target, final Path logDirectory,
        final LogPretoucher manual) throws IOException {
        target.append(bytes("k"), new byte[100]);
        assertThat(manual.touchOnce()).isPositive();
        BackgroundResourceReleaser.releasePendingResources();
        final long writersMappings = mappingsOf(logDirectory);
        long mappings = writersMappings;
        for (int i = 0; i < 100_000 && mappings == writersMappings; i++) {
            target.append(bytes("k"), new byte[100]);
            if (manual.touchOnce() > 0) {
                mappings = mappingsOf(logDirectory);
            }
        }
        assertThat(mappings).isEqualTo(writersMappings + 1);
        // The new mapping is the pretoucher's: the writer has not left its first chunk.
        assertThat(target.writeEnd()).isLessThan(CONFIG.blockSizeBytes());
        return writersMappings;
    }

    /**
     * The minor page faults of the thread that opens it, read from Linux's /proc/thread-self/stat into a buffer
     * allocated once, so that reading them takes no fault itself.
     */
    private static final class ThreadFaults implements AutoCloseable {
        private final FileChannel stat = FileChannel.open(Path.of("/proc/thread-self/stat"));
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(4096);

        ThreadFaults() throws IOException {
        }

        /** Field 10 of the stat line, counted after the command name, which ends with the line's last ')'. */
        long minor() throws IOException {
            buffer.clear();
            stat.read(buffer, 0);
            for (int i = buffer.position() - 1; i >= 0; i--) {
                if (buffer.get(i) == ')') {
                    int field = 3;
                    long value = 0;
                    for (int j = i + 2; j < buffer.position(); j++) {
                        final byte c = buffer.get(j);
                        if (c == ' ') {
                            if (field == 10) {
                                return value;
                            }
                            field++;
                            value = 0;
                        } else {
                            value = value * 10 + (c - '0');
                        }
                    }
                }
            }
            throw new IllegalStateException("no minor fault count in /proc/thread-self/stat");
        }

        @Override
        public void close() throws IOException {
            stat.close();
        }
    }

    /** How many memory mappings of files under a directory this process has (Linux's /proc/self/maps). */
    private static long mappingsOf(final Path directory) throws IOException {
        final String prefix = directory.toAbsolutePath().toString() + "/";
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.filter(line -> line.contains(prefix)).count();
        }
    }
}
