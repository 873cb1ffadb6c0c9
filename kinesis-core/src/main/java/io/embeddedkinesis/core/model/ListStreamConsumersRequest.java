package io.embeddedkinesis.core.model;

import java.time.Instant;

/**
 * The parameters of {@code ListStreamConsumers}.
 *
 * @param streamARN               the stream's ARN; required, also with a token.
 * @param nextToken               the token of the previous page, or null.
 * @param maxResults              the most consumers to list, 1 to 10,000; null for 100 (the most a page has).
 * @param streamCreationTimestamp tells apart streams of the same name created at different times, or null.
 */
public record ListStreamConsumersRequest(String streamARN, String nextToken, Integer maxResults,
    Instant streamCreationTimestamp) {
    /**
     * Lists a stream's consumers, a first page.
     *
     * @param streamARN the stream's ARN.
     * @return the request.
     */
    public static ListStreamConsumersRequest of(final String streamARN) {
        return new ListStreamConsumersRequest(streamARN, null, null, null);
    }
}
