package io.embeddedkinesis.core.model;

import java.time.Instant;

/**
 * The parameters of {@code ListShards}. Either the stream or {@code nextToken} is given, never both.
 *
 * @param stream                  the stream, or null when paging with a token.
 * @param nextToken               the token of the previous page, or null.
 * @param exclusiveStartShardId   list shards after this one, or null.
 * @param maxResults              the most shards to list, 1 to 10,000; null for 1,000.
 * @param streamCreationTimestamp tells apart streams of the same name created at different times, or null.
 */
public record ListShardsRequest(
    StreamRequest stream, String nextToken, String exclusiveStartShardId, Integer maxResults,
    Instant streamCreationTimestamp) {
}
