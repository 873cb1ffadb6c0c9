package io.embeddedkinesis.core.application;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.model.ListShardsRequest;
import io.embeddedkinesis.core.model.ListShardsResult;
import io.embeddedkinesis.core.model.Shard;
import io.embeddedkinesis.core.model.ShardFilter;
import io.embeddedkinesis.core.model.ShardFilterType;
import io.embeddedkinesis.core.model.StreamRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates the leases the lease table lacks, from the stream's shards as {@code ListShards} lists them, as
 * the KCL's shard sync does. A shard gets a lease unless it has one, or one of its descendants has one
 * (its part of the stream is already covered). A shard with a leased parent starts at {@code TRIM_HORIZON},
 * so nothing between parent and child is skipped; other shards get a lease only if the initial position
 * takes them: every shard without a listed parent for {@code TRIM_HORIZON}, the open shards for
 * {@code LATEST}, and the shards open at the timestamp for {@code AT_TIMESTAMP}.
 *
 * <p>Every worker syncs; two syncing at once create each lease once, since creation is conditional.
 */
final class ShardSyncer {
    private final ApplicationContext context;

    ShardSyncer(final ApplicationContext context) {
        this.context = context;
    }

    /** Lists the shards and creates the missing leases; returns how many were created. */
    int sync() {
        final List<Shard> shards = listShards(null);
        final Set<String> leased = new HashSet<>();
        for (final Lease lease : context.table().list()) {
            leased.add(lease.leaseKey());
        }
        final Set<String> initial = initialShards(shards);
        final Set<String> covered = coveredByDescendants(shards, leased);
        int created = 0;
        // Ids grow with creation, so parents come before their children.
        for (final Shard shard : shards) {
            if (leased.contains(shard.shardId()) || covered.contains(shard.shardId())) {
                continue;
            }
            final List<String> parents = parents(shard);
            final boolean parentLeased = parents.stream().anyMatch(leased::contains);
            if (!parentLeased && !initial.contains(shard.shardId())) {
                continue;
            }
            final ExtendedSequenceNumber start = parentLeased ? ExtendedSequenceNumber.TRIM_HORIZON
                : context.config().initialPosition().checkpoint();
            if (context.table().createIfAbsent(Lease.create(shard.shardId(), start, parents, shard.hashKeyRange()))) {
                created++;
            }
            leased.add(shard.shardId());
        }
        return created;
    }

    private Set<String> initialShards(final List<Shard> shards) {
        final Set<String> ids = new HashSet<>();
        final InitialPosition position = context.config().initialPosition();
        if (position.timestamp() != null) {
            for (final Shard shard : listShards(new ShardFilter(ShardFilterType.AT_TIMESTAMP, null,
                position.timestamp()))) {
                ids.add(shard.shardId());
            }
            return ids;
        }
        final Set<String> listed = new HashSet<>();
        shards.forEach(shard -> listed.add(shard.shardId()));
        final boolean latest = ExtendedSequenceNumber.LATEST.equals(position.checkpoint());
        for (final Shard shard : shards) {
            final boolean taken = latest ? shard.sequenceNumberRange().endingSequenceNumber() == null
                : parents(shard).stream().noneMatch(listed::contains);
            if (taken) {
                ids.add(shard.shardId());
            }
        }
        return ids;
    }

    /** The shards some descendant of which has a lease. */
    private static Set<String> coveredByDescendants(final List<Shard> shards, final Set<String> leased) {
        final Map<String, List<String>> parentsOf = new HashMap<>();
        shards.forEach(shard -> parentsOf.put(shard.shardId(), parents(shard)));
        final Set<String> covered = new HashSet<>();
        final List<String> pending = new ArrayList<>(leased);
        while (!pending.isEmpty()) {
            final String id = pending.remove(pending.size() - 1);
            for (final String parent : parentsOf.getOrDefault(id, List.of())) {
                if (covered.add(parent)) {
                    pending.add(parent);
                }
            }
        }
        return covered;
    }

    private static List<String> parents(final Shard shard) {
        final List<String> parents = new ArrayList<>(2);
        if (shard.parentShardId() != null) {
            parents.add(shard.parentShardId());
        }
        if (shard.adjacentParentShardId() != null) {
            parents.add(shard.adjacentParentShardId());
        }
        return parents;
    }

    private List<Shard> listShards(final ShardFilter filter) {
        final KinesisBroker broker = context.broker();
        final List<Shard> shards = new ArrayList<>();
        ListShardsResult page = broker.listShards(new ListShardsRequest(
            StreamRequest.of(context.config().streamName()), null, null, null, null, filter));
        shards.addAll(page.shards());
        while (page.nextToken() != null) {
            page = broker.listShards(ListShardsRequest.next(page.nextToken(), null));
            shards.addAll(page.shards());
        }
        return shards;
    }
}
