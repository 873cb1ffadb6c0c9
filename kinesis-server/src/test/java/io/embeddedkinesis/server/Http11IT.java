package io.embeddedkinesis.server;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.server.http.KinesisChannelInitializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP/1.1 on the port that also serves HTTP/2 behaves as a plain HTTP/1.1 server: connections stay open,
 * Expect: 100-continue is answered, an oversized body is refused with 413 as soon as its length is known.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class Http11IT {
    @TempDir
    Path directory;

    private KinesisBroker broker;
    private KinesisServer server;

    @BeforeEach
    void start() {
        broker = KinesisBroker.open(directory);
        server = KinesisServer.start(broker, ServerConfig.builder().build());
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
        broker.close();
        assertThat(ServerThreads.aliveAfterClose()).isEmpty();
    }

    @Test
    void shouldKeepTheConnectionOpenBetweenRequests() throws Exception {
        try (RawHttp1Connection connection = new RawHttp1Connection(server.endpoint())) {
            for (int i = 0; i < 3; i++) {
                connection.write(RawHttp1Connection.post("ListStreams", "", 2) + "{}");
                final RawHttp1Connection.Response response = connection.read();
                assertThat(response.statusLine()).isEqualTo("HTTP/1.1 200 OK");
                assertThat(response.headers()).doesNotContainKey("connection");
            }
        }
    }

    @Test
    void shouldCloseTheConnectionWhenAsked() throws Exception {
        try (RawHttp1Connection connection = new RawHttp1Connection(server.endpoint())) {
            connection.write(RawHttp1Connection.post("ListStreams", "Connection: close\r\n", 2) + "{}");

            final RawHttp1Connection.Response response = connection.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers()).containsEntry("connection", "close");
            assertThat(connection.closedByServer()).isTrue();
        }
    }

    @Test
    void shouldAnswerExpectContinueBeforeTheBody() throws Exception {
        try (RawHttp1Connection connection = new RawHttp1Connection(server.endpoint())) {
            connection.write(RawHttp1Connection.post("ListStreams", "Expect: 100-continue\r\n", 2));
            assertThat(connection.read().statusLine()).isEqualTo("HTTP/1.1 100 Continue");

            connection.write("{}");
            assertThat(connection.read().statusLine()).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    @Test
    void shouldRefuseABodyOverTheLimitWith413BeforeItIsSent() throws Exception {
        try (RawHttp1Connection connection = new RawHttp1Connection(server.endpoint())) {
            connection.write(RawHttp1Connection.post("PutRecord", "", KinesisChannelInitializer.MAX_REQUEST_BYTES + 1));

            final RawHttp1Connection.Response response = connection.read();
            assertThat(response.statusLine()).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
            assertThat(response.headers()).containsEntry("content-length", "0");
        }
    }

    @Test
    void shouldContinueThenRefuseABodyOverTheLimitThatExpectsContinue() throws Exception {
        // 100 comes from the expect-continue handler, which runs before the aggregator sees the length.
        try (RawHttp1Connection connection = new RawHttp1Connection(server.endpoint())) {
            connection.write(RawHttp1Connection.post("PutRecord", "Expect: 100-continue\r\n",
                KinesisChannelInitializer.MAX_REQUEST_BYTES + 1));

            assertThat(connection.read().statusLine()).isEqualTo("HTTP/1.1 100 Continue");
            assertThat(connection.read().statusLine()).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
        }
    }

    @Test
    void shouldAcceptABodyOfExactlyTheLimit() throws Exception {
        try (RawHttp1Connection connection = new RawHttp1Connection(server.endpoint())) {
            final int size = KinesisChannelInitializer.MAX_REQUEST_BYTES;
            final byte[] body = new byte[size];
            body[0] = '{';
            body[1] = '}';
            Arrays.fill(body, 2, size, (byte) ' ');
            connection.write(RawHttp1Connection.post("ListStreams", "", size));
            connection.write(body);

            assertThat(connection.read().statusLine()).isEqualTo("HTTP/1.1 200 OK");
        }
    }
}
