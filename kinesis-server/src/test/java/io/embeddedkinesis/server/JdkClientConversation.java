package io.embeddedkinesis.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conversation of {@link KinesisConversation}, in AWS JSON 1.1 through {@link HttpClient}, checking that
 * every answer came back in the HTTP version the test expects.
 */
final class JdkClientConversation {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final URI endpoint;
    private final HttpClient.Version expectedVersion;

    JdkClientConversation(final HttpClient client, final URI endpoint, final HttpClient.Version expectedVersion) {
        this.client = client;
        this.endpoint = endpoint;
        this.expectedVersion = expectedVersion;
    }

    void run(final String stream) throws IOException, InterruptedException {
        assertThat(call("CreateStream", KinesisJsonRequests.createStream(stream)).statusCode()).isEqualTo(200);
        final JsonNode put = json(call("PutRecord", KinesisJsonRequests.putRecord(stream, "hello")));
        final String iterator = json(call("GetShardIterator", KinesisJsonRequests.trimHorizonIterator(stream)))
            .get("ShardIterator").asText();
        final JsonNode records = json(call("GetRecords", "{\"ShardIterator\":\"" + iterator + "\"}")).get("Records");

        assertThat(records).hasSize(1);
        assertThat(Base64.getDecoder().decode(records.get(0).get("Data").asText())).asString().isEqualTo("hello");
        assertThat(records.get(0).get("SequenceNumber").asText()).isEqualTo(put.get("SequenceNumber").asText());

        final HttpResponse<String> missing = call("DescribeStream", KinesisJsonRequests.describeStream("missing"));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.headers().firstValue("x-amzn-ErrorType")).hasValue("ResourceNotFoundException");
        assertThat(JSON.readTree(missing.body()).get("__type").asText()).isEqualTo("ResourceNotFoundException");
        assertThat(JSON.readTree(missing.body()).get("message").asText())
            .isEqualTo("Stream missing under account 000000000000 not found.");
    }

    HttpResponse<String> call(final String operation, final String json) throws IOException, InterruptedException {
        return send(KinesisJsonRequests.request(endpoint, operation, json));
    }

    HttpResponse<String> send(final HttpRequest request) throws IOException, InterruptedException {
        final HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.version()).as("HTTP version of %s", request.headers().firstValue("X-Amz-Target"))
            .isEqualTo(expectedVersion);
        assertThat(response.headers().map()).as("Netty's internal headers stay inside")
            .doesNotContainKeys("x-http2-stream-id", "x-http2-scheme");
        return response;
    }

    private static JsonNode json(final HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
