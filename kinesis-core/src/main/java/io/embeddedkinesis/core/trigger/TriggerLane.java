package io.embeddedkinesis.core.trigger;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import io.embeddedkinesis.core.application.KinesisClientRecord;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * One of a shard's {@code ParallelizationFactor} lanes: the records of the partition keys that hash to it,
 * batched and sent to the function one batch at a time, so a key's records are processed in order while
 * other lanes run their own batches at the same time. A lane
 * <ul>
 *   <li>cuts a batch once it has {@code BatchSize} records, or the next record would take the event past
 *       6 MB, or the first record has waited {@code MaximumBatchingWindowInSeconds} since it was read, or the
 *       shard was read to its end; with tumbling windows a batch never spans two windows;</li>
 *   <li>discards, before each invocation, the records at the front of the batch that are older than the
 *       maximum record age ({@code RecordAgeExceeded});</li>
 *   <li>on a function error, splits the batch in two if {@code BisectBatchOnFunctionError} (splitting uses
 *       no retry attempt), else retries it until {@code MaximumRetryAttempts} is exhausted
 *       ({@code RetryAttemptsExhausted}); with {@code ReportBatchItemFailures}, records before the lowest
 *       failed one are done and the rest is retried (a split, with bisect on);</li>
 *   <li>waits a second, Lambda's polling interval, before each retry;</li>
 *   <li>finishes discarded records once their on-failure record is stored, trying again every second while
 *       the destination throttles it (other batches go on meanwhile).</li>
 * </ul>
 * A retried batch holds the same records; nothing read after it is sent until it succeeds or is discarded.
 * A batch the invocation executor rejects is no invocation: it keeps its attempts and is offered again after
 * {@value #REJECTED_RETRY_DELAY_MS} ms.
 *
 * <p>Not thread-safe: the shard's worker thread steps it; only a batch's outcome is set elsewhere.
 */
final class TriggerLane {
    /** Lambda polls a shard once a second; a failed batch is retried at that pace. */
    static final long RETRY_DELAY_MS = 1_000;
    /** How long a batch the invocation executor rejected waits before it is offered again. */
    static final long REJECTED_RETRY_DELAY_MS = 100;

    private final ShardTrigger shard;
    private final MappingContext context;
    private final EventSourceMappingConfig config;
    private final TumblingWindow window;
    private final ArrayDeque<TriggerRecord> buffer = new ArrayDeque<>();
    private final ArrayDeque<Batch> pending = new ArrayDeque<>();
    /** On-failure records the destination throttled, put again every second; their records wait on them. */
    private final ArrayDeque<Report> reports = new ArrayDeque<>();
    private long bufferedBytes;
    private Batch inFlight;
    private long nextAttemptMs;
    private long nextReportMs;
    private boolean discarded;
    /** Whether the last invocation offered was rejected: a run of rejections is reported once. */
    private boolean rejecting;

    /** Discarded records and their on-failure record, which is still to be stored. */
    private record Report(List<TriggerRecord> records, byte[] json) {
    }

    TriggerLane(final ShardTrigger shard, final MappingContext context) {
        this.shard = shard;
        this.context = context;
        this.config = context.config();
        this.window = config.tumblingWindowInSeconds() > 0
            ? new TumblingWindow(config.tumblingWindowInSeconds() * 1000L) : null;
    }

    void add(final KinesisClientRecord record, final long readAtMs, final CheckpointTracker.Entry entry) {
        final long windowStartMs = window == null ? 0
            : window.windowStartOf(record.approximateArrivalTimestamp().toEpochMilli());
        final TriggerRecord added = new TriggerRecord(record, context.events().payloadBytes(shard.shardId(), record),
            readAtMs, windowStartMs, entry);
        buffer.addLast(added);
        bufferedBytes += added.payloadBytes();
    }

    /**
     * Records read and not yet done with: buffered, waiting for a retry, being processed, or discarded and
     * waiting for their on-failure record to be stored.
     */
    int heldRecords() {
        int held = buffer.size() + (inFlight == null ? 0 : inFlight.records().size());
        for (final Batch batch : pending) {
            held += batch.records().size();
        }
        for (final Report report : reports) {
            held += report.records().size();
        }
        return held;
    }

    long bufferedBytes() {
        return bufferedBytes;
    }

    /** Whether the lane has nothing to do until more records come. */
    boolean isIdle() {
        return buffer.isEmpty() && pending.isEmpty() && inFlight == null && reports.isEmpty()
            && (window == null || !window.isOpen());
    }

    /**
     * Takes the next step that is due: puts on-failure records the destination throttled, then handles a
     * finished invocation, or discards records, or starts an invocation.
     *
     * @return whether anything happened.
     */
    boolean step(final long nowMs) {
        final boolean reported = putReports(nowMs);
        if (inFlight != null) {
            final InvocationOutcome outcome = inFlight.outcome();
            if (outcome == null) {
                return reported;
            }
            final Batch done = inFlight;
            inFlight = null;
            complete(done, outcome, nowMs);
            return true;
        }
        if (nowMs < nextAttemptMs) {
            return reported;
        }
        discarded = false;
        final Batch next = next(nowMs);
        if (next != null) {
            send(next, nowMs);
            return true;
        }
        return discarded || reported;
    }

    /** The mapping stops: puts on-failure records that are due and takes in a finished invocation, starting none. */
    void collect(final long nowMs) {
        putReports(nowMs);
        if (inFlight != null && inFlight.outcome() != null) {
            final Batch done = inFlight;
            inFlight = null;
            complete(done, done.outcome(), nowMs);
        }
    }

    private Batch next(final long nowMs) {
        while (true) {
            Batch batch = pending.pollFirst();
            if (batch == null && window != null) {
                batch = window.finalBatch(buffer.peekFirst(), shard.isEnding(), shard.caughtUpAtMs());
            }
            if (batch == null) {
                batch = cut(nowMs);
            }
            if (batch == null || batch.isFinal()) {
                return batch;
            }
            batch = dropTooOld(batch, nowMs);
            if (batch != null) {
                return batch;
            }
        }
    }

    private Batch cut(final long nowMs) {
        final TriggerRecord first = buffer.peekFirst();
        if (first == null) {
            return null;
        }
        final boolean windowEnded = window != null
            && (buffer.peekLast().windowStartMs() != first.windowStartMs()
            || shard.caughtUpAtMs() >= first.windowStartMs() + window.sizeMs());
        final boolean due = shard.isEnding() || windowEnded || buffer.size() >= config.batchSize()
            || bufferedBytes >= EventSourceMappingConfig.MAX_PAYLOAD_BYTES
            || nowMs >= first.readAtMs() + config.maximumBatchingWindowInSeconds() * 1000L;
        if (!due) {
            return null;
        }
        final List<TriggerRecord> records = new ArrayList<>(Math.min(buffer.size(), config.batchSize()));
        long bytes = 0;
        while (!buffer.isEmpty() && records.size() < config.batchSize()) {
            final TriggerRecord record = buffer.peekFirst();
            if (record.windowStartMs() != first.windowStartMs()
                || !records.isEmpty() && bytes + record.payloadBytes() > EventSourceMappingConfig.MAX_PAYLOAD_BYTES) {
                break;
            }
            records.add(buffer.pollFirst());
            bytes += record.payloadBytes();
        }
        bufferedBytes -= bytes;
        return new Batch(Batch.Kind.RECORDS, records, first.windowStartMs());
    }

    /** Discards the records at the front that are too old to send; returns what is left, or null. */
    private Batch dropTooOld(final Batch batch, final long nowMs) {
        final List<TriggerRecord> records = batch.records();
        int tooOld = 0;
        while (tooOld < records.size() && nowMs - records.get(tooOld).arrivalMs() > context.maxRecordAgeMs()) {
            tooOld++;
        }
        if (tooOld == 0) {
            return batch;
        }
        discard(FailureDestination.Condition.RecordAgeExceeded, records.subList(0, tooOld), batch, nowMs);
        return tooOld == records.size() ? null : batch.tail(tooOld, true);
    }

    private void send(final Batch batch, final long nowMs) {
        if (window != null && !batch.isFinal()) {
            window.sending(batch);
        }
        final Map<String, String> state = window == null ? Map.of() : window.state();
        final KinesisEvent event = context.invoker().event(shard.shardId(), batch, state);
        batch.invoking();
        inFlight = batch;
        try {
            context.executor().execute(() -> context.invoker().invoke(shard.shardId(), batch, event));
        } catch (final RejectedExecutionException ex) {
            // The function never saw the batch: no attempt is used, and it is sent again shortly (or, if the
            // mapping is closing, read again after a restart, since none of it is finished).
            inFlight = null;
            batch.notInvoked();
            pending.addFirst(batch);
            nextAttemptMs = nowMs + REJECTED_RETRY_DELAY_MS;
            if (!rejecting) {
                rejecting = true;
                context.onError(new IllegalStateException("the invocation executor rejected an invocation of "
                    + config.functionName() + " for " + shard.shardId() + "; it is retried", ex));
            }
            return;
        }
        rejecting = false;
        context.invocations().incrementAndGet();
    }

    private void complete(final Batch batch, final InvocationOutcome outcome, final long nowMs) {
        if (outcome instanceof InvocationOutcome.Succeeded succeeded) {
            succeeded(batch, batch.records(), succeeded.state());
        } else if (outcome instanceof InvocationOutcome.PartlyFailed partly) {
            succeeded(batch, batch.records().subList(0, partly.firstFailed()), partly.state());
            final boolean split = config.bisectBatchOnFunctionError();
            retryOrDiscard(batch.tail(partly.firstFailed(), !split), split, nowMs);
        } else {
            final InvocationOutcome.Failed failed = (InvocationOutcome.Failed) outcome;
            batch.failed(failed.functionError());
            failed(batch, nowMs);
        }
    }

    private void succeeded(final Batch batch, final List<TriggerRecord> records, final Map<String, String> state) {
        if (batch.isFinal()) {
            window.finished(batch.kind());
        } else if (window != null) {
            window.aggregated(records, state);
        } else {
            finish(records);
        }
    }

    private void failed(final Batch batch, final long nowMs) {
        final int size = batch.records().size();
        if (!batch.isFinal() && config.bisectBatchOnFunctionError() && size > 1) {
            pending.addFirst(batch.tail(size / 2, false));
            pending.addFirst(batch.head(size / 2));
            nextAttemptMs = nowMs + RETRY_DELAY_MS;
            return;
        }
        retryOrDiscard(batch, batch.isFinal(), nowMs);
    }

    /** A final invocation, or a split, is always retried; other batches until their attempts run out. */
    private void retryOrDiscard(final Batch batch, final boolean always, final long nowMs) {
        final int maxRetries = config.maximumRetryAttempts();
        if (!always && maxRetries >= 0 && batch.invokeCount() > maxRetries) {
            discard(FailureDestination.Condition.RetryAttemptsExhausted, batch.records(), batch, nowMs);
            return;
        }
        pending.addFirst(batch);
        nextAttemptMs = nowMs + RETRY_DELAY_MS;
    }

    private void discard(final FailureDestination.Condition condition, final List<TriggerRecord> records,
        final Batch batch, final long nowMs) {
        final byte[] json = context.destination().report(condition, shard.shardId(), records, batch.invokeCount(),
            batch.functionError());
        if (json == null) {
            finish(records);
        } else {
            reports.addLast(new Report(List.copyOf(records), json));
            putReports(nowMs);
        }
        discarded = true;
    }

    /**
     * Puts the on-failure records waiting, in order, until the destination throttles one.
     *
     * @return whether any was stored.
     */
    private boolean putReports(final long nowMs) {
        boolean stored = false;
        while (!reports.isEmpty() && nowMs >= nextReportMs) {
            final Report report = reports.peekFirst();
            if (!context.destination().tryPut(shard.shardId(), report.json())) {
                nextReportMs = nowMs + RETRY_DELAY_MS;
                break;
            }
            reports.pollFirst();
            finish(report.records());
            stored = true;
        }
        return stored;
    }

    private static void finish(final List<TriggerRecord> records) {
        for (final TriggerRecord record : records) {
            record.entry().finish();
        }
    }
}
