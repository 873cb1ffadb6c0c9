package io.embeddedkinesis.server;

import io.embeddedkinesis.core.KinesisBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser page may call the endpoint, as it may call Kinesis: preflights are granted without credentials, and
 * answers to a page carry the headers that let its script read them.
 */
class CrossOriginTest {
    private static final String ORIGIN = "http://localhost:8080";
    private static final String ASKED_HEADERS = "authorization, content-type, x-amz-date, x-amz-target";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private KinesisBroker broker;
    private KinesisServer server;

    private void start(final ServerConfig config) {
        broker = KinesisBroker.open();
        server = KinesisServer.start(broker, config);
    }

    @AfterEach
    void stop() {
        server.close();
        broker.close();
    }

    private HttpResponse<String> send(final HttpRequest.Builder request) throws Exception {
        return http.send(request.uri(URI.create(server.endpoint() + "/")).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder listStreams() {
        return HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.ofString("{}"))
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("X-Amz-Target", "Kinesis_20131202.ListStreams");
    }

    @Test
    void shouldGrantAPreflightWhateverItAsksForEvenWhenRequestsMustBeSigned() throws Exception {
        start(ServerConfig.builder().credentials("AKIDEXAMPLE", "secret").build());

        final HttpResponse<String> response = send(HttpRequest.newBuilder()
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", ORIGIN)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", ASKED_HEADERS));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValue(ASKED_HEADERS);
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST");
        assertThat(response.headers().firstValue("Access-Control-Max-Age")).hasValue("172800");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    @Test
    void shouldLetAPageReadItsAnswersAndNoOneElseBeGivenTheHeaders() throws Exception {
        start(ServerConfig.builder().build());

        final HttpResponse<String> fromPage = send(listStreams().header("Origin", ORIGIN));
        final HttpResponse<String> fromProgram = send(listStreams());
        final HttpResponse<String> optionsWithoutOrigin =
            send(HttpRequest.newBuilder().method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        assertThat(fromPage.statusCode()).isEqualTo(200);
        assertThat(fromPage.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(fromPage.headers().firstValue("Access-Control-Expose-Headers"))
            .hasValue("x-amz-request-id, x-amz-id-2");
        assertThat(fromProgram.statusCode()).isEqualTo(200);
        assertThat(fromProgram.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(optionsWithoutOrigin.statusCode()).isEqualTo(403);
    }

    @Test
    void shouldGiveEveryAnswerAnExtendedRequestId() throws Exception {
        start(ServerConfig.builder().build());

        final HttpResponse<String> first = send(listStreams());
        final HttpResponse<String> second = send(listStreams().setHeader("X-Amz-Target", "Kinesis_20131202.Nope"));

        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(first.headers().firstValue("x-amz-id-2")).hasValueSatisfying(id ->
            assertThat(Base64.getDecoder().decode(id)).hasSize(72));
        assertThat(second.headers().firstValue("x-amz-id-2")).isPresent()
            .isNotEqualTo(first.headers().firstValue("x-amz-id-2"));
    }
}
