package io.embeddedkinesis.benchmarks.server;

import io.embeddedkinesis.benchmarks.PartitionKeys;
import io.embeddedkinesis.benchmarks.Payloads;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code PutRecords} requests every endpoint measurement sends: {@value #BATCH_COUNT} requests of
 * {@value #BATCH_SIZE} records to {@value EndpointFixture#STREAM_NAME}, built once, before anything is timed,
 * as an application builds its requests before calling; the client's marshalling of them is what is measured.
 * The keys and the data come from fixed seeds, so every target gets the same requests. Not thread-safe: one
 * caller.
 */
final class PutRecordsBatches {
    /** Records per call: the most one {@code PutRecords} request may carry. */
    static final int BATCH_SIZE = 500;

    private static final int BATCH_COUNT = 16;
    private static final long KEY_SEED = 37;
    private static final long DATA_SEED = 41;

    private final List<PutRecordsRequest> batches = new ArrayList<>(BATCH_COUNT);
    private int nextBatch;

    /**
     * Builds the requests.
     *
     * @param dataSizeBytes each record's data length.
     */
    PutRecordsBatches(final int dataSizeBytes) {
        final PartitionKeys keys = new PartitionKeys(KEY_SEED);
        final SdkBytes data = SdkBytes.fromByteArray(Payloads.random(dataSizeBytes, DATA_SEED));
        for (int b = 0; b < BATCH_COUNT; b++) {
            final List<PutRecordsRequestEntry> entries = new ArrayList<>(BATCH_SIZE);
            for (int i = 0; i < BATCH_SIZE; i++) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey(keys.nextKey()).data(data).build());
            }
            batches.add(PutRecordsRequest.builder().streamName(EndpointFixture.STREAM_NAME).records(entries).build());
        }
    }

    /**
     * Sends the next request, the requests taken in turn.
     *
     * @param client the client of the endpoint.
     * @return the response.
     * @throws IllegalStateException if any record failed, which would make the call cheaper than a real one.
     */
    PutRecordsResponse putNext(final KinesisClient client) {
        final PutRecordsResponse response = client.putRecords(batches.get(nextBatch));
        nextBatch = (nextBatch + 1) % BATCH_COUNT;
        if (response.failedRecordCount() != 0 || response.records().size() != BATCH_SIZE) {
            throw new IllegalStateException("records failed: failedRecordCount=" + response.failedRecordCount()
                + ", records=" + response.records().size());
        }
        return response;
    }
}
