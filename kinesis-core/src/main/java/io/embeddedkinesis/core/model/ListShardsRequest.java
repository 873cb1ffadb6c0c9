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
 * @param shardFilter             which shards to list, or null for every shard within retention.
 */
public record ListShardsRequest(
    StreamRequest stream, String nextToken, String exclusiveStartShardId, Integer maxResults,
    Instant streamCreationTimestamp, ShardFilter shardFilter) {

    /**
     * Lists every shard of a stream within retention, a first page.
     *
     * @param streamNameOrArn the stream's name or ARN.
     * @param maxResults      the most shards per page, or null for 1,000.
     * @return the request.
     */
    public static ListShardsRequest of(final String streamNameOrArn, final Integer maxResults) {
        return new ListShardsRequest(StreamRequest.of(streamNameOrArn), null, null, maxResults, null, null);
    }

    /**
     * The page after the one a token came with.
     *
     * @param nextToken  the previous page's token.
     * @param maxResults the most shards per page, or null for 1,000.
     * @return the request.
     */
    public static ListShardsRequest next(final String nextToken, final Integer maxResults) {
        return new ListShardsRequest(null, nextToken, null, maxResults, null, null);
    }

    /**
     * This request with a filter.
     *
     * @param filter which shards to list.
     * @return a new request.
     */
    public ListShardsRequest withShardFilter(final ShardFilter filter) {
        return new ListShardsRequest(stream, nextToken, exclusiveStartShardId, maxResults, streamCreationTimestamp,
            filter);
    }
}
