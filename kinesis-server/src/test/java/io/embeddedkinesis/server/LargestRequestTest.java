package io.embeddedkinesis.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.embeddedkinesis.core.junit.EmbeddedKinesis;
import io.embeddedkinesis.core.junit.KinesisStream;
import io.embeddedkinesis.server.http.KinesisChannelInitializer;
import io.embeddedkinesis.server.junit.KinesisEndpoint;
import io.embeddedkinesis.server.protocol.WireFormat;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The largest request the Kinesis model allows fits under the endpoint's body limit and is served: a
 * PutRecords of 500 records with 10 MiB of data and partition keys in all, every key 256 control
 * characters (one UTF-8 byte each towards the 10 MiB, six bytes each in JSON), every explicit hash key 39
 * digits.
 */
@EmbeddedKinesis(throttling = false, streams = @KinesisStream(name = LargestRequestTest.STREAM))
@KinesisEndpoint
class LargestRequestTest {
    private static final String S32 = "ssssssssssssssssssssssssssssssss";
    /** The longest stream name, 128 characters; a constant, as an annotation needs. */
    static final String STREAM = S32 + S32 + S32 + S32;
    private static final int RECORDS = 500;
    private static final int KEY_CHARACTERS = 256;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private KinesisServer server;

    @Test
    void shouldServeTheLargestLegalPutRecordsInJson() throws Exception {
        final byte[] body = WireFormat.JSON.mapper().writeValueAsBytes(largestPutRecords());

        final HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/"))
            .header("X-Amz-Target", "Kinesis_20131202.PutRecords")
            .header("Content-Type", "application/x-amz-json-1.1")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(body.length).isLessThanOrEqualTo(KinesisChannelInitializer.MAX_REQUEST_BYTES)
            .as("the limit leaves no more than 64 KiB unused").isGreaterThan(
                KinesisChannelInitializer.MAX_REQUEST_BYTES - 64 * 1024);
        assertThat(response.statusCode()).isEqualTo(200);
        final JsonNode result = WireFormat.JSON.mapper().readTree(response.body());
        assertThat(result.get("FailedRecordCount").asInt()).isZero();
        assertThat(result.get("Records")).hasSize(RECORDS);
    }

    private static Map<String, Object> largestPutRecords() {
        final String key = "\u0001".repeat(KEY_CHARACTERS);
        final int dataBytes = 10 * 1024 * 1024 - RECORDS * KEY_CHARACTERS;
        final List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            final int length = dataBytes / RECORDS + (i < dataBytes % RECORDS ? 1 : 0);
            final Map<String, Object> record = new LinkedHashMap<>();
            record.put("Data", Base64.getEncoder().encodeToString(new byte[length]));
            record.put("PartitionKey", key);
            record.put("ExplicitHashKey", "340282366920938463463374607431768211455");
            records.add(record);
        }
        final Map<String, Object> request = new LinkedHashMap<>();
        request.put("Records", records);
        request.put("StreamName", STREAM);
        request.put("StreamARN", "arn:aws:kinesis:us-east-1:000000000000:stream/" + STREAM);
        return request;
    }
}
