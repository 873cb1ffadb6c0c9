package io.embeddedkinesis.benchmarks.baseline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.embeddedkinesis.benchmarks.PartitionKeys;
import io.embeddedkinesis.benchmarks.Payloads;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * The fixed bodies of {@link CannedKinesisEndpoint}, in one encoding: successful {@code PutRecord},
 * {@code PutRecords} and {@code GetRecords} responses as the service words them, and an
 * {@code UnknownOperationException} for any other call, encoded once.
 *
 * <p>They are written with Jackson directly rather than with kinesis-server's writer, so that the baseline
 * owes nothing to the code it is compared with. The encodings differ as the service's do: blobs are base64
 * text in JSON and byte strings in CBOR; timestamps are epoch seconds with a fraction in JSON and CBOR tag 1
 * with epoch milliseconds in CBOR.
 */
final class CannedResponses {
    /** The header naming the encoding, of requests and responses. */
    static final String CONTENT_TYPE = "Content-Type";
    /** AWS JSON 1.1. */
    static final String JSON_TYPE = "application/x-amz-json-1.1";
    /** CBOR, the AWS SDK for Java's default for Kinesis. */
    static final String CBOR_TYPE = "application/x-amz-cbor-1.1";
    /** The request header naming the operation, {@code Kinesis_20131202.<operation>}. */
    static final String TARGET = "X-Amz-Target";
    /** The response header carrying the request id. */
    static final String REQUEST_ID = "x-amzn-RequestId";
    /** The request id every response carries. */
    static final String REQUEST_ID_VALUE = "00000000-0000-0000-0000-000000000000";
    /** The response header naming an error. */
    static final String ERROR_TYPE = "x-amzn-ErrorType";
    /** The error answering any operation other than the three. */
    static final String UNKNOWN_OPERATION = "UnknownOperationException";

    private static final String TARGET_PREFIX = "Kinesis_20131202.";
    private static final String SHARD_ID = "shardId-000000000000";
    private static final String SEQUENCE_NUMBER_PREFIX = "4968056306301846130049616055859317999834594268985";
    private static final long ARRIVAL_MS = 1_764_000_000_000L;
    private static final int CBOR_EPOCH_TAG = 1;
    private static final long KEY_SEED = 29;
    private static final long DATA_SEED = 31;

    private final boolean cbor;
    private final byte[] putRecord;
    private final byte[] putRecords;
    private final byte[] getRecords;
    private final byte[] unknownOperation;

    /**
     * Encodes the bodies.
     *
     * @param cbor             true for {@code application/x-amz-cbor-1.1}, false for AWS JSON 1.1.
     * @param putRecordsCount  how many entries the {@code PutRecords} response has.
     * @param getRecordsCount  how many records the {@code GetRecords} response has.
     * @param dataSizeBytes    the data length of each of those records.
     */
    CannedResponses(final boolean cbor, final int putRecordsCount, final int getRecordsCount,
        final int dataSizeBytes) {
        this.cbor = cbor;
        this.putRecord = encode(generator -> writeResultEntry(generator, 0));
        this.putRecords = encode(generator -> {
            generator.writeNumberField("FailedRecordCount", 0);
            generator.writeArrayFieldStart("Records");
            for (int i = 0; i < putRecordsCount; i++) {
                generator.writeStartObject();
                writeResultEntry(generator, i);
                generator.writeEndObject();
            }
            generator.writeEndArray();
        });
        this.getRecords = encode(generator -> writeRecords(generator, getRecordsCount, dataSizeBytes));
        this.unknownOperation = encode(generator -> generator.writeStringField("__type", UNKNOWN_OPERATION));
    }

    /**
     * The successful response to a call.
     *
     * @param target the request's {@value #TARGET} header.
     * @return the body, or null if the call is not one of {@code PutRecord}, {@code PutRecords} and
     *         {@code GetRecords}.
     */
    byte[] forTarget(final String target) {
        final String operation = target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : "";
        return switch (operation) {
            case "PutRecord" -> putRecord;
            case "PutRecords" -> putRecords;
            case "GetRecords" -> getRecords;
            default -> null;
        };
    }

    /**
     * The content type of these bodies.
     *
     * @return {@value #CBOR_TYPE} or {@value #JSON_TYPE}.
     */
    String contentType() {
        return cbor ? CBOR_TYPE : JSON_TYPE;
    }

    byte[] unknownOperation() {
        return unknownOperation;
    }

    private void writeRecords(final JsonGenerator generator, final int count, final int dataSizeBytes)
        throws IOException {
        final PartitionKeys keys = new PartitionKeys(KEY_SEED);
        final byte[] data = Payloads.random(dataSizeBytes, DATA_SEED);
        generator.writeArrayFieldStart("Records");
        for (int i = 0; i < count; i++) {
            generator.writeStartObject();
            generator.writeStringField("SequenceNumber", sequenceNumber(i));
            generator.writeFieldName("ApproximateArrivalTimestamp");
            if (generator instanceof CBORGenerator cborGenerator) {
                cborGenerator.writeTag(CBOR_EPOCH_TAG);
                cborGenerator.writeNumber(ARRIVAL_MS);
            } else {
                generator.writeNumber(BigDecimal.valueOf(ARRIVAL_MS, 3));
            }
            generator.writeFieldName("Data");
            generator.writeBinary(data);
            generator.writeStringField("PartitionKey", keys.nextKey());
            generator.writeEndObject();
        }
        generator.writeEndArray();
        generator.writeStringField("NextShardIterator", CannedKinesisEndpoint.SHARD_ITERATOR);
        generator.writeNumberField("MillisBehindLatest", 0);
    }

    private static void writeResultEntry(final JsonGenerator generator, final int index) throws IOException {
        generator.writeStringField("SequenceNumber", sequenceNumber(index));
        generator.writeStringField("ShardId", SHARD_ID);
    }

    /** 56 digits, as the service's sequence numbers have, and a different one per entry. */
    private static String sequenceNumber(final int index) {
        return SEQUENCE_NUMBER_PREFIX + String.format("%07d", index);
    }

    private byte[] encode(final Body body) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator generator = (cbor ? new CBORFactory() : new JsonFactory()).createGenerator(bytes)) {
            generator.writeStartObject();
            body.write(generator);
            generator.writeEndObject();
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator generator) throws IOException;
    }
}
