package io.embeddedkinesis.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.server.protocol.WireFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests no SDK would send, answered as the service answers them: never a 500 or a dropped connection.
 */
class ProtocolErrorsTest {
    private static final String JSON = "application/x-amz-json-1.1";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private KinesisBroker broker;
    private KinesisServer server;

    @BeforeEach
    void start() {
        broker = KinesisBroker.open();
        broker.createStream("s", 1);
        server = KinesisServer.start(broker, ServerConfig.builder().build());
    }

    @AfterEach
    void stop() {
        server.close();
        broker.close();
    }

    private HttpResponse<byte[]> send(final String method, final String target, final String contentType,
        final byte[] body) throws IOException, InterruptedException {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.endpoint() + "/"))
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> post(final String operation, final String json) throws Exception {
        return send("POST", "Kinesis_20131202." + operation, JSON, json.getBytes());
    }

    private static JsonNode json(final HttpResponse<byte[]> response) throws IOException {
        return WireFormat.JSON.mapper().readTree(response.body());
    }

    @Test
    void shouldRefuseMethodsOtherThanPost() throws Exception {
        final HttpResponse<byte[]> response = send("GET", null, null, new byte[0]);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(new String(response.body())).contains("<AccessDeniedException>")
            .contains("Unable to determine service/operation name to be authorized");
    }

    @Test
    void shouldAnswerAnEmptyBodyWithASerializationOrUnknownOperationError() throws Exception {
        final HttpResponse<byte[]> known = send("POST", "Kinesis_20131202.ListStreams", JSON, new byte[0]);
        final HttpResponse<byte[]> unknown = send("POST", "Kinesis_20131202.Nope", JSON, new byte[0]);

        assertThat(known.statusCode()).isEqualTo(400);
        assertThat(json(known)).isEqualTo(WireFormat.JSON.mapper().readTree("{\"__type\":\"SerializationException\"}"));
        assertThat(json(unknown).get("__type").asText()).isEqualTo("UnknownOperationException");
    }

    @Test
    void shouldAnswerUnknownContentTypesAsTheServiceDoes() throws Exception {
        final HttpResponse<byte[]> withTarget = send("POST", "Kinesis_20131202.ListStreams", "text/plain",
            "{}".getBytes());
        final HttpResponse<byte[]> withoutTarget = send("POST", null, "text/plain", "{}".getBytes());
        final HttpResponse<byte[]> plainJson = send("POST", "Kinesis_20131202.ListStreams", "application/json",
            "{}".getBytes());

        assertThat(withTarget.statusCode()).isEqualTo(404);
        assertThat(new String(withTarget.body())).isEqualTo("<UnknownOperationException/>\n");
        assertThat(withoutTarget.statusCode()).isEqualTo(403);
        assertThat(plainJson.statusCode()).isEqualTo(404);
        assertThat(json(plainJson).at("/Output/__type").asText())
            .isEqualTo("com.amazon.coral.service#UnknownOperationException");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json",
        "[1, 2]",
        "\"text\"",
        "{\"StreamName\":",
    })
    void shouldAnswerBodiesThatAreNotDocumentsWithASerializationError(final String body) throws Exception {
        final HttpResponse<byte[]> response = post("ListStreams", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("__type").asText()).isEqualTo("SerializationException");
    }

    @Test
    void shouldAnswerAnUnknownOperation() throws Exception {
        final HttpResponse<byte[]> response = post("MakeCoffee", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("__type").asText()).isEqualTo("UnknownOperationException");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "DescribeStream | {\"StreamName\":1} | class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not"
            + " be converted to an String",
        "DescribeStream | {\"StreamName\":true} | class java.lang.Boolean can not be converted to an String",
        "DescribeStream | {\"StreamName\":[\"s\"]} | Start of list found where not expected",
        "DescribeStream | {\"StreamName\":{\"a\":1}} | Start of structure or map found where not expected.",
        "CreateStream | {\"StreamName\":\"x\",\"ShardCount\":\"1\"} | class java.lang.String can not be converted to"
            + " an Integer",
        "CreateStream | {\"StreamName\":\"x\",\"ShardCount\":false} | class java.lang.Boolean can not be converted"
            + " to an Integer",
        "PutRecord | {\"StreamName\":\"s\",\"PartitionKey\":\"k\",\"Data\":\"abc\"} | 'abc' can not be converted to a"
            + " Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 3",
        "PutRecord | {\"StreamName\":\"s\",\"PartitionKey\":\"k\",\"Data\":\"ab!=\"} | 'ab!=' can not be converted to"
            + " a Blob: Invalid Base64 character: '!'",
        "PutRecord | {\"StreamName\":\"s\",\"PartitionKey\":\"k\",\"Data\":\"YR==\"} | 'YR==' can not be converted to"
            + " a Blob: Invalid last non-pad Base64 character dectected",
        "PutRecords | {\"StreamName\":\"s\",\"Records\":\"x\"} | Expected list or null",
        "PutRecords | {\"StreamName\":\"s\",\"Records\":[1]} | Expected null",
        "GetShardIterator | {\"StreamName\":\"s\",\"ShardId\":\"0\",\"ShardIteratorType\":\"AT_TIMESTAMP\","
            + "\"Timestamp\":\"yesterday\"} | class java.lang.String can not be converted to milliseconds since epoch",
        "PutResourcePolicy | {\"ResourceARN\":\"arn:aws:kinesis:us-east-1:000000000000:stream/s\",\"Policy\":"
            + "{\"Version\":\"2012-10-17\"}} | Start of structure or map found where not expected.",
        "UpdateAccountSettings | {\"MinimumThroughputBillingCommitment\":\"ENABLED\"} | Expected null",
        "UpdateStreamWarmThroughput | {\"StreamName\":\"s\",\"WarmThroughputMiBps\":\"100\"} | class"
            + " java.lang.String can not be converted to an Integer",
    })
    void shouldNameMembersOfTheWrongTypeAsTheServiceDoes(final String operation, final String body,
        final String message) throws Exception {
        final HttpResponse<byte[]> response = post(operation, body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("__type").asText()).isEqualTo("SerializationException");
        assertThat(json(response).get("Message").asText()).isEqualTo(message);
    }

    @Test
    void shouldIgnoreMembersTheOperationDoesNotHave() throws Exception {
        final HttpResponse<byte[]> response = post("DescribeStreamSummary",
            "{\"StreamName\":\"s\",\"Colour\":\"red\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).at("/StreamDescriptionSummary/StreamName").asText()).isEqualTo("s");
    }

    @Test
    void shouldRefuseBodiesOverFourteenMebibytes() throws Exception {
        final byte[] huge = new byte[14 * 1024 * 1024 + 1];

        final HttpResponse<byte[]> response = send("POST", "Kinesis_20131202.PutRecord", JSON, huge);

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void shouldAnswerCborRequestsInCbor() throws Exception {
        final byte[] body = WireFormat.CBOR.mapper().writeValueAsBytes(Map.of("StreamName", "missing"));

        final HttpResponse<byte[]> response = send("POST", "Kinesis_20131202.DescribeStream",
            WireFormat.CBOR.contentType(), body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(WireFormat.CBOR.contentType());
        final JsonNode error = WireFormat.CBOR.mapper().readTree(response.body());
        assertThat(error.get("__type").asText()).isEqualTo("ResourceNotFoundException");
        assertThat(error.get("message").asText()).isEqualTo("Stream missing under account 000000000000 not found.");
    }

    @Test
    void shouldDateEveryResponseByTheBrokersClock() throws Exception {
        final HttpResponse<byte[]> response = post("ListStreams", "{}");

        final String date = response.headers().firstValue("Date").orElseThrow();
        final long dated = java.time.ZonedDateTime.parse(date, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
            .toInstant().toEpochMilli();
        assertThat(dated).isBetween(broker.config().clock().time() - 60_000, broker.config().clock().time());
    }

    @Test
    void shouldKeepTheConnectionUsableAfterErrors() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(post("ListStreams", "garbage").statusCode()).isEqualTo(400);
            assertThat(post("ListStreams", "{}").statusCode()).isEqualTo(200);
        }
    }
}
