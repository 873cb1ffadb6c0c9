package io.embeddedkinesis.core.log;

import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChronicleShardLogTest extends ShardLogContractTest {
    @TempDir
    Path directory;

    @Override
    ShardLog openLog(final CachedEpochClock clock) {
        return new ChronicleShardLog(directory, new LogConfig(LogCycle.HOURLY, 1024 * 1024, Durability.PAGE_CACHE),
            clock);
    }

    @Test
    void shouldRemoveExpiredFilesFromDisk() throws IOException {
        log.append(bytes("k"), bytes("a"));
        clock.advance(3_600_000L);
        log.append(bytes("k"), bytes("b"));
        clock.advance(3_600_000L);
        log.append(bytes("k"), bytes("c"));
        assertThat(cycleFiles()).isEqualTo(3);

        assertThat(log.deleteBefore(clock.time())).isEqualTo(2);

        assertThat(cycleFiles()).isEqualTo(1);
    }

    @Test
    void shouldForceAppendsToDiskOnSyncWhenDurabilityAsksForIt() {
        log.close();
        log = new ChronicleShardLog(directory, new LogConfig(LogCycle.HOURLY, 1024, Durability.FSYNC_EVERY_BATCH),
            clock);
        final long first = log.append(bytes("k"), bytes("a"));
        assertThat(log.syncedPosition()).isEqualTo(-1);

        log.sync();
        final long second = log.append(bytes("k"), bytes("b"));

        assertThat(log.syncedPosition()).isEqualTo(first);
        log.sync();
        assertThat(log.syncedPosition()).isEqualTo(second);
    }

    @Test
    void shouldNotSyncWithPageCacheDurability() {
        log.append(bytes("k"), bytes("a"));

        log.sync();

        assertThat(log.syncedPosition()).isEqualTo(-1);
    }

    @Test
    void shouldHoldAMebibyteRecordWithAMaximalKey() {
        final byte[] key = new byte[1024];
        final byte[] data = new byte[1024 * 1024 - key.length];

        final long position = log.append(key, data);

        assertThat(log.read(position, 1, entry -> entry.dataLength() == data.length && entry.keyLength() == 1024))
            .isEqualTo(1);
    }

    @Test
    void shouldRefuseAnEntryLargerThanItsBlockAndStayUsable() {
        assertThatThrownBy(() -> log.append(bytes("k"), new byte[4 * 1024 * 1024]))
            .isInstanceOf(io.embeddedkinesis.core.exception.InternalFailureException.class);

        log.append(bytes("k"), bytes("after"));

        assertThat(readAll(0)).hasSize(1);
    }

    @Test
    void shouldReadPastAFileWithoutACompleteEntry() {
        final long first = log.append(bytes("k"), bytes("a"));
        clock.advance(3_600_000L);
        assertThatThrownBy(() -> log.append(bytes("k"), new byte[4 * 1024 * 1024]))
            .isInstanceOf(io.embeddedkinesis.core.exception.InternalFailureException.class);
        clock.advance(3_600_000L);
        final long third = log.append(bytes("k"), bytes("c"));

        assertThat(readAll(first + 1)).containsExactly(third + "/" + clock.time() + "/k/c");
        assertThat(readAll(0)).hasSize(2);
    }

    @Test
    void shouldReadPastAnEmptyFirstFile() {
        assertThatThrownBy(() -> log.append(bytes("k"), new byte[4 * 1024 * 1024]))
            .isInstanceOf(io.embeddedkinesis.core.exception.InternalFailureException.class);
        clock.advance(3_600_000L);
        final long position = log.append(bytes("k"), bytes("c"));
        log.close();
        log = openLog(clock);

        assertThat(readAll(0)).containsExactly(position + "/" + clock.time() + "/k/c");
    }

    private long cycleFiles() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".cq4")).count();
        }
    }
}
