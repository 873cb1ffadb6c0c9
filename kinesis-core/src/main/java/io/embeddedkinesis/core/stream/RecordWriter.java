package io.embeddedkinesis.core.stream;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.exception.DryRunOperationException;
import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.KinesisException;
import io.embeddedkinesis.core.exception.ProvisionedThroughputExceededException;
import io.embeddedkinesis.core.exception.ValidationErrors;
import io.embeddedkinesis.core.log.Durability;
import io.embeddedkinesis.core.log.LogClosedException;
import io.embeddedkinesis.core.log.LogSealedException;
import io.embeddedkinesis.core.log.SequenceNumber;
import io.embeddedkinesis.core.metrics.StreamMeters;
import io.embeddedkinesis.core.metrics.UsageMeter;
import io.embeddedkinesis.core.model.PutRecordRequest;
import io.embeddedkinesis.core.model.PutRecordResult;
import io.embeddedkinesis.core.model.PutRecordsRequest;
import io.embeddedkinesis.core.model.PutRecordsRequestEntry;
import io.embeddedkinesis.core.model.PutRecordsResult;
import io.embeddedkinesis.core.model.PutRecordsResultEntry;
import io.embeddedkinesis.core.model.RecordDistributionStrategy;
import io.embeddedkinesis.core.model.StreamRequest;
import io.embeddedkinesis.core.routing.HashKey;
import io.embeddedkinesis.core.routing.PartitionKeyHasher;
import io.embeddedkinesis.core.routing.PartitionKeyHasher.HashedKey;
import io.embeddedkinesis.core.shard.StoredShard;
import org.agrona.concurrent.EpochClock;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The write path: {@code PutRecord} and {@code PutRecords}. Validates a request whole before writing
 * anything, routes each record by its partition key's hash (or explicit hash key), asks the shard's
 * write limiter, and appends to the shard's log. A stream of one open shard takes every record there without
 * hashing its key (a cached hash still costs a few cache misses a record): the MD5 is computed only if a
 * reshard seals the shard under the put, to pick the child.
 *
 * <p>A stream with the {@code AUTO} record distribution strategy ignores partition keys and explicit hash
 * keys and takes the open shards in turn (see {@link Stream#routeRoundRobin()}); there the partition key may be
 * left out, and the record is stored without one. The strategy is read once per put or batch, so the
 * partition key path pays one volatile read for it.
 *
 * <p>Record sizes are checked twice, as Kinesis checks them: {@code Data} against the model's 10 MiB
 * before anything else, then, once the stream is known, against the stream's maximum record size
 * ({@code UpdateMaxRecordSize}; 1 MiB by default): data alone over it is a {@code ValidationException}
 * worded as AWS words it since large records came, data and partition key together over it an
 * {@code InvalidArgumentException}.
 *
 * <p>A throttled {@code PutRecord} raises {@link ProvisionedThroughputExceededException} and writes
 * nothing; in {@code PutRecords} a throttled record fails alone, with a per-record error code, and the
 * others are written, as Kinesis does.
 *
 * <p>Every call reports to the stream's meters (latency from the moment the stream is found) and counts
 * the PUT payload units of the records written in the stream's usage.
 *
 * <p>Thread-safe; the hot path allocates only the result.
 */
public final class RecordWriter {
    /**
     * Kinesis's limit on one PutRecords request, data and partition keys together: 10 MiB since records of
     * up to 10 MiB came (the launch doubled it from 5 MiB for every stream; the API reference says "up to a
     * limit of 10 MiB for the entire request"), whatever the stream's maximum record size.
     */
    public static final long MAX_PUT_RECORDS_BYTES = 10L * 1024 * 1024;
    /** Kinesis's limit on the records of one PutRecords request. */
    public static final int MAX_PUT_RECORDS_ENTRIES = 500;

    /** The error code Kinesis gives, in PutRecords results, to a record that failed inside the service. */
    private static final String INTERNAL_FAILURE = "InternalFailure";
    /** The key of a record put without a partition key, to an AUTO stream. */
    private static final byte[] NO_KEY = new byte[0];

    private final StreamRegistry registry;
    private final PartitionKeyHasher hasher = new PartitionKeyHasher();
    private final EpochClock clock;
    private final String accountId;
    private final boolean syncEachBatch;

    /**
     * @param registry the streams.
     * @param config   the broker's configuration.
     */
    public RecordWriter(final StreamRegistry registry, final BrokerConfig config) {
        this.registry = registry;
        this.clock = config.clock();
        this.accountId = config.accountId();
        this.syncEachBatch = config.durability() == Durability.FSYNC_EVERY_BATCH;
    }

    /**
     * Puts one record.
     *
     * @param request the record and its stream.
     * @return the shard and sequence number the record got.
     */
    public PutRecordResult putRecord(final PutRecordRequest request) {
        return putRecord(request, false);
    }

    /**
     * Checks a {@code PutRecord} as a dry run ({@code DryRun} set) does: the request's members, that the stream
     * exists and takes records, and the record's size, without writing anything or charging the shard's limits.
     *
     * @param request the record and its stream.
     * @throws DryRunOperationException if every check passed; otherwise the error the put would have raised.
     */
    public void dryRunPutRecord(final PutRecordRequest request) {
        putRecord(request, true);
        throw DryRunOperationException.passed();
    }

    private PutRecordResult putRecord(final PutRecordRequest request, final boolean dryRun) {
        final byte[] data = request.data();
        final String partitionKey = request.partitionKey();
        final String explicitHashKey = request.explicitHashKey();
        final String sequenceNumberForOrdering = request.sequenceNumberForOrdering();
        if (partitionKey == null || partitionKey.isEmpty() || partitionKey.length() > 256 || data == null
            || data.length > BrokerConfig.MAX_DATA_BYTES || explicitHashKey != null
            || sequenceNumberForOrdering != null) {
            final ValidationErrors errors = new ValidationErrors()
                .string("sequenceNumberForOrdering", sequenceNumberForOrdering, false, RequestPatterns.SEQUENCE_NUMBER,
                    RequestPatterns.SEQUENCE_NUMBER_TEXT, 0, Integer.MAX_VALUE)
                .string("partitionKey", partitionKey,
                    partitionKey == null && !takesRecordsWithoutKeys(request.stream()), null, null, 1, 256)
                .string("explicitHashKey", explicitHashKey, false, RequestPatterns.HASH_KEY,
                    RequestPatterns.HASH_KEY_TEXT, 0, Integer.MAX_VALUE)
                .blob("data", data == null ? -1 : data.length, true, BrokerConfig.MAX_DATA_BYTES);
            StreamRegistry.check(errors, request.stream()).throwIfAny();
        }
        final Stream stream = writableStream(request.stream());
        final StreamMeters meters = stream.meters();
        final long startTime = meters.startPutRecordTime();
        final byte[] key;
        final HashKey hashKey;
        String unhashedKey = null;
        StoredShard shard;
        if (stream.recordDistributionStrategy() == RecordDistributionStrategy.AUTO) {
            key = partitionKey == null ? NO_KEY : partitionKey.getBytes(StandardCharsets.UTF_8);
            hashKey = null;
            shard = stream.routeRoundRobin();
        } else {
            if (partitionKey == null) {
                new ValidationErrors().notNull("partitionKey", false).throwIfAny();
            }
            shard = explicitHashKey == null ? stream.soleOpenShard() : null;
            if (shard != null) {
                key = partitionKey.getBytes(StandardCharsets.UTF_8);
                hashKey = null;
                unhashedKey = partitionKey;
            } else {
                final HashedKey hashed = hasher.hash(partitionKey);
                key = hashed.utf8();
                hashKey = explicitHashKey == null ? hashed.hashKey() : HashKey.parseExplicit(explicitHashKey);
                shard = stream.route(hashKey);
            }
        }
        if (sequenceNumberForOrdering != null) {
            checkSequenceNumberForOrdering(stream, sequenceNumberForOrdering);
        }
        checkRecordSize(stream.maxRecordSizeBytes(), "data", key, data);
        if (dryRun) {
            return null;
        }
        final long size = key.length + (long) data.length;
        final StreamEncryption encryption = stream.encryption();
        final long arrivalMs = clock.time();
        while (true) {
            if (!admit(shard, size, arrivalMs)) {
                shard.meters().onWriteThrottled();
                meters.onPutRecordThrottled();
                throw throttled(stream, shard);
            }
            try {
                final long position = shard.log().append(key, data, encryption.recordMarker(), arrivalMs);
                if (syncEachBatch) {
                    shard.log().sync();
                }
                shard.signalAppended();
                final PutRecordResult result = new PutRecordResult(shard.shardId(), shard.sequenceNumber(position),
                    encryption.encryptionType());
                shard.meters().onIncoming(size);
                stream.usage().onPut(UsageMeter.payloadUnits(size));
                meters.onPutRecord(startTime, size);
                return result;
            } catch (final LogSealedException splitOrMerged) {
                shard = reroute(stream, routingKey(hashKey, unhashedKey), shard);
            } catch (final LogClosedException deletedMeanwhile) {
                throw registry.notFound(stream.streamName());
            }
        }
    }

    /**
     * Whether a request's stream takes records without a partition key ({@code AUTO}), asked only to word a
     * refusal: the model no longer requires the key, but the service refuses a put without one to a stream
     * that routes by key, and this broker reports that with the request's other violations, as before the
     * strategy existed (inferred: no sample of the service's answer was found).
     */
    private boolean takesRecordsWithoutKeys(final StreamRequest reference) {
        try {
            return registry.find(reference).recordDistributionStrategy() == RecordDistributionStrategy.AUTO;
        } catch (final KinesisException notFound) {
            // A stream that cannot be found routes nothing; the request's refusal names the stream too.
            return false;
        }
    }

    /**
     * The hash key a record is rerouted by once the shard it went to is sealed: the one it was routed by, or
     * for a record put to a stream's only shard without hashing, its partition key's MD5, which now decides
     * between the children; null for a record of an AUTO stream (routed by no hash key, and given no
     * partition key here).
     */
    private HashKey routingKey(final HashKey routedBy, final String partitionKey) {
        return routedBy != null || partitionKey == null ? routedBy : hasher.hash(partitionKey).hashKey();
    }

    /**
     * The shard that owns a key now that the shard it was routed to is closed. The resharder seals a
     * parent a moment before it publishes the children, so for that moment the stream still routes to the
     * parent: wait it out. The hash key is null for a record of an AUTO stream.
     */
    private static StoredShard reroute(final Stream stream, final HashKey hashKey, final StoredShard closed) {
        // A record of an AUTO stream (no hash key) goes to the child that took over the closed shard's first key.
        final HashKey routed = hashKey != null ? hashKey : closed.hashKeyRange().startingHashKey();
        StoredShard shard = stream.route(routed);
        while (shard == closed) {
            Thread.onSpinWait();
            shard = stream.route(routed);
        }
        return shard;
    }

    /**
     * Puts up to 500 records; each one succeeds or fails alone.
     *
     * @param request the records and their stream.
     * @return one entry per record, in request order.
     */
    public PutRecordsResult putRecords(final PutRecordsRequest request) {
        return putRecords(request, false);
    }

    /**
     * Checks a {@code PutRecords} as a dry run ({@code DryRun} set) does: the request's members, that the
     * stream exists and takes records, and the records' sizes, without writing anything.
     *
     * @param request the records and their stream.
     * @throws DryRunOperationException if every check passed; otherwise the error the put would have raised.
     */
    public void dryRunPutRecords(final PutRecordsRequest request) {
        putRecords(request, true);
        throw DryRunOperationException.passed();
    }

    private PutRecordsResult putRecords(final PutRecordsRequest request, final boolean dryRun) {
        final List<PutRecordsRequestEntry> entries = request.records();
        validate(request);
        final Stream stream = writableStream(request.stream());
        final StreamMeters meters = stream.meters();
        final long startTime = meters.startTime();
        final int count = entries.size();
        final byte[][] keys = new byte[count][];
        final HashKey[] hashKeys = new HashKey[count];
        final StoredShard[] shards = new StoredShard[count];
        final int maxRecordBytes = stream.maxRecordSizeBytes();
        final boolean auto = stream.recordDistributionStrategy() == RecordDistributionStrategy.AUTO;
        final StoredShard sole = auto ? null : stream.soleOpenShard();
        long totalBytes = 0;
        int oversized = -1;
        for (int i = 0; i < count; i++) {
            final PutRecordsRequestEntry entry = entries.get(i);
            if (auto) {
                keys[i] = entry.partitionKey() == null ? NO_KEY : entry.partitionKey().getBytes(StandardCharsets.UTF_8);
                shards[i] = stream.routeRoundRobin();
            } else {
                if (entry.partitionKey() == null) {
                    refuseMissingKeys(entries);
                }
                if (sole != null && entry.explicitHashKey() == null) {
                    keys[i] = entry.partitionKey().getBytes(StandardCharsets.UTF_8);
                    shards[i] = sole;
                } else {
                    final HashedKey hashed = hasher.hash(entry.partitionKey());
                    keys[i] = hashed.utf8();
                    hashKeys[i] = entry.explicitHashKey() == null
                        ? hashed.hashKey() : HashKey.parseExplicit(entry.explicitHashKey());
                    shards[i] = stream.route(hashKeys[i]);
                }
            }
            final long size = keys[i].length + (long) entry.data().length;
            if (size > maxRecordBytes && oversized < 0) {
                oversized = i;
            }
            totalBytes += size;
        }
        if (oversized >= 0) {
            checkDataSizes(entries, maxRecordBytes);
            checkRecordSize(maxRecordBytes, null, keys[oversized], entries.get(oversized).data());
        }
        if (totalBytes > MAX_PUT_RECORDS_BYTES) {
            throw new InvalidArgumentException("Records size exceeds 10 MB limit");
        }
        if (dryRun) {
            return null;
        }
        final StreamEncryption encryption = stream.encryption();
        final byte marker = encryption.recordMarker();
        // The records of one call arrive together: one clock read stamps them all and charges their shards.
        final long arrivalMs = clock.time();
        final PutRecordsResultEntry[] results = new PutRecordsResultEntry[count];
        try {
            final List<ShardBatch> batches = admitByShard(stream, entries, keys, shards, arrivalMs, results);
            final long[] positions = new long[count];
            for (final ShardBatch batch : batches) {
                write(stream, batch, shards, hashKeys, auto ? null : entries, marker, arrivalMs, positions, results);
            }
            if (syncEachBatch) {
                syncDistinct(shards);
            }
        } catch (final LogClosedException deletedMeanwhile) {
            throw registry.notFound(stream.streamName());
        }
        int failed = 0;
        int internalFailures = 0;
        long successfulBytes = 0;
        long payloadUnits = 0;
        for (int i = 0; i < count; i++) {
            if (results[i].isSuccessful()) {
                final long size = keys[i].length + (long) entries.get(i).data().length;
                successfulBytes += size;
                payloadUnits += UsageMeter.payloadUnits(size);
            } else {
                failed++;
                internalFailures += INTERNAL_FAILURE.equals(results[i].errorCode()) ? 1 : 0;
            }
        }
        final PutRecordsResult result = new PutRecordsResult(failed, Arrays.asList(results),
            encryption.encryptionType());
        stream.usage().onPut(payloadUnits);
        meters.onPutRecords(startTime, count - failed, failed - internalFailures, internalFailures, successfulBytes);
        return result;
    }

    /**
     * Charges each record to its shard's write limits, in request order, and gathers those admitted by shard, in
     * the order the shards first appear; a record refused is answered here as throttled.
     */
    private List<ShardBatch> admitByShard(final Stream stream, final List<PutRecordsRequestEntry> entries,
        final byte[][] keys, final StoredShard[] shards, final long arrivalMs, final PutRecordsResultEntry[] results) {
        final List<ShardBatch> batches = new ArrayList<>(1);
        ShardBatch last = null;
        for (int i = 0; i < shards.length; i++) {
            final StoredShard shard = shards[i];
            if (!admit(shard, keys[i].length + (long) entries.get(i).data().length, arrivalMs)) {
                shard.meters().onWriteThrottled();
                final KinesisException throttled = throttled(stream, shard);
                results[i] = PutRecordsResultEntry.failure(throttled.errorCode().wireName(), throttled.getMessage());
                continue;
            }
            if (last == null || last.shard() != shard) {
                last = batchFor(batches, shard, entries, keys);
            }
            last.add(i);
        }
        return batches;
    }

    private static ShardBatch batchFor(final List<ShardBatch> batches, final StoredShard shard,
        final List<PutRecordsRequestEntry> entries, final byte[][] keys) {
        for (final ShardBatch batch : batches) {
            if (batch.shard() == shard) {
                return batch;
            }
        }
        // One shard takes the whole call as often as not; several share it evenly, about.
        final ShardBatch batch = new ShardBatch(shard, entries, keys,
            batches.isEmpty() ? entries.size() : entries.size() / (batches.size() + 1));
        batches.add(batch);
        return batch;
    }

    /**
     * Appends the records admitted to one shard in one call to its log and answers each. If a split or merge
     * sealed the shard since the records were routed, each goes again, one by one, to the shard that now owns
     * its key; a write that fails answers the records it did not write as an internal failure.
     *
     * @param partitionKeys the call's records, to reroute by their partition keys, or null for an AUTO stream.
     */
    private void write(final Stream stream, final ShardBatch batch, final StoredShard[] shards,
        final HashKey[] hashKeys, final List<PutRecordsRequestEntry> partitionKeys, final byte marker,
        final long arrivalMs, final long[] positions, final PutRecordsResultEntry[] results) {
        final StoredShard shard = batch.shard();
        final int written;
        try {
            written = shard.log().appendAll(batch, marker, arrivalMs, positions);
        } catch (final LogSealedException splitOrMerged) {
            for (int k = 0; k < batch.size(); k++) {
                final int i = batch.record(k);
                final String partitionKey = partitionKeys == null ? null : partitionKeys.get(i).partitionKey();
                shards[i] = reroute(stream, routingKey(hashKeys[i], partitionKey), shard);
                results[i] = putOne(stream, shards, i, hashKeys[i], partitionKey, batch.key(k), batch.data(k),
                    marker, arrivalMs);
            }
            return;
        } catch (final KinesisException ex) {
            for (int k = 0; k < batch.size(); k++) {
                results[batch.record(k)] = PutRecordsResultEntry.failure(INTERNAL_FAILURE, "Internal service failure.");
            }
            return;
        }
        if (written > 0) {
            shard.signalAppended();
        }
        for (int k = 0; k < batch.size(); k++) {
            if (k < written) {
                shard.meters().onIncoming(batch.key(k).length + (long) batch.data(k).length);
                results[batch.record(k)] = PutRecordsResultEntry.success(shard.shardId(),
                    shard.sequenceNumber(positions[k]));
            } else {
                results[batch.record(k)] = PutRecordsResultEntry.failure(INTERNAL_FAILURE, "Internal service failure.");
            }
        }
    }

    /**
     * Puts one entry of a batch; a reroute is written back to {@code shards}, for the batch's sync. The hash key
     * is null for a record of an AUTO stream (whose partition key is passed as null) and for one routed to a
     * stream's only shard unhashed. The arrival time is the batch's.
     */
    private PutRecordsResultEntry putOne(final Stream stream, final StoredShard[] shards, final int index,
        final HashKey hashKey, final String partitionKey, final byte[] key, final byte[] data,
        final byte encryption, final long arrivalMs) {
        StoredShard shard = shards[index];
        while (true) {
            final long size = key.length + (long) data.length;
            if (!admit(shard, size, arrivalMs)) {
                shard.meters().onWriteThrottled();
                final KinesisException throttled = throttled(stream, shard);
                return PutRecordsResultEntry.failure(throttled.errorCode().wireName(), throttled.getMessage());
            }
            try {
                final long position = shard.log().append(key, data, encryption, arrivalMs);
                shard.signalAppended();
                final SequenceNumber sequenceNumber = shard.sequenceNumber(position);
                shard.meters().onIncoming(size);
                return PutRecordsResultEntry.success(shard.shardId(), sequenceNumber);
            } catch (final LogSealedException splitOrMerged) {
                shard = reroute(stream, routingKey(hashKey, partitionKey), shard);
                shards[index] = shard;
            } catch (final KinesisException ex) {
                return PutRecordsResultEntry.failure(INTERNAL_FAILURE, "Internal service failure.");
            }
        }
    }

    private void validate(final PutRecordsRequest request) {
        if (isPlainlyValid(request.records())) {
            StreamRegistry.check(new ValidationErrors(), request.stream()).throwIfAny();
            return;
        }
        final List<PutRecordsRequestEntry> entries = request.records();
        final boolean keysRequired = entries == null || !hasMissingKey(entries)
            || !takesRecordsWithoutKeys(request.stream());
        final ValidationErrors errors = new ValidationErrors();
        if (entries == null) {
            errors.notNull("records", false);
        } else {
            if (entries.isEmpty()) {
                errors.add("records", "[]", "Member must have length greater than or equal to 1");
            } else if (entries.size() > MAX_PUT_RECORDS_ENTRIES) {
                errors.add("records", describeList(entries), "Member must have length less than or equal to 500");
            }
            for (int i = 0; i < entries.size(); i++) {
                final PutRecordsRequestEntry entry = entries.get(i);
                final String prefix = "records." + (i + 1) + ".member.";
                if (entry == null) {
                    errors.notNull("records." + (i + 1) + ".member", false);
                    continue;
                }
                errors.string(prefix + "partitionKey", entry.partitionKey(), keysRequired, null, null, 1, 256)
                    .string(prefix + "explicitHashKey", entry.explicitHashKey(), false, RequestPatterns.HASH_KEY,
                        RequestPatterns.HASH_KEY_TEXT, 0, Integer.MAX_VALUE)
                    .blob(prefix + "data", entry.data() == null ? -1 : entry.data().length, true,
                        BrokerConfig.MAX_DATA_BYTES);
            }
        }
        StreamRegistry.check(errors, request.stream()).throwIfAny();
    }

    /**
     * Whether every entry passes the model's checks, tested without building any message. An entry without a
     * partition key is not plainly valid: the model leaves the key optional (an AUTO stream takes records
     * without one), but only the full check, which looks the stream up, can tell, and it reports a missing key
     * with the request's other violations, before any error about the stream, as for a stream that routes by
     * key.
     */
    private static boolean isPlainlyValid(final List<PutRecordsRequestEntry> entries) {
        if (entries == null || entries.isEmpty() || entries.size() > MAX_PUT_RECORDS_ENTRIES) {
            return false;
        }
        for (final PutRecordsRequestEntry entry : entries) {
            if (entry == null || entry.data() == null || entry.data().length > BrokerConfig.MAX_DATA_BYTES
                || entry.partitionKey() == null || entry.partitionKey().isEmpty()
                || entry.partitionKey().length() > 256
                || entry.explicitHashKey() != null && !RequestPatterns.HASH_KEY.matcher(
                    entry.explicitHashKey()).matches()) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasMissingKey(final List<PutRecordsRequestEntry> entries) {
        for (final PutRecordsRequestEntry entry : entries) {
            if (entry != null && entry.partitionKey() == null) {
                return true;
            }
        }
        return false;
    }

    /** Refuses a batch with records without a partition key to a stream that routes by key, naming each. */
    private static void refuseMissingKeys(final List<PutRecordsRequestEntry> entries) {
        final ValidationErrors errors = new ValidationErrors();
        for (int i = 0; i < entries.size(); i++) {
            errors.notNull("records." + (i + 1) + ".member.partitionKey", entries.get(i).partitionKey() != null);
        }
        errors.throwIfAny();
    }

    /**
     * Writes a list of entries as Kinesis's Java front end prints it: each entry by its class and hash code, which
     * it computes from the entry's value, so equal entries print alike.
     */
    private static String describeList(final List<PutRecordsRequestEntry> entries) {
        final StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < entries.size(); i++) {
            final PutRecordsRequestEntry entry = entries.get(i);
            final int hash = (Arrays.hashCode(entry.data()) * 31 + Objects.hashCode(entry.partitionKey())) * 31
                + Objects.hashCode(entry.explicitHashKey());
            text.append(i == 0 ? "" : ", ").append("com.amazonaws.kinesis.v20131202.PutRecordsRequestEntry@")
                .append(Integer.toHexString(hash));
        }
        return text.append(']').toString();
    }

    private Stream writableStream(final StreamRequest reference) {
        final Stream stream = registry.find(reference);
        if (stream.awaitsReadiness() && !stream.isReady(clock.time())) {
            throw registry.notFound(stream.streamName());
        }
        return stream;
    }

    private static boolean admit(final StoredShard shard, final long bytes, final long nowMs) {
        return shard.writeLimiter().isUnlimited() || shard.writeLimiter().tryAcquire(1, bytes, nowMs);
    }

    /**
     * Refuses a record over its stream's maximum record size.
     *
     * @param max    the stream's maximum record size in bytes, read once per request.
     * @param member the data's member name for the validation message, or null if the caller already
     *               checked data sizes.
     * @param key    the partition key's UTF-8 bytes, empty for a record without one.
     */
    private static void checkRecordSize(final int max, final String member, final byte[] key, final byte[] data) {
        if (member != null && data.length > max) {
            new ValidationErrors().tooLong(member, max).throwIfAny();
        }
        final long size = key.length + (long) data.length;
        if (size > max) {
            throw new InvalidArgumentException("Record size (" + size + " bytes of data and partition key) exceeds"
                + " the maximum record size of " + max + " bytes.");
        }
    }

    /** Refuses a batch with data over the stream's maximum record size, naming every such record. */
    private static void checkDataSizes(final List<PutRecordsRequestEntry> entries, final int maxRecordBytes) {
        final ValidationErrors errors = new ValidationErrors();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).data().length > maxRecordBytes) {
                errors.tooLong("records." + (i + 1) + ".member.data", maxRecordBytes);
            }
        }
        errors.throwIfAny();
    }

    private void checkSequenceNumberForOrdering(final Stream stream, final String value) {
        final SequenceNumber parsed = SequenceNumber.tryParse(value);
        if (parsed == null || parsed.streamTag() != stream.streamTag() || stream.shard(parsed.shardIndex()) == null) {
            throw new InvalidArgumentException("ExclusiveMinimumSequenceNumber " + value + " used in PutRecord on "
                + "stream "
                + stream.streamName() + " under account " + accountId + " is invalid.");
        }
    }

    private ProvisionedThroughputExceededException throttled(final Stream stream, final StoredShard shard) {
        return new ProvisionedThroughputExceededException("Rate exceeded for shard " + shard.shardId() + " in stream "
            + stream.streamName() + " under account " + accountId + ".");
    }

    private static void syncDistinct(final StoredShard[] shards) {
        final Map<StoredShard, Boolean> synced = new IdentityHashMap<>();
        for (final StoredShard shard : shards) {
            if (synced.put(shard, Boolean.TRUE) == null) {
                shard.log().sync();
            }
        }
    }
}
