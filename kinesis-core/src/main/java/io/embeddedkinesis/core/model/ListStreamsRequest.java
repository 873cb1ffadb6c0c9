package io.embeddedkinesis.core.model;

/**
 * The parameters of {@code ListStreams}.
 *
 * @param limit                    the most streams to list, 1 to 10,000; null for 100.
 * @param exclusiveStartStreamName list streams after this name, or null from the first.
 * @param nextToken                the token of the previous page, or null.
 */
public record ListStreamsRequest(Integer limit, String exclusiveStartStreamName, String nextToken) {
}
