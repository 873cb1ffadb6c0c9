package io.embeddedkinesis.core.kpl;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.model.ListShardsRequest;
import io.embeddedkinesis.core.model.ListShardsResult;
import io.embeddedkinesis.core.model.Shard;
import io.embeddedkinesis.core.model.ShardFilter;
import io.embeddedkinesis.core.model.ShardFilterType;
import io.embeddedkinesis.core.routing.HashKeyRange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stream's shards and their hash key ranges as {@code ListShards} gave them at one moment: what the KPL
 * calls its shard map, from which it predicts each user record's shard.
 *
 * <p>Immutable and thread-safe; a new map is listed when the stream may have changed.
 */
final class ShardMap {
    private final List<HashKeyRange> ranges;
    private final Map<String, HashKeyRange> byShardId;

    /**
     * @param shards the shards, as listed.
     */
    ShardMap(final List<Shard> shards) {
        final List<HashKeyRange> listed = new ArrayList<>(shards.size());
        byShardId = new HashMap<>();
        for (final Shard shard : shards) {
            listed.add(shard.hashKeyRange());
            byShardId.put(shard.shardId(), shard.hashKeyRange());
        }
        ranges = List.copyOf(listed);
    }

    /**
     * Lists a stream's open shards, the ones records go to now.
     *
     * @param broker          the broker.
     * @param streamNameOrArn the stream.
     * @return the map.
     */
    static ShardMap open(final KinesisBroker broker, final String streamNameOrArn) {
        return list(broker, ListShardsRequest.of(streamNameOrArn, null)
            .withShardFilter(ShardFilter.of(ShardFilterType.AT_LATEST)));
    }

    /**
     * Lists every shard of a stream within retention, closed ones too.
     *
     * @param broker          the broker.
     * @param streamNameOrArn the stream.
     * @return the map.
     */
    static ShardMap all(final KinesisBroker broker, final String streamNameOrArn) {
        return list(broker, ListShardsRequest.of(streamNameOrArn, null));
    }

    private static ShardMap list(final KinesisBroker broker, final ListShardsRequest first) {
        final List<Shard> shards = new ArrayList<>();
        ListShardsResult page = broker.listShards(first);
        shards.addAll(page.shards());
        while (page.nextToken() != null) {
            page = broker.listShards(ListShardsRequest.next(page.nextToken(), null));
            shards.addAll(page.shards());
        }
        return new ShardMap(shards);
    }

    /**
     * The shards' hash key ranges.
     *
     * @return the ranges, in listing order.
     */
    List<HashKeyRange> ranges() {
        return ranges;
    }

    /**
     * A shard's hash key range.
     *
     * @param shardId the shard.
     * @return its range, or null if the map does not know the shard.
     */
    HashKeyRange rangeOf(final String shardId) {
        return byShardId.get(shardId);
    }
}
