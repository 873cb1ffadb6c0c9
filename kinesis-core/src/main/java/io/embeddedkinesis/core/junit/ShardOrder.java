package io.embeddedkinesis.core.junit;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.model.ListShardsRequest;
import io.embeddedkinesis.core.model.ListShardsResult;
import io.embeddedkinesis.core.model.Shard;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Lists every shard of a stream within retention, every page of {@code ListShards}, in the order a
 * consumer reads them: each shard after the parents it was split or merged from, so records of one
 * partition key come in the order they were put.
 */
final class ShardOrder {
    private ShardOrder() {
    }

    /**
     * The stream's shards, parents before children.
     *
     * @throws io.embeddedkinesis.core.exception.ResourceNotFoundException if the stream does not exist.
     */
    static List<Shard> parentsFirst(final KinesisBroker broker, final String stream) {
        final List<Shard> listed = new ArrayList<>();
        ListShardsResult page = broker.listShards(ListShardsRequest.of(stream, null));
        listed.addAll(page.shards());
        while (page.nextToken() != null) {
            page = broker.listShards(ListShardsRequest.next(page.nextToken(), null));
            listed.addAll(page.shards());
        }
        return parentsFirst(listed);
    }

    /**
     * Orders shards so that each comes after those of its parents that are listed (a parent past
     * retention is not), keeping the listed order otherwise.
     */
    static List<Shard> parentsFirst(final List<Shard> shards) {
        final Set<String> listed = new HashSet<>();
        shards.forEach(shard -> listed.add(shard.shardId()));
        final Set<String> placed = new HashSet<>();
        final List<Shard> ordered = new ArrayList<>(shards.size());
        while (ordered.size() < shards.size()) {
            final int before = ordered.size();
            for (final Shard shard : shards) {
                if (!placed.contains(shard.shardId()) && isPlaced(shard.parentShardId(), listed, placed)
                    && isPlaced(shard.adjacentParentShardId(), listed, placed)) {
                    ordered.add(shard);
                    placed.add(shard.shardId());
                }
            }
            if (ordered.size() == before) {
                throw new IllegalStateException("shard lineage has a cycle: shards=" + shards);
            }
        }
        return ordered;
    }

    private static boolean isPlaced(final String parent, final Set<String> listed, final Set<String> placed) {
        return parent == null || !listed.contains(parent) || placed.contains(parent);
    }
}
