package io.embeddedkinesis.core.stream;

import io.embeddedkinesis.core.routing.HashKey;
import io.embeddedkinesis.core.routing.ShardRouter;
import io.embeddedkinesis.core.shard.StoredShard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The shards of a stream at one moment: every shard still within retention, looked up by index, and the
 * open ones in hash key order with the router over them.
 *
 * <p>Immutable: a reshard builds a new set and the stream swaps it in whole, so a put or read works on one
 * consistent set without locking.
 */
final class ShardSet {
    private final List<StoredShard> all;
    private final StoredShard[] byIndex;
    private final StoredShard[] open;
    private final ShardRouter router;

    ShardSet(final List<StoredShard> shards) {
        this.all = shards.stream().sorted(Comparator.comparing(StoredShard::id)).toList();
        final int size = all.isEmpty() ? 0 : all.get(all.size() - 1).id().index() + 1;
        this.byIndex = new StoredShard[size];
        for (final StoredShard shard : all) {
            byIndex[shard.id().index()] = shard;
        }
        final List<StoredShard> openShards = new ArrayList<>();
        for (final StoredShard shard : all) {
            if (shard.isOpen()) {
                openShards.add(shard);
            }
        }
        openShards.sort(Comparator.comparing(shard -> shard.hashKeyRange().startingHashKey()));
        this.open = openShards.toArray(new StoredShard[0]);
        this.router = open.length > 1
            ? new ShardRouter(openShards.stream().map(StoredShard::hashKeyRange).toList()) : null;
    }

    /** Every shard within retention, by shard id. */
    List<StoredShard> all() {
        return all;
    }

    /** The open shards, in hash key order. */
    List<StoredShard> open() {
        return List.of(open);
    }

    /** The shard with an index, or null if there is none (any more). */
    StoredShard byIndex(final int index) {
        return index >= 0 && index < byIndex.length ? byIndex[index] : null;
    }

    /** The open shard that owns a hash key. */
    StoredShard route(final HashKey hashKey) {
        return router == null ? open[0] : open[router.route(hashKey)];
    }

    /** The only open shard, or null if there are more. */
    StoredShard soleOpen() {
        return open.length == 1 ? open[0] : null;
    }

    /** The open shard at a turn of a round robin, which may be any int, wrapping. */
    StoredShard roundRobin(final int turn) {
        return open[Math.floorMod(turn, open.length)];
    }

    /** The index the next new shard gets: shard ids are never reused within a stream. */
    int nextIndex() {
        return byIndex.length;
    }

    /** This set with shards added and others removed. */
    ShardSet changed(final List<StoredShard> added, final List<StoredShard> removed) {
        final List<StoredShard> shards = new ArrayList<>(all);
        shards.removeAll(removed);
        shards.addAll(added);
        return new ShardSet(shards);
    }
}
