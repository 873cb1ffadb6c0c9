package io.embeddedkinesis.core.trigger;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a function's response as Lambda reads its JSON. {@link StreamsEventResponse} and
 * {@link TimeWindowEventResponse} are read directly; any other object (a map, the user's own class) is read
 * through its JSON form, for its {@code batchItemFailures[].itemIdentifier} and {@code state}, since Lambda
 * accepts "your own custom class using the correct response syntax".
 *
 * <p>With {@code ReportBatchItemFailures}: no response, no list or an empty list is a complete success; an
 * empty, null or unknown {@code itemIdentifier} (one that is not the sequence number of a record of the
 * batch, which is also what a misspelt key gives) fails the whole batch; otherwise the records from the
 * lowest reported sequence number on failed. When that is the batch's first record nothing succeeded, so it
 * is a whole-batch failure: retried, or halved with {@code BisectBatchOnFunctionError}, since a split at the
 * first record would retry the same batch without ever isolating the record. With tumbling windows, a
 * response without {@code state} fails the batch. Thread-safe.
 */
final class ResponseReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ResponseReader() {
    }

    static InvocationOutcome read(final Object response, final List<TriggerRecord> records,
        final boolean reportBatchItemFailures, final boolean needsState) {
        Map<String, String> state = null;
        List<String> identifiers = null;
        if (response instanceof StreamsEventResponse streams) {
            identifiers = streams.getBatchItemFailures() == null ? null
                : streams.getBatchItemFailures().stream().map(f -> f == null ? null : f.getItemIdentifier()).toList();
        } else if (response instanceof TimeWindowEventResponse window) {
            state = window.getState() == null ? null : Collections.unmodifiableMap(new HashMap<>(window.getState()));
            identifiers = window.getBatchItemFailures() == null ? null
                : window.getBatchItemFailures().stream().map(f -> f == null ? null : f.getItemIdentifier()).toList();
        } else if (response != null) {
            final JsonNode node;
            try {
                node = MAPPER.valueToTree(response);
            } catch (final IllegalArgumentException ex) {
                return new InvocationOutcome.Failed("Unhandled", "the response cannot be serialized: " + ex);
            }
            if (node != null && node.isObject()) {
                state = stateOf(node.get("state"));
                identifiers = identifiersOf(node.get("batchItemFailures"));
            }
        }
        if (needsState && state == null) {
            return new InvocationOutcome.Failed(null, "the response has no state");
        }
        if (!reportBatchItemFailures || identifiers == null || identifiers.isEmpty()) {
            return new InvocationOutcome.Succeeded(state);
        }
        return firstFailure(identifiers, records, state);
    }

    private static InvocationOutcome firstFailure(final List<String> identifiers, final List<TriggerRecord> records,
        final Map<String, String> state) {
        final Map<String, Integer> indexes = new HashMap<>(records.size() * 2);
        for (int i = 0; i < records.size(); i++) {
            // The first record of a sequence number: should two records share one, a failure reported for it
            // fails both rather than letting the earlier pass as succeeded.
            indexes.putIfAbsent(records.get(i).sequenceNumber(), i);
        }
        int first = Integer.MAX_VALUE;
        for (final String identifier : identifiers) {
            final Integer index = identifier == null ? null : indexes.get(identifier);
            if (index == null) {
                return new InvocationOutcome.Failed(null, "batchItemFailures has an itemIdentifier that is no "
                    + "sequence number of the batch: itemIdentifier=" + identifier);
            }
            first = Math.min(first, index);
        }
        if (first == 0) {
            return new InvocationOutcome.Failed(null, "batchItemFailures reports the batch's first record");
        }
        return new InvocationOutcome.PartlyFailed(first, state);
    }

    private static Map<String, String> stateOf(final JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        final Map<String, String> state = new HashMap<>();
        for (final Map.Entry<String, JsonNode> field : node.properties()) {
            final JsonNode value = field.getValue();
            state.put(field.getKey(), value.isTextual() ? value.asText() : value.toString());
        }
        return Collections.unmodifiableMap(state);
    }

    private static List<String> identifiersOf(final JsonNode node) {
        if (node == null || !node.isArray()) {
            return null;
        }
        final List<String> identifiers = new ArrayList<>(node.size());
        for (final JsonNode failure : node) {
            final JsonNode identifier = failure.get("itemIdentifier");
            identifiers.add(identifier == null || identifier.isNull() ? null : identifier.asText());
        }
        return identifiers;
    }

    /** The size of a state as JSON, roughly: what Lambda holds to 1 MB per window. */
    static long stateBytes(final Map<String, String> state) {
        long bytes = 2;
        for (final Map.Entry<String, String> entry : state.entrySet()) {
            bytes += entry.getKey().getBytes(StandardCharsets.UTF_8).length + 6
                + (entry.getValue() == null ? 4 : entry.getValue().getBytes(StandardCharsets.UTF_8).length);
        }
        return bytes;
    }
}
