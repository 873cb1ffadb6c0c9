package io.embeddedkinesis.core.kpl;

import io.embeddedkinesis.core.kpl.protobuf.KplMessages;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.routing.HashKey;
import io.embeddedkinesis.core.routing.HashKeyRange;
import io.embeddedkinesis.core.routing.PartitionKeyHasher;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns records read from a shard back into the user records a KPL producer put, as the KCL does before it
 * hands records to a record processor ({@code AggregatorUtil.deaggregate}).
 *
 * <p>For each record:
 * <ul>
 *   <li>A record that is not an aggregate (too short, no magic number, an MD5 that does not match, or a
 *       body that is not a valid {@code AggregatedRecord}) comes out as it was, as one user record.</li>
 *   <li>An aggregate comes out as its user records, in order, numbered from 0 by
 *       {@link DeaggregatedRecord#subSequenceNumber()}, each with its own partition key, explicit hash key
 *       and data, and the aggregate's sequence number and arrival time.</li>
 *   <li>Given the hash key range of the shard the record was read from, an aggregate holding any user
 *       record whose hash key (its explicit hash key, else the MD5 of its partition key) lies outside that
 *       range is dropped whole, as the KCL drops it: a producer whose shard map was stale after a reshard
 *       sent it to the wrong shard, and the KPL puts such user records again.</li>
 * </ul>
 * An aggregate whose digest matches but whose body points outside its own key tables, or names an explicit
 * hash key that is not a number, comes out as it was, as one record: the KCL logs such a record and keeps
 * the user records it read before the fault, and losing none of the data seemed the better choice.
 *
 * <p>Stateless and thread-safe.
 */
public final class RecordDeaggregator {
    private static final BigInteger HASH_KEY_LIMIT = BigInteger.ONE.shiftLeft(128);

    private RecordDeaggregator() {
    }

    /**
     * Whether data is a KPL aggregate that this class would unpack.
     *
     * @param data a record's data.
     * @return true if it has the magic number, a matching MD5 and a valid body.
     */
    public static boolean isAggregated(final byte[] data) {
        return KplFormat.parse(data) != null;
    }

    /**
     * Unpacks one record, without regard to shards.
     *
     * @param record a record as {@code GetRecords} returned it.
     * @return its user records, or the record itself if it is not an aggregate.
     */
    public static List<DeaggregatedRecord> deaggregate(final Record record) {
        return deaggregate(record, HashKeyRange.ALL);
    }

    /**
     * Unpacks one record read from a shard.
     *
     * @param record            a record as {@code GetRecords} returned it.
     * @param shardHashKeyRange the hash key range of the shard it was read from.
     * @return its user records, none if it is an aggregate misrouted to this shard, or the record itself if
     *         it is not an aggregate.
     */
    public static List<DeaggregatedRecord> deaggregate(final Record record, final HashKeyRange shardHashKeyRange) {
        final List<DeaggregatedRecord> userRecords = new ArrayList<>();
        deaggregateInto(userRecords, record, shardHashKeyRange);
        return userRecords;
    }

    /**
     * Unpacks the records of one {@code GetRecords} page.
     *
     * @param records           the records, in shard order.
     * @param shardHashKeyRange the hash key range of the shard they were read from.
     * @return the user records, in order.
     */
    public static List<DeaggregatedRecord> deaggregate(final List<Record> records,
        final HashKeyRange shardHashKeyRange) {
        final List<DeaggregatedRecord> userRecords = new ArrayList<>(records.size());
        for (final Record record : records) {
            deaggregateInto(userRecords, record, shardHashKeyRange);
        }
        return userRecords;
    }

    private static void deaggregateInto(final List<DeaggregatedRecord> out, final Record record,
        final HashKeyRange shardHashKeyRange) {
        final KplMessages.AggregatedRecord aggregate = KplFormat.parse(record.data());
        if (aggregate == null) {
            out.add(DeaggregatedRecord.unaggregated(record));
            return;
        }
        final int before = out.size();
        for (int sub = 0; sub < aggregate.getRecordsCount(); sub++) {
            final KplMessages.Record entry = aggregate.getRecords(sub);
            final String partitionKey = tableEntry(aggregate.getPartitionKeyTableList(), entry.getPartitionKeyIndex());
            final String explicitHashKey = entry.hasExplicitHashKeyIndex()
                ? tableEntry(aggregate.getExplicitHashKeyTableList(), entry.getExplicitHashKeyIndex())
                : null;
            final BigInteger explicit = explicitHashKey == null ? null : parseNumber(explicitHashKey);
            if (partitionKey == null || (entry.hasExplicitHashKeyIndex() && explicit == null)) {
                out.subList(before, out.size()).clear();
                out.add(DeaggregatedRecord.unaggregated(record));
                return;
            }
            if (!holds(shardHashKeyRange, partitionKey, explicit)) {
                out.subList(before, out.size()).clear();
                return;
            }
            out.add(DeaggregatedRecord.fromAggregate(record, sub, partitionKey, explicitHashKey,
                entry.getData().toByteArray()));
        }
    }

    private static boolean holds(final HashKeyRange range, final String partitionKey, final BigInteger explicit) {
        if (explicit != null && (explicit.signum() < 0 || explicit.compareTo(HASH_KEY_LIMIT) >= 0)) {
            return false;
        }
        final HashKey hashKey = explicit == null
            ? PartitionKeyHasher.compute(partitionKey).hashKey()
            : HashKey.of(explicit);
        return range.contains(hashKey.high(), hashKey.low());
    }

    /** A key table's entry, or null if the index is outside the table. */
    private static String tableEntry(final List<String> table, final long index) {
        return index >= 0 && index < table.size() ? table.get((int) index) : null;
    }

    /** An explicit hash key as a number, or null if it is not one. */
    private static BigInteger parseNumber(final String text) {
        try {
            return new BigInteger(text);
        } catch (final NumberFormatException notANumber) {
            return null;
        }
    }
}
