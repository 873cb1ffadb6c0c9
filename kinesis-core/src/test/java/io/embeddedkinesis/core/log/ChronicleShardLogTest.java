package io.embeddedkinesis.core.log;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.EpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChronicleShardLogTest extends ShardLogContractTest {
    private static final LogConfig CONFIG = new LogConfig(LogCycle.HOURLY, MIB, Durability.PAGE_CACHE);
    /** The positions one excerpt spans: room for the entries of a packed one. */
    private static final long EXCERPT = RecordDescriptor.MAX_PACKED_ENTRIES;

    @TempDir
    Path directory;

    @Override
    ShardLog openLog(final CachedEpochClock clock) {
        return new ChronicleShardLog(directory, CONFIG, clock);
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

        assertThat(log.syncedPosition()).isGreaterThanOrEqualTo(first).isLessThan(second);
        log.sync();
        assertThat(log.syncedPosition()).isGreaterThanOrEqualTo(second);
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
    void shouldStoreAnEntryLargerThanAFragmentAsFragmentsWithoutGrowingTheBlock() {
        final long position = log.append(bytes("k"), new byte[10 * MIB]);
        final List<Long> next = new ArrayList<>();

        log.read(position, 1, entry -> next.add(entry.nextPosition()));
        final long after = log.append(bytes("k"), bytes("after"));

        assertThat(CONFIG.blockSizeBytes()).isEqualTo(4L * (MIB + 64 * 1024));
        assertThat(next).containsExactly(position + 1);
        assertThat(after).as("after the entry's eleven excerpts").isEqualTo(position + 11 * EXCERPT);
        assertThat(readAll(position + 1)).containsExactly(after + "/" + START_MS + "/k/after");
    }

    @Test
    void shouldPackABatchIntoExcerptsOfAtMostFiveHundredAndTwelveEntries() {
        final long[] positions = new long[600];

        log.appendAll(batch(600, 100), RecordDescriptor.NOT_ENCRYPTED, clock.time(), positions);
        final long after = log.append(bytes("k"), bytes("after"));

        for (int i = 0; i < 512; i++) {
            assertThat(positions[i]).as("one excerpt, slot " + i).isEqualTo(positions[0] + i);
        }
        assertThat(positions[512]).as("the second excerpt").isEqualTo(positions[0] + EXCERPT);
        assertThat(positions[599]).isEqualTo(positions[512] + 87);
        assertThat(after).as("an excerpt of its own").isEqualTo(positions[0] + 2 * EXCERPT);
    }

    @Test
    void shouldKeepEveryByteOfALargePackedExcerptWithEntriesOfManyLengths() {
        // 300 entries, keys of 2 to 10 bytes, data of 0 to 299 bytes and one of 40 KB: 93 KB in one excerpt.
        final List<byte[]> keys = new ArrayList<>();
        final List<byte[]> data = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            keys.add(bytes("k".repeat(1 + i % 7) + i));
            data.add(randomBytes(i == 150 ? 40_000 : i, i));
        }
        final long[] positions = new long[300];

        log.appendAll(ShardLogContractTest.batchOf(keys, data), RecordDescriptor.NOT_ENCRYPTED, clock.time(),
            positions);

        assertThat(positions[299]).as("one excerpt").isEqualTo(positions[0] + 299);
        final List<byte[]> readKeys = new ArrayList<>();
        final List<byte[]> readData = new ArrayList<>();
        log.read(positions[0], 300, entry -> {
            assertThat(entry.timestampMs()).isEqualTo(START_MS);
            readKeys.add(entry.keyBytes());
            return readData.add(entry.data());
        });
        assertThat(readKeys).containsExactlyElementsOf(keys);
        assertThat(readData).containsExactlyElementsOf(data);
    }

    @Test
    void shouldPackNoMoreBytesIntoAnExcerptThanOneEntryMayTake() {
        log.close();
        log = new ChronicleShardLog(directory, new LogConfig(LogCycle.HOURLY, 64, Durability.PAGE_CACHE), clock);
        // Entries of 20 + 5 + 6 = 31 bytes: two fit in the 20 + 64 bytes an excerpt may hold, a third does not.
        final long[] positions = new long[5];

        log.appendAll(batch(5, 5), RecordDescriptor.NOT_ENCRYPTED, clock.time(), positions);

        assertThat(positions).containsExactly(positions[0], positions[0] + 1, positions[0] + EXCERPT,
            positions[0] + EXCERPT + 1, positions[0] + 2 * EXCERPT);
        assertThat(readAll(0)).hasSize(5);
    }

    @Test
    void shouldSplitEntriesIntoManyTinyFragmentsAndKeepALongerKeyWhole() {
        log.close();
        log = new ChronicleShardLog(directory, new LogConfig(LogCycle.HOURLY, 64, Durability.PAGE_CACHE), clock);
        final byte[] longKey = bytes("k".repeat(100));
        final byte[] data = randomBytes(1000, 11);
        final byte[] more = randomBytes(5000, 12);

        final long keyOnly = log.append(longKey, new byte[0]);
        final long keyAndData = log.append(longKey, data);
        final long smallKey = log.append(bytes("k"), more);
        final List<String> read = new ArrayList<>();
        log.read(0, 10, entry -> read.add(entry.position() + "/" + entry.nextPosition() + "/" + entry.keyLength()
            + "/" + Arrays.hashCode(entry.data())));

        assertThat(keyAndData).as("a key longer than a fragment, without data: one excerpt")
            .isEqualTo(keyOnly + EXCERPT);
        assertThat(smallKey).as("the key alone, then 16 continuations of 64 bytes or less")
            .isEqualTo(keyAndData + 17 * EXCERPT);
        assertThat(read).containsExactly(
            keyOnly + "/" + (keyOnly + 1) + "/100/" + Arrays.hashCode(new byte[0]),
            keyAndData + "/" + (keyAndData + 1) + "/100/" + Arrays.hashCode(data),
            smallKey + "/" + (smallKey + 1) + "/1/" + Arrays.hashCode(more));
        assertThat(log.append(bytes("k"), bytes("after"))).as("after the first fragment and 78 continuations")
            .isEqualTo(smallKey + 79 * EXCERPT);
    }

    @Test
    void shouldPutAnEntryInTheFileItsTimestampNamesWhileTheClockCrossesAFileBoundary() throws IOException {
        log.close();
        final CachedEpochClock base = new CachedEpochClock();
        base.update(START_MS + 45 * 60_000L);
        // Once the log is open, every read of the clock moves it ten minutes on: the first entry is stamped 16:55,
        // and a second read while it is written would say 17:05, the next hour's file.
        final boolean[] racing = {false};
        log = new ChronicleShardLog(directory, CONFIG, () -> {
            if (racing[0]) {
                base.advance(10 * 60_000L);
            }
            return base.time();
        });
        racing[0] = true;

        final long position = log.append(bytes("k"), bytes("at 16:55"));
        final long next = log.append(bytes("k"), bytes("at 17:05"));

        assertThat(readAll(0)).containsExactly(position + "/" + (START_MS + 55 * 60_000L) + "/k/at 16:55",
            next + "/" + (START_MS + 65 * 60_000L) + "/k/at 17:05");
        assertThat(log.deleteBefore(START_MS + 60 * 60_000L)).as("the 16:00 file, with the first entry")
            .isEqualTo(1);
        assertThat(readAll(0)).containsExactly(next + "/" + (START_MS + 65 * 60_000L) + "/k/at 17:05");
    }

    @Test
    void shouldKeepTheFragmentsOfAnEntryInOneFileWhileTheClockCrossesFileBoundaries() throws IOException {
        log.close();
        final CachedEpochClock base = new CachedEpochClock();
        base.update(START_MS);
        // Every read of the clock moves it half an hour on: the entry is stamped 16:30 and the one after it 17:00,
        // the next hour's file, and a clock read between the entry's fragments would cross that boundary too.
        final EpochClock racing = () -> {
            base.advance(30 * 60_000L);
            return base.time();
        };
        log = new ChronicleShardLog(directory, CONFIG, racing);
        final byte[] data = randomBytes(10 * MIB, 9);

        final long position = log.append(bytes("k"), data);
        final long filesAfterTheEntry = cycleFiles();
        final long after = log.append(bytes("k"), bytes("after"));

        assertThat(filesAfterTheEntry).isEqualTo(1);
        assertThat(cycleFiles()).isEqualTo(2);
        final List<Long> next = new ArrayList<>();
        final List<byte[]> read = new ArrayList<>();
        log.read(0, 10, entry -> next.add(entry.nextPosition()) && read.add(entry.data()));
        assertThat(read).hasSize(2);
        assertThat(read.get(0)).isEqualTo(data);
        assertThat(next.get(0)).isEqualTo(position + 1);
        assertThat(after).isGreaterThan(position);
        assertThat(log.deleteBefore(base.time())).isEqualTo(1);
        assertThat(readAll(0)).extracting(r -> r.substring(r.lastIndexOf('/') + 1)).containsExactly("after");
    }

    @Test
    void shouldHideARunOfFragmentsCutShortAtTheEndAndAppendAfterIt() {
        final long first = log.append(bytes("k"), bytes("a"));
        clock.advance(5);
        writeRaw(appender -> appendCutShort(appender, clock.time(), 3 * MIB, 2));

        assertThat(readAll(0)).containsExactly(first + "/" + START_MS + "/k/a");
        assertThat(log.endPosition()).isEqualTo(first + 1);
        assertThat(log.lastAppendTimeMs()).isEqualTo(START_MS);
        assertThat(log.positionAtOrAfter(START_MS + 1)).isEqualTo(log.endPosition());
        assertThat(readAll(log.endPosition())).isEmpty();

        clock.update(START_MS);
        final long second = log.append(bytes("k"), bytes("b"));
        final long third = log.append(bytes("k"), randomBytes(2 * MIB, 10));

        assertThat(second).as("after the cut-short run's three excerpts").isEqualTo(first + 4 * EXCERPT);
        assertThat(log.lastAppendTimeMs()).as("the clock never goes below the cut-short run").isEqualTo(START_MS + 5);
        assertThat(readAll(first + 1)).hasSize(2).first().isEqualTo(second + "/" + (START_MS + 5) + "/k/b");
        assertThat(readAll(log.positionAtOrAfter(START_MS + 1))).first().asString().startsWith(second + "/");
        assertThat(log.seal()).isEqualTo(third);
        log.close();
        log = openLog(clock);
        assertThat(readAll(0)).hasSize(3);
        assertThat(log.seal()).isEqualTo(third);
    }

    @Test
    void shouldSkipARunCutShortByAWholeEntryInTheSameRead() {
        final long first = log.append(bytes("k"), bytes("a"));
        writeRaw(appender -> appendCutShort(appender, clock.time(), 2 * MIB, 1));
        final long second = log.append(bytes("k"), bytes("b"));

        assertThat(readAll(0)).containsExactly(first + "/" + START_MS + "/k/a", second + "/" + START_MS + "/k/b");
        assertThat(readAll(first + 1)).containsExactly(second + "/" + START_MS + "/k/b");
        assertThat(readAll(first + 2)).containsExactly(second + "/" + START_MS + "/k/b");
    }

    @Test
    void shouldReadPastAFileWithoutACompleteEntry() {
        final long first = log.append(bytes("k"), bytes("a"));
        clock.advance(3_600_000L);
        writeRaw(appender -> appendCutShort(appender, clock.time(), 2 * MIB, 1));
        clock.advance(3_600_000L);
        final long third = log.append(bytes("k"), bytes("c"));

        assertThat(readAll(first + 1)).containsExactly(third + "/" + clock.time() + "/k/c");
        assertThat(readAll(0)).hasSize(2);
    }

    @Test
    void shouldReadPastAnEmptyFirstFile() {
        writeRaw(appender -> {
            final DocumentContext dc = appender.writingDocument();
            dc.rollbackOnClose();
            dc.close();
        });
        clock.advance(3_600_000L);
        final long position = log.append(bytes("k"), bytes("c"));
        log.close();
        log = openLog(clock);

        assertThat(readAll(0)).containsExactly(position + "/" + clock.time() + "/k/c");
    }

    @Test
    void shouldRefuseAnEntryLargerThanTheLayoutAllows() {
        assertThatThrownBy(() -> log.append(new byte[RecordDescriptor.MAX_KEY_LENGTH + 1], bytes("a")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("entry too large for the log's layout: keyLength=65536, dataLength=1");
        assertThat(readAll(0)).isEmpty();
    }

    /**
     * Writes excerpts with Chronicle directly, into the log's directory with the log's settings, as a
     * process that died in the middle of an append would have left them; then reopens the log.
     */
    private void writeRaw(final Consumer<ExcerptAppender> write) {
        log.close();
        try (ChronicleQueue queue = ChronicleQueue.singleBuilder(directory).blockSize(CONFIG.blockSizeBytes())
            .rollCycle(RollCycles.FAST_HOURLY).timeProvider(clock::time).build();
             ExcerptAppender appender = queue.createAppender()) {
            write.accept(appender);
        }
        log = openLog(clock);
    }

    /** A first fragment and {@code continuations} continuations of an entry that needed more of them. */
    private static void appendCutShort(final ExcerptAppender appender, final long timestampMs, final int dataLength,
        final int continuations) {
        try (DocumentContext dc = appender.writingDocument()) {
            final Bytes<?> bytes = dc.wire().bytes();
            bytes.writeByte(RecordDescriptor.VERSION).writeByte(RecordDescriptor.MORE_FRAGMENTS_FLAG)
                .writeShort((short) RecordDescriptor.HEADER_LENGTH).writeShort((short) 0).writeShort((short) 1)
                .writeLong(timestampMs).writeInt(dataLength).write(bytes("x")).write(new byte[MIB - 1]);
        }
        for (int k = 1; k <= continuations; k++) {
            try (DocumentContext dc = appender.writingDocument()) {
                dc.wire().bytes().writeByte(RecordDescriptor.VERSION).writeByte(RecordDescriptor.FRAGMENT_FLAGS)
                    .writeShort((short) RecordDescriptor.CONTINUATION_HEADER_LENGTH).writeInt(k)
                    .writeInt(MIB - 1 + (k - 1) * MIB).write(new byte[MIB]);
            }
        }
    }

    private long cycleFiles() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".cq4")).count();
        }
    }
}
