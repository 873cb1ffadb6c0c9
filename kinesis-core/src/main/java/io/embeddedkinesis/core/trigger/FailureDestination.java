package io.embeddedkinesis.core.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.exception.KinesisException;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * Where discarded batches are reported: a JSON record, in the shape of Lambda's invocation record for a
 * Kinesis event source, put into the on-failure stream with the source shard's id as partition key (so one
 * shard's reports stay in order). The records themselves are not included, as in Lambda: the record says
 * where to read them while the stream keeps them.
 * <pre>{@code
 * {"requestContext": {"requestId": "...", "functionArn": "arn:aws:lambda:...:function:fn",
 *                     "condition": "RetryAttemptsExhausted", "approximateInvokeCount": 3},
 *  "responseContext": {"statusCode": 200, "executedVersion": "$LATEST", "functionError": "Unhandled"},
 *  "version": "1.0", "timestamp": "2026-11-25T10:00:01.234Z",
 *  "KinesisBatchInfo": {"shardId": "shardId-000000000000", "startSequenceNumber": "...",
 *                       "endSequenceNumber": "...", "approximateArrivalOfFirstRecord": "...",
 *                       "approximateArrivalOfLastRecord": "...", "batchSize": 2, "streamArn": "..."}}
 * }</pre>
 * {@code responseContext} is left out when the function never saw the records (they were too old before the
 * first invocation), and {@code functionError} when the function returned a response that failed the batch.
 * Without a destination, discarded batches are logged only.
 *
 * <p>A put that fails in a way a retry can fix (the destination's shard throttled it, or an internal failure)
 * leaves the record to be put again later, the same bytes, by the lane that discarded the batch: until it is
 * stored the batch's records are not finished, so the checkpoint does not pass them and a restart reads them
 * again. A put that cannot succeed (the destination stream was deleted) is reported to the error handler and
 * the record dropped, so a missing destination does not stop the shard; inferred, since Lambda documents only
 * that it keeps the records in the stream. Thread-safe.
 */
final class FailureDestination {
    /** Why records were discarded: Lambda's {@code condition}. */
    enum Condition {
        /** The batch failed once more than {@code MaximumRetryAttempts} allows. */
        RetryAttemptsExhausted,
        /** The records grew older than {@code MaximumRecordAgeInSeconds}, or than the stream's retention. */
        RecordAgeExceeded
    }

    private static final Logger LOG = LoggerFactory.getLogger(FailureDestination.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
        .withZone(ZoneOffset.UTC);

    private final KinesisBroker broker;
    private final String destination;
    private final String functionArn;
    private final String streamArn;
    private final EpochClock clock;
    private final ErrorHandler errorHandler;

    FailureDestination(final KinesisBroker broker, final String destination, final String functionArn,
        final String streamArn, final ErrorHandler errorHandler) {
        this.broker = broker;
        this.destination = destination;
        this.functionArn = functionArn;
        this.streamArn = streamArn;
        this.clock = broker.config().clock();
        this.errorHandler = errorHandler;
    }

    /**
     * Logs records discarded together and makes their on-failure record.
     *
     * @return the record to {@link #tryPut}, or null without a destination: the records are finished then.
     */
    byte[] report(final Condition condition, final String shardId, final List<TriggerRecord> records,
        final int invokeCount, final String functionError) {
        LOG.warn("Discarded {} records of {} ({}) after {} invocations", records.size(), shardId, condition,
            invokeCount);
        if (destination == null || records.isEmpty()) {
            return null;
        }
        return json(condition, shardId, records, invokeCount, functionError);
    }

    /**
     * Puts an on-failure record into the destination.
     *
     * @return true if it is stored, or dropped because it never can be; false if it is to be put again later.
     */
    boolean tryPut(final String shardId, final byte[] json) {
        try {
            broker.putRecord(destination, shardId, json);
            return true;
        } catch (final KinesisException ex) {
            if (ex.isRetryable()) {
                LOG.debug("An on-failure record for {} is put into {} again later: {}", shardId, destination,
                    ex.toString());
                return false;
            }
            errorHandler.onError(new IllegalStateException("could not write an on-failure record for " + shardId
                + " to " + destination, ex));
            return true;
        }
    }

    byte[] json(final Condition condition, final String shardId, final List<TriggerRecord> records,
        final int invokeCount, final String functionError) {
        final ObjectNode root = MAPPER.createObjectNode();
        final ObjectNode request = root.putObject("requestContext");
        request.put("requestId", UUID.randomUUID().toString());
        request.put("functionArn", functionArn);
        request.put("condition", condition.name());
        request.put("approximateInvokeCount", invokeCount);
        if (invokeCount > 0) {
            final ObjectNode response = root.putObject("responseContext");
            response.put("statusCode", 200);
            response.put("executedVersion", "$LATEST");
            if (functionError != null) {
                response.put("functionError", functionError);
            }
        }
        root.put("version", "1.0");
        root.put("timestamp", TIMESTAMP.format(Instant.ofEpochMilli(clock.time())));
        final TriggerRecord first = records.get(0);
        final TriggerRecord last = records.get(records.size() - 1);
        final ObjectNode info = root.putObject("KinesisBatchInfo");
        info.put("shardId", shardId);
        info.put("startSequenceNumber", first.sequenceNumber());
        info.put("endSequenceNumber", last.sequenceNumber());
        info.put("approximateArrivalOfFirstRecord", TIMESTAMP.format(Instant.ofEpochMilli(first.arrivalMs())));
        info.put("approximateArrivalOfLastRecord", TIMESTAMP.format(Instant.ofEpochMilli(last.arrivalMs())));
        info.put("batchSize", records.size());
        info.put("streamArn", streamArn);
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (final JsonProcessingException ex) {
            throw new IllegalStateException("a tree of plain values always serializes", ex);
        }
    }
}
