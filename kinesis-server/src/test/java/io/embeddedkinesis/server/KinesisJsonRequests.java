package io.embeddedkinesis.server;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Kinesis requests in AWS JSON 1.1 for {@link java.net.http.HttpClient}, which speaks HTTP/2 by h2c upgrade
 * over http and by ALPN over https.
 */
final class KinesisJsonRequests {
    private KinesisJsonRequests() {
    }

    static HttpRequest request(final URI endpoint, final String operation, final String json) {
        return request(endpoint, operation, json.getBytes(StandardCharsets.UTF_8));
    }

    static HttpRequest request(final URI endpoint, final String operation, final byte[] body) {
        return HttpRequest.newBuilder(endpoint)
            .header("X-Amz-Target", "Kinesis_20131202." + operation)
            .header("Content-Type", "application/x-amz-json-1.1")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    }

    static String createStream(final String stream) {
        return "{\"StreamName\":\"" + stream + "\",\"ShardCount\":1}";
    }

    static String putRecord(final String stream, final String data) {
        return "{\"StreamName\":\"" + stream + "\",\"PartitionKey\":\"k\",\"Data\":\""
            + Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8)) + "\"}";
    }

    static String trimHorizonIterator(final String stream) {
        return "{\"StreamName\":\"" + stream + "\",\"ShardId\":\"shardId-000000000000\","
            + "\"ShardIteratorType\":\"TRIM_HORIZON\"}";
    }

    static String describeStream(final String stream) {
        return "{\"StreamName\":\"" + stream + "\"}";
    }
}
