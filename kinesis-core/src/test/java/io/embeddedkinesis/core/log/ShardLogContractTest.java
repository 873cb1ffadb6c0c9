package io.embeddedkinesis.core.log;

import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link ShardLog} must have; each implementation runs it through a subclass.
 */
abstract class ShardLogContractTest {
    static final long START_MS = 1_764_000_000_000L;

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
