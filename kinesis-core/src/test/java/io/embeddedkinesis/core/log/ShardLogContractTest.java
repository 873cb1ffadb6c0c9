package io.embeddedkinesis.core.log;

import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link ShardLog} must have; each implementation runs it through a subclass.
 */
abstract class ShardLogContractTest {
    static final long START_MS = 1_764_000_000_000L;
    static final int MIB = 1024 * 1024;

    final CachedEpochClock clock = new CachedEpochClock();
    ShardLog log;

    /** Opens the log under test, on the given clock; may be called again to reopen. */
    abstract ShardLog openLog(CachedEpochClock clock);

    @BeforeEach
    void open() {
        clock.update(START_MS);
        log = openLog(clock);
    }

    @AfterEach
    void close() {
        log.close();
    }

    @Test
    void shouldReadBackEntriesInAppendOrderWithTheirTimestamps() {
        final long first = log.append(bytes("k1"), bytes("one"));
        clock.advance(5);
        final long second = log.append(bytes("k2"), bytes("two"));

        final List<String> read = readAll(0);

        assertThat(second).isGreaterThan(first);
        assertThat(read).containsExactly(first + "/" + START_MS + "/k1/one", second + "/" + (START_MS + 5) + "/k2/two");
    }

    @Test
    void shouldStampEntriesWithTheArrivalTimeGivenNeverBeforeTheLastEntrys() {
        clock.advance(100);
        final long batch = log.append(bytes("k1"), bytes("one"), RecordDescriptor.NOT_ENCRYPTED, START_MS + 40);
        final long late = log.append(bytes("k2"), bytes("two"), RecordDescriptor.NOT_ENCRYPTED, START_MS + 20);
        final long now = log.append(bytes("k3"), bytes("three"));

        assertThat(readAll(0)).containsExactly(batch + "/" + (START_MS + 40) + "/k1/one",
            late + "/" + (START_MS + 40) + "/k2/two", now + "/" + (START_MS + 100) + "/k3/three");
    }

    @Test
    void shouldStartAtTheFirstEntryAtOrAfterAPosition() {
        final long first = log.append(bytes("k"), bytes("a"));
        final long second = log.append(bytes("k"), bytes("b"));

        assertThat(readAll(first + 1)).containsExactly(second + "/" + START_MS + "/k/b");
        assertThat(readAll(second + 1)).isEmpty();
    }

    @Test
    void shouldWaitAtTheEndPositionForEntriesAppendedLater() {
        log.append(bytes("k"), bytes("old"));
        final long end = log.endPosition();
        assertThat(readAll(end)).isEmpty();

        clock.advance(3 * 3_600_000L);
        final long later = log.append(bytes("k"), bytes("new"));

        assertThat(readAll(end)).containsExactly(later + "/" + clock.time() + "/k/new");
    }

    @Test
    void shouldGiveAnEndPositionBeforeTheFirstEntryOfAnEmptyLog() {
        final long end = log.endPosition();
        clock.advance(60_000);
        final long first = log.append(bytes("k"), bytes("x"));

        assertThat(first).isGreaterThanOrEqualTo(end);
        assertThat(readAll(end)).hasSize(1);
        assertThat(log.lastAppendTimeMs()).isEqualTo(clock.time());
    }

    @Test
    void shouldStopBeforeAnEntryTheHandlerRefuses() {
        log.append(bytes("k"), bytes("a"));
        final long second = log.append(bytes("k"), bytes("b"));
        final List<Long> taken = new ArrayList<>();

        final int count = log.read(0, 10, entry -> {
            if (entry.position() == second) {
                return false;
            }
            taken.add(entry.position());
            return true;
        });

        assertThat(count).isEqualTo(1);
        assertThat(taken).hasSize(1);
        assertThat(readAll(second)).hasSize(1);
    }

    @Test
    void shouldDeliverAtMostMaxEntries() {
        for (int i = 0; i < 10; i++) {
            log.append(bytes("k"), bytes("v" + i));
        }

        assertThat(log.read(0, 3, entry -> true)).isEqualTo(3);
    }

    @Test
    void shouldFindTheFirstEntryAtOrAfterATimestampAcrossFiles() {
        final List<Long> positions = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            positions.add(log.append(bytes("k"), bytes("v" + i)));
            clock.advance(10 * 60_000L);
        }

        assertThat(log.positionAtOrAfter(START_MS - 1)).isEqualTo(positions.get(0));
        assertThat(log.positionAtOrAfter(START_MS)).isEqualTo(positions.get(0));
        assertThat(log.positionAtOrAfter(START_MS + 1)).isEqualTo(positions.get(1));
        assertThat(log.positionAtOrAfter(START_MS + 25 * 10 * 60_000L)).isEqualTo(positions.get(25));
        assertThat(log.positionAtOrAfter(START_MS + 49 * 10 * 60_000L)).isEqualTo(positions.get(49));
        assertThat(log.positionAtOrAfter(START_MS + 49 * 10 * 60_000L + 1)).isEqualTo(log.endPosition());
    }

    @Test
    void shouldDeleteOnlyFilesWhoseEntriesAreAllOlderThanTheCutoff() {
        log.append(bytes("k"), bytes("hour-0"));
        clock.advance(3_600_000L);
        log.append(bytes("k"), bytes("hour-1"));
        clock.advance(3_600_000L);
        log.append(bytes("k"), bytes("hour-2"));

        assertThat(log.deleteBefore(START_MS)).isZero();
        final int deleted = log.deleteBefore(clock.time());

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(readAll(0)).extracting(s -> s.substring(s.lastIndexOf('/') + 1)).endsWith("hour-2")
            .doesNotContain("hour-0");
    }

    @Test
    void shouldNeverDeleteTheFileBeingWritten() {
        log.append(bytes("k"), bytes("only"));
        clock.advance(365L * 24 * 3_600_000L);

        assertThat(log.deleteBefore(clock.time())).isZero();
        assertThat(readAll(0)).hasSize(1);
    }

    @Test
    void shouldKeepTimestampsFromGoingBackwardsWhenTheClockDoes() {
        log.append(bytes("k"), bytes("a"));
        clock.update(START_MS - 1_000);
        log.append(bytes("k"), bytes("b"));

        assertThat(readAll(0)).extracting(s -> s.split("/")[1]).containsExactly("" + START_MS, "" + START_MS);
    }

    @Test
    void shouldRecoverItsEndAndLastTimestampWhenReopened() {
        log.append(bytes("k"), bytes("a"));
        clock.advance(7);
        final long last = log.append(bytes("k"), bytes("b"));
        final long end = log.endPosition();
        log.close();

        log = openLog(clock);

        assertThat(log.endPosition()).isEqualTo(end).isGreaterThan(last);
        assertThat(log.lastAppendTimeMs()).isEqualTo(START_MS + 7);
        assertThat(log.append(bytes("k"), bytes("c"))).isGreaterThan(last);
        assertThat(readAll(0)).hasSize(3);
    }

    @Test
    void shouldRoundTripTenMebibyteEntriesByteExact() {
        final byte[] data = randomBytes(10 * MIB, 1);
        final byte[] key = bytes("k".repeat(256));
        final long position = log.append(key, data);
        final List<LogEntry> seen = new ArrayList<>();

        final int count = log.read(position, 10, entry -> {
            assertThat(entry.position()).isEqualTo(position);
            assertThat(entry.timestampMs()).isEqualTo(START_MS);
            assertThat(entry.flags()).isZero();
            assertThat(entry.keyBytes()).isEqualTo(key);
            assertThat(entry.dataLength()).isEqualTo(data.length);
            assertThat(entry.data()).isEqualTo(data);
            assertThat(entry.nextPosition()).isGreaterThan(position).isEqualTo(log.endPosition());
            return seen.add(entry);
        });

        assertThat(count).isEqualTo(1);
        assertThat(seen).hasSize(1);
        assertThat(log.lastAppendTimeMs()).isEqualTo(START_MS);
    }

    @Test
    void shouldInterleaveSmallAndLargeEntriesInAppendOrder() {
        final List<byte[]> payloads = List.of(bytes("a"), randomBytes(3 * MIB + 17, 2), bytes("b"),
            randomBytes(10 * MIB, 3), randomBytes(MIB - 1, 4), bytes("c"), randomBytes(2 * MIB, 5));
        final List<Long> positions = new ArrayList<>();
        for (final byte[] payload : payloads) {
            positions.add(log.append(bytes("k"), payload));
            clock.advance(1);
        }
        final List<byte[]> data = new ArrayList<>();
        final List<Long> next = new ArrayList<>();

        log.read(0, Integer.MAX_VALUE, entry -> {
            data.add(entry.data());
            next.add(entry.nextPosition());
            return true;
        });

        assertThat(positions).isSorted().doesNotHaveDuplicates();
        assertThat(data).hasSize(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            assertThat(data.get(i)).as("entry %d", i).isEqualTo(payloads.get(i));
            final long expectedNext = i + 1 < positions.size() ? positions.get(i + 1) : log.endPosition();
            assertThat(readAll(next.get(i))).as("after entry %d", i).hasSize(payloads.size() - i - 1);
            assertThat(next.get(i)).isLessThanOrEqualTo(expectedNext);
            assertThat(readAll(positions.get(i) + 1)).as("one past entry %d", i).hasSize(payloads.size() - i - 1);
        }
        assertThat(next.get(next.size() - 1)).isEqualTo(log.endPosition());
    }

    @Test
    void shouldStopBeforeALargeEntryTheHandlerRefuses() {
        final long small = log.append(bytes("k"), bytes("a"));
        final byte[] large = randomBytes(5 * MIB, 6);
        final long big = log.append(bytes("k"), large);
        log.append(bytes("k"), bytes("b"));
        final List<Long> taken = new ArrayList<>();

        final int count = log.read(0, 10, entry -> entry.dataLength() < MIB && taken.add(entry.position()));

        assertThat(count).isEqualTo(1);
        assertThat(taken).containsExactly(small);
        final List<byte[]> resumed = new ArrayList<>();
        log.read(big, 1, entry -> resumed.add(entry.data()));
        assertThat(resumed).hasSize(1);
        assertThat(resumed.get(0)).isEqualTo(large);
    }

    @Test
    void shouldFindTheFirstEntryAtOrAfterATimestampAcrossFragmentedEntries() {
        final List<Long> positions = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            positions.add(log.append(bytes("k"), i % 3 == 1 ? randomBytes(2 * MIB + i, i) : bytes("v" + i)));
            clock.advance(i % 4 == 3 ? 3_600_000L : 10);
        }

        long at = START_MS;
        for (int i = 0; i < 12; i++) {
            assertThat(log.positionAtOrAfter(at)).as("entry %d", i).isEqualTo(positions.get(i));
            assertThat(log.positionAtOrAfter(at - 1)).as("before entry %d", i).isEqualTo(positions.get(i));
            at += i % 4 == 3 ? 3_600_000L : 10;
        }
        assertThat(log.positionAtOrAfter(at)).isEqualTo(log.endPosition());
    }

    @Test
    void shouldSealAtTheLastEntryEvenWhenItIsLarge() {
        log.append(bytes("k"), bytes("a"));
        final long large = log.append(bytes("k"), randomBytes(4 * MIB, 7));

        assertThat(log.seal()).isEqualTo(large);
        assertThatThrownBy(() -> log.append(bytes("k"), bytes("b"))).isInstanceOf(LogSealedException.class);
    }

    @Test
    void shouldRecoverAfterALargeLastEntryWhenReopened() {
        log.append(bytes("k"), bytes("a"));
        clock.advance(9);
        final byte[] data = randomBytes(10 * MIB, 8);
        final long large = log.append(bytes("k"), data);
        final long end = log.endPosition();
        log.close();

        log = openLog(clock);

        assertThat(log.endPosition()).isEqualTo(end).isGreaterThan(large);
        assertThat(log.lastAppendTimeMs()).isEqualTo(START_MS + 9);
        assertThat(log.seal()).isEqualTo(large);
        log.close();
        log = openLog(clock);
        final long after = log.append(bytes("k"), bytes("c"));
        assertThat(after).isGreaterThanOrEqualTo(end);
        final List<byte[]> read = new ArrayList<>();
        log.read(0, 10, entry -> read.add(entry.data()));
        assertThat(read).hasSize(3);
        assertThat(read.get(1)).isEqualTo(data);
        assertThat(new String(read.get(2), StandardCharsets.UTF_8)).isEqualTo("c");
    }

    @Test
    void shouldReadAndWriteLargeEntriesFromManyThreadsAtOnce() throws InterruptedException {
        final int writers = 3;
        final int perWriter = 4;
        final List<Thread> threads = new ArrayList<>();
        final List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (int w = 0; w < writers; w++) {
            final int writer = w;
            threads.add(new Thread(() -> {
                for (int i = 0; i < perWriter; i++) {
                    log.append(bytes("w" + writer), patterned(writer, i, (i + 1) * MIB + writer * 1000));
                }
            }));
        }
        threads.add(new Thread(() -> {
            for (int i = 0; i < 20; i++) {
                log.read(0, Integer.MAX_VALUE, entry -> {
                    checkPatterned(entry);
                    return true;
                });
            }
        }));
        for (final Thread thread : threads) {
            thread.setUncaughtExceptionHandler((t, e) -> failures.add(e));
            thread.start();
        }
        for (final Thread thread : threads) {
            thread.join();
        }

        assertThat(failures).isEmpty();
        final List<String> keys = new ArrayList<>();
        log.read(0, Integer.MAX_VALUE, entry -> {
            checkPatterned(entry);
            return keys.add(entry.key());
        });
        assertThat(keys).hasSize(writers * perWriter);
    }

    /** Data whose every byte says which writer and entry it belongs to, and where in the entry it is. */
    static byte[] patterned(final int writer, final int entry, final int length) {
        final byte[] data = new byte[length];
        data[0] = (byte) writer;
        data[1] = (byte) entry;
        for (int i = 2; i < length; i++) {
            data[i] = (byte) (i * 31 + writer * 7 + entry);
        }
        return data;
    }

    static void checkPatterned(final LogEntry entry) {
        final byte[] data = entry.data();
        assertThat(data).isEqualTo(patterned(data[0], data[1], data.length));
        assertThat(entry.key()).isEqualTo("w" + data[0]);
    }

    static byte[] randomBytes(final int length, final long seed) {
        final byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    @Test
    void shouldAppendABatchInOrderWithOnePositionAndOneTimeEach() {
        final long before = log.append(bytes("k"), bytes("before"));
        clock.advance(7);
        final long[] positions = new long[600];

        final int written = log.appendAll(batch(600, 10), RecordDescriptor.NOT_ENCRYPTED, clock.time(), positions);
        final long after = log.append(bytes("k"), bytes("after"));

        assertThat(written).isEqualTo(600);
        final List<String> expected = new ArrayList<>();
        expected.add(before + "/" + START_MS + "/k/before");
        for (int i = 0; i < 600; i++) {
            expected.add(positions[i] + "/" + (START_MS + 7) + "/key-" + i + "/" + "v".repeat(10) + i);
        }
        expected.add(after + "/" + (START_MS + 7) + "/k/after");
        assertThat(readAll(0)).containsExactlyElementsOf(expected);
        assertThat(positions[0]).isGreaterThan(before);
        for (int i = 1; i < 600; i++) {
            assertThat(positions[i]).isGreaterThan(positions[i - 1]);
        }
        assertThat(after).isGreaterThan(positions[599]);
    }

    @Test
    void shouldStartAtAnyEntryOfABatchAndAfterIt() {
        final long[] positions = new long[20];
        log.appendAll(batch(20, 1), RecordDescriptor.NOT_ENCRYPTED, clock.time(), positions);

        assertThat(readAll(positions[7])).hasSize(13).first().asString().startsWith(positions[7] + "/");
        assertThat(readAll(positions[7] + 1)).hasSize(12).first().asString().startsWith(positions[8] + "/");
        assertThat(readAll(positions[19] + 1)).isEmpty();
        assertThat(log.endPosition()).isEqualTo(positions[19] + 1);
        assertThat(log.positionAtOrAfter(clock.time())).isEqualTo(positions[0]);
    }

    @Test
    void shouldResumeABatchWhereAReadStoppedWithoutLosingOrRepeatingAnEntry() {
        final long[] positions = new long[100];
        log.appendAll(batch(100, 3), RecordDescriptor.NOT_ENCRYPTED, clock.time(), positions);
        log.append(bytes("k"), bytes("alone"));
        final List<String> keys = new ArrayList<>();
        final long[] next = {0};
        final int[] calls = {0};

        // Reads of 7 entries each, and every third read refuses its fourth entry: stops inside the batch both ways.
        while (true) {
            final int call = calls[0]++;
            final int[] seen = {0};
            final int count = log.read(next[0], 7, entry -> {
                if (call % 3 == 2 && seen[0]++ == 3) {
                    return false;
                }
                keys.add(entry.key());
                next[0] = entry.nextPosition();
                return true;
            });
            if (count == 0) {
                break;
            }
        }

        final List<String> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expected.add("key-" + i);
        }
        expected.add("k");
        assertThat(keys).containsExactlyElementsOf(expected);
        assertThat(next[0]).isEqualTo(log.endPosition());
    }

    @Test
    void shouldKeepAPackedEntrysFlagsToItselfAndItsBytesExact() {
        final long[] positions = new long[3];
        final byte[] large = randomBytes(3 * MIB, 5);
        final EntryBatch mixed = batchOf(List.of(bytes("a"), bytes("big"), bytes("c")),
            List.of(bytes("first"), large, bytes("last")));

        log.appendAll(mixed, RecordDescriptor.KMS_ENCRYPTED, clock.time(), positions);

        final List<byte[]> data = new ArrayList<>();
        log.read(0, 10, entry -> {
            assertThat(entry.flags()).isZero();
            assertThat(entry.encryption()).isEqualTo(RecordDescriptor.KMS_ENCRYPTED);
            return data.add(entry.data());
        });
        assertThat(data).containsExactly(bytes("first"), large, bytes("last"));
        assertThat(readAll(positions[1] + 1)).hasSize(1).first().asString().endsWith("/c/last");
    }

    @Test
    void shouldRecoverTheEndOfABatchWhenReopened() {
        final long[] positions = new long[5];
        log.appendAll(batch(5, 2), RecordDescriptor.NOT_ENCRYPTED, clock.time(), positions);
        final long end = log.endPosition();
        log.close();
        clock.advance(10);
        log = openLog(clock);

        assertThat(log.endPosition()).isEqualTo(end).isEqualTo(positions[4] + 1);
        assertThat(log.lastAppendTimeMs()).isEqualTo(START_MS);
        final long next = log.append(bytes("k"), bytes("next"));
        assertThat(readAll(end)).containsExactly(next + "/" + (START_MS + 10) + "/k/next");
        assertThat(log.seal()).isEqualTo(next);
    }

    @Test
    void shouldWriteNothingOfABatchWithAnEntryTooLargeOrToASealedLog() {
        final EntryBatch tooLarge = batchOf(List.of(bytes("a"), new byte[RecordDescriptor.MAX_KEY_LENGTH + 1]),
            List.of(bytes("x"), bytes("y")));

        assertThatThrownBy(() -> log.appendAll(tooLarge, RecordDescriptor.NOT_ENCRYPTED, clock.time(), new long[2]))
            .isInstanceOf(IllegalArgumentException.class);
        log.seal();
        assertThatThrownBy(() -> log.appendAll(batch(2, 1), RecordDescriptor.NOT_ENCRYPTED, clock.time(),
            new long[2])).isInstanceOf(LogSealedException.class);
        assertThat(readAll(0)).isEmpty();
    }

    @Test
    void shouldStartAtAnEntryFromAnyPositionBetweenItAndALargeEntryBeforeIt() {
        final long large = log.append(bytes("k"), randomBytes(3 * MIB, 3));
        final long alone = log.append(bytes("k"), bytes("alone"));
        log.append(bytes("k"), randomBytes(2 * MIB, 4));
        final long[] positions = new long[3];
        log.appendAll(batch(3, 1), RecordDescriptor.NOT_ENCRYPTED, clock.time(), positions);

        // The number just below an entry (a subscription's continuation when a read found nothing) and any
        // position after the large entry before it read from that entry on.
        assertThat(readAll(alone - 1)).first().asString().startsWith(alone + "/");
        assertThat(readAll(large + 1)).first().asString().startsWith(alone + "/");
        assertThat(readAll(positions[0] - 1)).hasSize(3).first().asString().startsWith(positions[0] + "/");
        assertThat(readAll(log.endPosition())).isEmpty();
        assertThat(readAll(log.endPosition() - 1)).hasSize(1);
    }

    /** Entries "key-i" with "v" repeated, then i, as their data. */
    static EntryBatch batch(final int size, final int repeat) {
        final List<byte[]> keys = new ArrayList<>();
        final List<byte[]> data = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            keys.add(bytes("key-" + i));
            data.add(bytes("v".repeat(repeat) + i));
        }
        return batchOf(keys, data);
    }

    static EntryBatch batchOf(final List<byte[]> keys, final List<byte[]> data) {
        return new EntryBatch() {
            @Override
            public int size() {
                return keys.size();
            }

            @Override
            public byte[] key(final int i) {
                return keys.get(i);
            }

            @Override
            public byte[] data(final int i) {
                return data.get(i);
            }
        };
    }

    @Test
    void shouldRefuseUseAfterClose() {
        log.close();
        log.close();

        assertThatThrownBy(() -> log.append(bytes("k"), bytes("a"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> log.read(0, 1, e -> true)).isInstanceOf(IllegalStateException.class);
    }

    List<String> readAll(final long from) {
        final List<String> read = new ArrayList<>();
        log.read(from, Integer.MAX_VALUE, entry -> read.add(entry.position() + "/" + entry.timestampMs() + "/"
            + entry.key() + "/" + new String(entry.data(), StandardCharsets.UTF_8)));
        return read;
    }

    static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
