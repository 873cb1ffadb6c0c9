package io.embeddedkinesis.core.kpl;

import io.embeddedkinesis.core.model.PutRecordRequest;
import io.embeddedkinesis.core.model.PutRecordsRequestEntry;
import io.embeddedkinesis.core.model.StreamRequest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One Kinesis record made by the {@link RecordAggregator}: either an aggregate of several user records, or
 * a single user record as it was, which the KPL sends unaggregated because packing one record only adds
 * bytes.
 *
 * <p>Put it with {@link #toPutRecordRequest(String)} or {@link #toPutRecordsRequestEntry()}: the explicit
 * hash key must go with it, since it is what routes an aggregate to the shard of its first user record.
 * The user record at index {@code i} of {@link #userRecords()} is the one a deaggregating reader sees with
 * subsequence number {@code i}.
 *
 * <p>Immutable, except that {@link #data()} is not copied.
 *
 * @param partitionKey    {@code "a"} for an aggregate, as the KPL writes it (the explicit hash key routes
 *                        it); the user record's own key for a single record.
 * @param explicitHashKey the hash key of the first user record, in decimal.
 * @param data            the aggregate in the KPL format, or the single user record's data.
 * @param userRecords     the user records inside, in order; one for a single record.
 */
public record AggregatedRecord(String partitionKey, String explicitHashKey, byte[] data, List<UserRecord> userRecords) {
    /**
     * Checks that every part is there and copies the list.
     *
     * @param partitionKey    see the class description.
     * @param explicitHashKey see the class description.
     * @param data            see the class description.
     * @param userRecords     see the class description.
     */
    public AggregatedRecord {
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(explicitHashKey, "explicitHashKey");
        Objects.requireNonNull(data, "data");
        userRecords = List.copyOf(userRecords);
        if (userRecords.isEmpty()) {
            throw new IllegalArgumentException("an aggregated record holds at least one user record: userRecords=[]");
        }
    }

    /**
     * Whether the data is in the KPL aggregation format, that is whether it holds more than one user record.
     *
     * @return false for a single user record sent as it was.
     */
    public boolean isAggregated() {
        return userRecords.size() > 1;
    }

    /**
     * The size Kinesis counts against its record and request limits: data and partition key.
     *
     * @return the data's length plus the partition key's UTF-8 length.
     */
    public int sizeBytes() {
        return data.length + partitionKey.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * This record as a {@code PutRecords} entry.
     *
     * @return the entry, with the explicit hash key.
     */
    public PutRecordsRequestEntry toPutRecordsRequestEntry() {
        return new PutRecordsRequestEntry(data, partitionKey, explicitHashKey);
    }

    /**
     * This record as a {@code PutRecord} request.
     *
     * @param streamNameOrArn the stream's name or ARN.
     * @return the request, with the explicit hash key.
     */
    public PutRecordRequest toPutRecordRequest(final String streamNameOrArn) {
        return new PutRecordRequest(StreamRequest.of(streamNameOrArn), partitionKey, data, explicitHashKey, null);
    }

    @Override
    public String toString() {
        return "AggregatedRecord{partitionKey=" + partitionKey + ", explicitHashKey=" + explicitHashKey
            + ", dataLength=" + data.length + ", userRecords=" + userRecords.size() + "}";
    }
}
