package io.embeddedkinesis.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One clickstream event: a user viewed a page. Travels through the stream as a small JSON object, e.g.
 * {@code {"eventId":"p2-41","userId":"user-0042","page":"/products/17","timestampMs":1764100000000}}.
 *
 * <p>The user id is the partition key, so one user's views go to one shard. The event id is unique
 * within a run (producer number and counter); the readers use it to prove that each record arrives
 * exactly once. Immutable.
 *
 * @param eventId     the producer's number and a counter, unique within a run.
 * @param userId      who viewed the page; the partition key.
 * @param page        the path viewed.
 * @param timestampMs when, in epoch milliseconds.
 */
record PageView(String eventId, String userId, String page, long timestampMs) {
    /** Thread-safe once configured; shared by every producer and reader. */
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Encodes the event as the record's data.
     *
     * @return UTF-8 JSON.
     */
    byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (final JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Decodes a record's data.
     *
     * @param json UTF-8 JSON written by {@link #toJson()}.
     * @return the event.
     */
    static PageView fromJson(final byte[] json) {
        try {
            return JSON.readValue(json, PageView.class);
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
