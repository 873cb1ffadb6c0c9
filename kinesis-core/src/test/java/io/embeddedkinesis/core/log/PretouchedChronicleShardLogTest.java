package io.embeddedkinesis.core.log;

import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
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
    void shouldLetGoOfTheFileWhenTheLogIsSealedAndWhenItCloses() throws IOException {
        log.close();
        final LogPretoucher manual = LogPretoucher.manual();
        try {
            final Path sealedDirectory = directory.resolve("sealed");
            final ChronicleShardLog sealed = new ChronicleShardLog(sealedDirectory, CONFIG, clock, manual);
            sealed.append(bytes("k"), new byte[100]);
            assertThat(manual.touchOnce()).isPositive();
            final long mappedBefore = mappingsOf(sealedDirectory);

            sealed.seal();
            final long mappedAfterSeal = mappingsOf(sealedDirectory);
            sealed.close();

            assertThat(mappedAfterSeal).isEqualTo(mappedBefore - 1);
            assertThat(mappingsOf(sealedDirectory)).isZero();
            assertThat(manual.touchOnce()).isZero();
        } finally {
            manual.close();
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
