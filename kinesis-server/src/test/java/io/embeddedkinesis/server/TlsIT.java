package io.embeddedkinesis.server;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.server.tls.PemFiles;
import io.embeddedkinesis.server.tls.TrustingSslContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tls(true)} serves HTTPS with a certificate generated at start: the SDK's Netty client (HTTP/2 without
 * ALPN), its Apache client (HTTP/1.1), the JDK's client verifying the certificate, and ALPN choosing h2 over
 * http/1.1.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TlsIT {
    @TempDir
    Path directory;

    private KinesisBroker broker;
    private KinesisServer server;

    @BeforeEach
    void start() {
        broker = KinesisBroker.open(directory);
        server = KinesisServer.start(broker, ServerConfig.builder().tls(true).build());
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
        broker.close();
        assertThat(ServerThreads.aliveAfterClose()).isEmpty();
    }

    @Test
    void shouldServeHttpsOnTheEndpoint() {
        assertThat(server.endpoint()).hasScheme("https").hasHost("127.0.0.1").hasPort(server.port());
        assertThat(server.certificate()).isPresent();
    }

    @Test
    void shouldServeTheAsyncSdkClientOverHttp2InsideTls() {
        final Http2StreamMetrics metrics = new Http2StreamMetrics();
        try (SdkAsyncHttpClient http = SdkClients.nettyHttp2(true);
             KinesisAsyncClient kinesis = SdkClients.async(server.endpoint(), http, metrics)) {
            KinesisConversation.run(kinesis, "orders");
        }

        assertThat(metrics.callsPublished()).isEqualTo(6);
        assertThat(metrics.callsOverHttp2()).isEqualTo(6);
    }

    @Test
    void shouldServeTheSyncSdkClientOverHttp11InsideTls() {
        try (SdkHttpClient http = SdkClients.apache5(true);
             KinesisClient kinesis = SdkClients.sync(server.endpoint(), http)) {
            KinesisConversation.run(kinesis, "orders");
        }
    }

    @Test
    void shouldNegotiateHttp2ByAlpnWithAClientThatVerifiesTheCertificate() throws Exception {
        final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
            .sslContext(TrustingSslContexts.trusting(server.certificate().orElseThrow())).build();

        new JdkClientConversation(client, server.endpoint(), HttpClient.Version.HTTP_2).run("orders");
    }

    @Test
    void shouldServeHttp11ToAClientThatSendsNoAlpn() throws Exception {
        // The JDK's client offers ALPN only when it wants HTTP/2.
        final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .sslContext(TrustingSslContexts.trusting(server.certificate().orElseThrow())).build();

        new JdkClientConversation(client, server.endpoint(), HttpClient.Version.HTTP_1_1).run("orders");
    }

    @ParameterizedTest
    @CsvSource({
        "'h2,http/1.1',     h2",
        "'http/1.1,h2',     h2",
        "http/1.1,          http/1.1",
        "'spdy/3,http/1.1', http/1.1",
        "spdy/3,            ''",
    })
    void shouldPreferH2ThenHttp11ByAlpn(final String offered, final String chosen) throws Exception {
        try (SSLSocket socket = handshake(offered.split(","))) {
            assertThat(socket.getApplicationProtocol()).isEqualTo(chosen);
        }
    }

    @Test
    void shouldServeHttp11WhenAlpnChoseIt() throws Exception {
        try (RawHttp1Connection connection = new RawHttp1Connection(handshake("http/1.1"))) {
            connection.write(RawHttp1Connection.post("ListStreams", "", 2) + "{}");

            assertThat(connection.read().statusLine()).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    @Test
    void shouldServeAUserSuppliedPemCertificate(@TempDir final Path pemDirectory) throws Exception {
        final PemFiles pem = PemFiles.write(pemDirectory, List.of("127.0.0.1"));
        try (KinesisServer pemServer = KinesisServer.start(broker, ServerConfig.builder()
            .tlsCertificate(pem.certificateChainPem(), pem.privateKeyPem()).build())) {
            final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .sslContext(TrustingSslContexts.trusting(pem.certificate())).build();

            assertThat(pemServer.certificate()).contains(pem.certificate());
            assertThat(new JdkClientConversation(client, pemServer.endpoint(), HttpClient.Version.HTTP_2)
                .call("ListStreams", "{}").statusCode()).isEqualTo(200);
        }
    }

    private SSLSocket handshake(final String... applicationProtocols) throws Exception {
        final SSLSocket socket = (SSLSocket) TrustingSslContexts.trusting(server.certificate().orElseThrow())
            .getSocketFactory().createSocket(server.endpoint().getHost(), server.port());
        final SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(applicationProtocols);
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    @Test
    void shouldBeValidForLocalhostToo() throws Exception {
        final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
            .sslContext(TrustingSslContexts.trusting(server.certificate().orElseThrow())).build();
        final URI localhost = URI.create("https://localhost:" + server.port());

        assertThat(new JdkClientConversation(client, localhost, HttpClient.Version.HTTP_2)
            .call("ListStreams", "{}").statusCode()).isEqualTo(200);
    }
}
