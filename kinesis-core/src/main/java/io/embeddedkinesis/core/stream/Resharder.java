package io.embeddedkinesis.core.stream;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.LimitExceededException;
import io.embeddedkinesis.core.exception.ResourceInUseException;
import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import io.embeddedkinesis.core.exception.ValidationErrors;
import io.embeddedkinesis.core.exception.ValidationException;
import io.embeddedkinesis.core.model.MergeShardsRequest;
import io.embeddedkinesis.core.model.SplitShardRequest;
import io.embeddedkinesis.core.model.StreamMode;
import io.embeddedkinesis.core.model.StreamRequest;
import io.embeddedkinesis.core.model.StreamStatus;
import io.embeddedkinesis.core.model.UpdateShardCountRequest;
import io.embeddedkinesis.core.model.UpdateShardCountResult;
import io.embeddedkinesis.core.routing.HashKey;
import io.embeddedkinesis.core.routing.HashKeyRange;
import io.embeddedkinesis.core.shard.ShardId;
import io.embeddedkinesis.core.shard.StoredShard;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resharding: {@code SplitShard}, {@code MergeShards} and {@code UpdateShardCount}, with Kinesis's rules.
 *
 * <p>Every change closes parent shards and opens children, as Kinesis does: records already in a parent
 * stay there, readable until retention passes, and new records go to the child that owns their key. A
 * change is applied in three steps so that writers never wait on file creation: the children's logs are
 * opened first, then the parents are sealed (a put that routed to a parent a moment earlier is refused and
 * routed again), then the stream's shard set is swapped and its metadata saved. {@code UpdateShardCount}
 * is a sequence of splits (at every new boundary inside a shard) and merges (of the pieces that fall in
 * one new range), so every child has at most two parents, as in Kinesis; the short-lived pieces are
 * created closed.
 *
 * <p>Thread-safe: changes are serialized by the registry's lock.
 */
public final class Resharder {
    private static final int SCALINGS_PER_DAY = 10;

    private final StreamRegistry registry;
    private final BrokerConfig config;

    /**
     * @param registry the streams.
     */
    public Resharder(final StreamRegistry registry) {
        this.registry = registry;
        this.config = registry.config();
    }

    /**
     * Splits an open shard in two at a hash key.
     *
     * @param request the stream, the shard and the new starting hash key.
     */
    public void splitShard(final SplitShardRequest request) {
        final ValidationErrors errors = new ValidationErrors()
            .string("newStartingHashKey", request.newStartingHashKey(), true, RequestPatterns.HASH_KEY,
                RequestPatterns.HASH_KEY_TEXT, 0, Integer.MAX_VALUE);
        StreamRegistry.check(errors, request.stream())
            .string("shardToSplit", request.shardToSplit(), true, RequestPatterns.NAME, RequestPatterns.NAME_TEXT, 1,
            128)
            .throwIfAny();
        StreamRegistry.validate(request.stream());
        synchronized (registry) {
            final Stream stream = find(request.stream(), request.shardToSplit());
            ensureProvisioned(stream);
            final ShardId shardId = shardId(stream, request.shardToSplit());
            final long nowMs = config.clock().time();
            ensureActive(stream, nowMs);
            final StoredShard shard = existing(stream, shardId);
            registry.checkShardLimit(1);
            ensureOpen(stream, shard);
            final BigInteger key = new BigInteger(request.newStartingHashKey());
            final BigInteger start = shard.hashKeyRange().startingHashKey().toBigInteger();
            final BigInteger end = shard.hashKeyRange().endingHashKey().toBigInteger();
            if (key.compareTo(start.add(BigInteger.ONE)) <= 0 || key.compareTo(end) >= 0) {
                throw new InvalidArgumentException("NewStartingHashKey " + request.newStartingHashKey()
                    + " used in SplitShard() on shard " + shard.shardId() + " in stream " + stream.streamName()
                    + " under account " + config.accountId() + " is not both greater than one plus the shard's"
                    + " StartingHashKey " + start + " and less than the shard's EndingHashKey " + end + ".");
            }
            final Plan plan = new Plan(stream, nowMs);
            plan.split(shard, HashKey.of(key));
            plan.apply(true);
        }
    }

    /**
     * Merges two open shards with adjoining hash key ranges into one.
     *
     * @param request the stream and the two shards.
     */
    public void mergeShards(final MergeShardsRequest request) {
        final ValidationErrors errors = new ValidationErrors()
            .string("shardToMerge", request.shardToMerge(), true, RequestPatterns.NAME, RequestPatterns.NAME_TEXT, 1,
            128)
            .string("adjacentShardToMerge", request.adjacentShardToMerge(), true, RequestPatterns.NAME,
                RequestPatterns.NAME_TEXT, 1, 128);
        StreamRegistry.check(errors, request.stream()).throwIfAny();
        StreamRegistry.validate(request.stream());
        synchronized (registry) {
            final Stream stream = find(request.stream(), request.shardToMerge(), request.adjacentShardToMerge());
            ensureProvisioned(stream);
            final ShardId firstId = shardId(stream, request.shardToMerge());
            final ShardId secondId = shardId(stream, request.adjacentShardToMerge());
            final long nowMs = config.clock().time();
            ensureActive(stream, nowMs);
            final StoredShard first = existing(stream, firstId);
            final StoredShard second = existing(stream, secondId);
            ensureOpen(stream, first);
            ensureOpen(stream, second);
            if (!adjacent(first, second)) {
                throw new InvalidArgumentException("Shards " + first.shardId() + " and " + second.shardId()
                    + " in stream " + stream.streamName() + " under account " + config.accountId()
                    + " are not an adjacent pair of shards eligible for merging");
            }
            final Plan plan = new Plan(stream, nowMs);
            plan.merge(first, second);
            plan.apply(true);
        }
    }

    /**
     * Changes the number of open shards to a target, splitting the hash key space evenly, as Kinesis's
     * {@code UNIFORM_SCALING} does.
     *
     * @param request the stream, the target count and the scaling type.
     * @return the counts before and after.
     */
    public UpdateShardCountResult updateShardCount(final UpdateShardCountRequest request) {
        final Integer target = request.targetShardCount();
        final ValidationErrors errors = new ValidationErrors();
        if (request.scalingType() == null) {
            errors.notNull("scalingType", false);
        } else if (!UpdateShardCountRequest.UNIFORM_SCALING.equals(request.scalingType())) {
            errors.add("scalingType", request.scalingType(), "Member must satisfy enum value set: [UNIFORM_SCALING]");
        }
        StreamRegistry.check(errors, request.stream())
            .number("targetShardCount", target == null ? null : target.longValue(), true, 1, 100_000)
            .throwIfAny();
        StreamRegistry.validate(request.stream());
        synchronized (registry) {
            final Stream stream = registry.find(request.stream());
            ensureProvisioned(stream);
            final long nowMs = config.clock().time();
            ensureActive(stream, nowMs);
            final int current = stream.openShards().size();
            checkTarget(stream, current, target, nowMs);
            final Plan plan = new Plan(stream, nowMs);
            plan.scaleTo(target);
            stream.recordScaling(nowMs);
            plan.apply(true);
            return new UpdateShardCountResult(stream.streamName(), current, target, stream.streamArn());
        }
    }

    /**
     * Splits an open shard of an on-demand stream in two halves of its hash key range, as the stream's own
     * scaling does: the stream stays ACTIVE, and the split counts against no daily limit.
     *
     * @param stream the stream.
     * @param shard  an open shard whose range holds at least three hash keys.
     * @param nowMs  the current time.
     */
    void scaleOut(final Stream stream, final StoredShard shard, final long nowMs) {
        synchronized (registry) {
            final BigInteger start = shard.hashKeyRange().startingHashKey().toBigInteger();
            final BigInteger end = shard.hashKeyRange().endingHashKey().toBigInteger();
            final Plan plan = new Plan(stream, nowMs);
            plan.split(shard, HashKey.of(start.add(end.subtract(start).add(BigInteger.ONE).shiftRight(1))));
            plan.apply(false);
        }
    }

    /**
     * Merges two adjacent open shards of an on-demand stream, as the stream's own scaling does.
     *
     * @param stream the stream.
     * @param lower  the shard with the lower hash keys.
     * @param upper  the shard whose range starts right after the lower one's.
     * @param nowMs  the current time.
     */
    void scaleIn(final Stream stream, final StoredShard lower, final StoredShard upper, final long nowMs) {
        synchronized (registry) {
            final Plan plan = new Plan(stream, nowMs);
            plan.merge(lower, upper);
            plan.apply(false);
        }
    }

    /** Kinesis's limits on a shard count update, checked in its order, with its texts. */
    private void checkTarget(final Stream stream, final int current, final int target, final long nowMs) {
        final String counts = "Current open shard count: " + current + ", Target shard count: " + target;
        final int otherStreams = registry.openShardCount() - current;
        if ((long) otherStreams + target > config.shardLimit()) {
            // The account's limit as it is, whatever the other streams hold (kinesalite's tests, taken from AWS).
            throw new LimitExceededException("Target shard count or number of open shards cannot be greater than "
                + config.shardLimit() + ". " + counts);
        }
        if (target > 2L * current) {
            throw new LimitExceededException(
                "UpdateShardCount cannot scale up over double your current open shard count. " + counts);
        }
        if (target * 2L < current) {
            throw new LimitExceededException(
                "UpdateShardCount cannot scale down below half your current open shard count. " + counts);
        }
        if (stream.scalingsSince(nowMs - Stream.DAY_MS) >= SCALINGS_PER_DAY) {
            throw new LimitExceededException("UpdateShardCount cannot be called more than " + SCALINGS_PER_DAY
                + " times in a rolling 24 hour period for stream " + stream.streamName() + " under account "
                + config.accountId() + ".");
        }
    }

    /**
     * The stream a resharding request names. When there is no such stream, Kinesis names first a shard id it
     * cannot read, as not found in that stream (kinesalite's tests, taken from AWS).
     */
    private Stream find(final StreamRequest request, final String... shardIds) {
        try {
            return registry.find(request);
        } catch (final ResourceNotFoundException noSuchStream) {
            for (final String text : shardIds) {
                if (ShardId.tryParse(text) == null) {
                    throw couldNotFind(StreamRegistry.requestedName(request), text);
                }
            }
            throw noSuchStream;
        }
    }

    private ShardId shardId(final Stream stream, final String text) {
        final ShardId shardId = ShardId.tryParse(text);
        if (shardId == null) {
            throw couldNotFind(stream.streamName(), text);
        }
        return shardId;
    }

    private StoredShard existing(final Stream stream, final ShardId shardId) {
        final StoredShard shard = stream.shard(shardId.index());
        if (shard == null) {
            throw couldNotFind(stream.streamName(), shardId.toString());
        }
        return shard;
    }

    private ResourceNotFoundException couldNotFind(final String streamName, final String shard) {
        return new ResourceNotFoundException("Could not find shard " + shard + " in stream " + streamName
            + " under account " + config.accountId() + ".");
    }

    private void ensureActive(final Stream stream, final long nowMs) {
        final StreamStatus status = stream.status(nowMs);
        if (status != StreamStatus.ACTIVE) {
            throw new ResourceInUseException("Stream " + stream.streamName() + " under account " + config.accountId()
                + " not ACTIVE, instead in state " + status);
        }
    }

    /** An on-demand stream manages its own shards; the text is the one Kinesis gives UpdateShardCount. */
    private void ensureProvisioned(final Stream stream) {
        if (stream.streamMode() == StreamMode.ON_DEMAND) {
            throw new ValidationException("Request is invalid. Stream " + stream.streamName() + " under account "
                + config.accountId() + " is in On-Demand mode.");
        }
    }

    private void ensureOpen(final Stream stream, final StoredShard shard) {
        if (!shard.isOpen()) {
            throw new InvalidArgumentException("Shard " + shard.shardId() + " in stream " + stream.streamName()
                + " under account " + config.accountId() + " has already been merged or split, and thus is not"
                + " eligible for merging or splitting.");
        }
    }

    /**
     * Whether the second shard's range starts right after the first one's: Kinesis merges a shard with the
     * shard above it, and refuses the pair named the other way round.
     */
    private static boolean adjacent(final StoredShard first, final StoredShard second) {
        return first.hashKeyRange().endingHashKey().toBigInteger().add(BigInteger.ONE)
            .equals(second.hashKeyRange().startingHashKey().toBigInteger());
    }

    /**
     * The shards a change closes and opens, worked out in memory first and applied at once. Pieces created
     * and closed by the same change (the steps of an {@code UpdateShardCount}) never take a record.
     */
    private final class Plan {
        private final Stream stream;
        private final long nowMs;
        private final List<Piece> existing = new ArrayList<>();
        private final List<Piece> pieces = new ArrayList<>();
        private int nextIndex;

        Plan(final Stream stream, final long nowMs) {
            this.stream = stream;
            this.nowMs = nowMs;
            this.nextIndex = stream.shardSet().nextIndex();
        }

        /** Splits an existing open shard at a key; the second child starts at the key. */
        void split(final StoredShard shard, final HashKey key) {
            splitInto(existing(shard), key);
        }

        void merge(final StoredShard first, final StoredShard second) {
            mergeInto(existing(first), existing(second));
        }

        private Piece existing(final StoredShard shard) {
            final Piece piece = new Piece(shard.id(), shard.hashKeyRange(), null, null, shard);
            existing.add(piece);
            return piece;
        }

        /** Splits at every new boundary inside an open shard, then merges what falls in one new range. */
        void scaleTo(final int target) {
            final List<HashKeyRange> targets = HashKeyRange.evenSplit(target);
            final Deque<Piece> open = new ArrayDeque<>();
            for (final StoredShard shard : stream.openShards()) {
                Piece piece = existing(shard);
                for (final HashKeyRange range : targets) {
                    final HashKey boundary = range.startingHashKey();
                    if (boundary.compareTo(piece.range.startingHashKey()) > 0
                        && boundary.compareTo(piece.range.endingHashKey()) <= 0) {
                        final Piece[] halves = splitInto(piece, boundary);
                        open.add(halves[0]);
                        piece = halves[1];
                    }
                }
                open.add(piece);
            }
            for (final HashKeyRange range : targets) {
                Piece merged = open.poll();
                while (!open.isEmpty() && open.peek().range.endingHashKey().compareTo(range.endingHashKey()) <= 0) {
                    merged = mergeInto(merged, open.poll());
                }
            }
        }

        private Piece[] splitInto(final Piece parent, final HashKey key) {
            parent.finalPiece = false;
            final HashKey beforeKey = HashKey.of(key.toBigInteger().subtract(BigInteger.ONE));
            final Piece low = newPiece(new HashKeyRange(parent.range.startingHashKey(), beforeKey), parent.id, null);
            final Piece high = newPiece(new HashKeyRange(key, parent.range.endingHashKey()), parent.id, null);
            return new Piece[] {low, high};
        }

        private Piece mergeInto(final Piece first, final Piece second) {
            first.finalPiece = false;
            second.finalPiece = false;
            final HashKeyRange lower = first.range.startingHashKey().compareTo(second.range.startingHashKey()) < 0
                ? first.range : second.range;
            final HashKeyRange upper = lower == first.range ? second.range : first.range;
            return newPiece(new HashKeyRange(lower.startingHashKey(), upper.endingHashKey()), first.id, second.id);
        }

        private Piece newPiece(final HashKeyRange range, final ShardId parent, final ShardId adjacentParent) {
            final Piece piece = new Piece(new ShardId(nextIndex++), range, parent, adjacentParent, null);
            pieces.add(piece);
            return piece;
        }

        /**
         * Opens the children's logs, seals the parents, then swaps the stream's shards and saves them.
         *
         * @param updating whether the stream shows UPDATING for the broker's reshard delay, as after a
         *                 resharding call; an on-demand stream's own scaling leaves it ACTIVE.
         */
        void apply(final boolean updating) {
            final List<StoredShard> opened = new ArrayList<>(pieces.size());
            try {
                for (final Piece piece : pieces) {
                    opened.add(registry.openShard(stream.streamTag(), stream.createdAtMs(), piece.metadata(nowMs),
                        stream.shardLimits(), stream.meters(), nowMs));
                }
            } catch (final RuntimeException ex) {
                opened.forEach(StoredShard::close);
                for (final StoredShard shard : opened) {
                    registry.deleteShardFiles(stream, shard);
                }
                throw ex;
            }
            for (int i = 0; i < pieces.size(); i++) {
                if (!pieces.get(i).finalPiece) {
                    opened.get(i).seal(nowMs);
                }
            }
            for (final Piece piece : existing) {
                if (!piece.finalPiece) {
                    piece.shard.seal(nowMs);
                }
            }
            stream.shardSet(stream.shardSet().changed(opened, List.of()));
            if (updating) {
                stream.updatingUntil(nowMs + config.reshardDelayMs());
            }
            registry.save(stream);
        }
    }

    /**
     * A shard of a plan: an existing open shard, or one the plan creates. It is final if it is open after
     * the change: an existing shard stays open unless split or merged; a created one unless split or merged
     * again by the same change.
     */
    private static final class Piece {
        private final ShardId id;
        private final HashKeyRange range;
        private final ShardId parent;
        private final ShardId adjacentParent;
        private final StoredShard shard;
        private boolean finalPiece = true;

        Piece(final ShardId id, final HashKeyRange range, final ShardId parent, final ShardId adjacentParent,
            final StoredShard shard) {
            this.id = id;
            this.range = range;
            this.parent = parent;
            this.adjacentParent = adjacentParent;
            this.shard = shard;
        }

        StreamMetadata.ShardMetadata metadata(final long nowMs) {
            return new StreamMetadata.ShardMetadata(id.index(), range.startingHashKey().toString(),
                range.endingHashKey().toString(), -1L, parent == null ? null : parent.index(),
                adjacentParent == null ? null : adjacentParent.index(), nowMs, null, null);
        }
    }
}
