package io.embeddedkinesis.core.trigger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tumbling window of one lane of a shard, as Lambda keeps one per shard: which window is open, the
 * state the function returned for it, and the records aggregated into that state.
 *
 * <p>Windows are {@code TumblingWindowInSeconds} long, aligned to the epoch (a 120 s window starts at an
 * even minute), and a record belongs to the window its approximate arrival time falls in, as Lambda chooses
 * boundaries "based on the time when records were inserted into the stream"; a record that arrived out of
 * order, before the lane's latest window, counts in that latest window. A window is finished, and the
 * function invoked once more with {@code isFinalInvokeForWindow} and no records, once a record of a later
 * window is read, once a read that started after the window's end found the shard caught up, or when the
 * shard ends (windows do not continue into child shards). A state that grows past 1 MB ends the window early:
 * that final invocation also has {@code isWindowTerminatedEarly}, and the window continues with a fresh state.
 *
 * <p>Records aggregated into the state are finished for checkpointing only once the window's final
 * invocation succeeds, so a restart in the middle of a window reads the window again from its start.
 * Not thread-safe: the shard's worker thread uses it.
 */
final class TumblingWindow {
    /** Lambda's limit on a window's state. */
    static final long MAX_STATE_BYTES = 1024 * 1024;

    private final long sizeMs;
    private long latestStartMs = Long.MIN_VALUE;
    private boolean open;
    private long startMs;
    private Map<String, String> state = Map.of();
    private boolean terminatedEarly;
    private final List<TriggerRecord> aggregated = new ArrayList<>();

    TumblingWindow(final long sizeMs) {
        this.sizeMs = sizeMs;
    }

    long sizeMs() {
        return sizeMs;
    }

    /** The start of the window a record that arrived at this time belongs to. */
    long windowStartOf(final long arrivalMs) {
        latestStartMs = Math.max(latestStartMs, Math.floorDiv(arrivalMs, sizeMs) * sizeMs);
        return latestStartMs;
    }

    boolean isOpen() {
        return open;
    }

    Map<String, String> state() {
        return state;
    }

    /**
     * The final invocation the window needs now, if it does.
     *
     * @param next          the lane's next record not yet sent, or null.
     * @param shardEnding   whether the shard was read to its end.
     * @param caughtUpAtMs  when a read last found the shard caught up.
     */
    Batch finalBatch(final TriggerRecord next, final boolean shardEnding, final long caughtUpAtMs) {
        if (!open) {
            return null;
        }
        if (terminatedEarly) {
            return new Batch(Batch.Kind.WINDOW_TERMINATED_EARLY, List.of(), startMs);
        }
        final boolean finished = next != null ? next.windowStartMs() > startMs
            : shardEnding || caughtUpAtMs >= startMs + sizeMs;
        return finished ? new Batch(Batch.Kind.WINDOW_FINAL, List.of(), startMs) : null;
    }

    /** A batch of the window is being sent: the window opens with an empty state if it was not open. */
    void sending(final Batch batch) {
        if (!open) {
            open = true;
            startMs = batch.windowStartMs();
            state = Map.of();
        }
    }

    /** Records were aggregated into a new state. */
    void aggregated(final List<TriggerRecord> records, final Map<String, String> newState) {
        aggregated.addAll(records);
        state = newState;
        if (ResponseReader.stateBytes(newState) > MAX_STATE_BYTES) {
            terminatedEarly = true;
        }
    }

    /** A final invocation succeeded: its records are finished and its state dropped. */
    void finished(final Batch.Kind kind) {
        for (final TriggerRecord record : aggregated) {
            record.entry().finish();
        }
        aggregated.clear();
        state = Map.of();
        terminatedEarly = false;
        open = kind == Batch.Kind.WINDOW_TERMINATED_EARLY;
    }
}
