package io.embeddedkinesis.core.model;

import java.util.List;

/**
 * What {@code ListShards} returns.
 *
 * @param shards    the shards on this page.
 * @param nextToken the token for the next page, valid for 5 minutes, or null on the last page.
 */
public record ListShardsResult(List<Shard> shards, String nextToken) {
    /**
     * Copies the list.
     *
     * @param shards    see the class description.
     * @param nextToken see the class description.
     */
    public ListShardsResult {
        shards = List.copyOf(shards);
    }
}
