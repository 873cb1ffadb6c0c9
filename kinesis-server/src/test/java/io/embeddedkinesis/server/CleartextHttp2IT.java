package io.embeddedkinesis.server;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.model.CreateStreamRequest;
import io.embeddedkinesis.server.http.KinesisChannelInitializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One cleartext port serves HTTP/2 with prior knowledge (the SDK's Netty client), HTTP/2 reached by
 * {@code Upgrade: h2c} (the JDK's client), and HTTP/1.1 (the SDK's Apache client).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CleartextHttp2IT {
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
    void shouldServeTheAsyncSdkClientOverHttp2WithPriorKnowledge() {
        final Http2StreamMetrics metrics = new Http2StreamMetrics();
        try (SdkAsyncHttpClient http = SdkClients.nettyHttp2(false);
             KinesisAsyncClient kinesis = SdkClients.async(server.endpoint(), http, metrics)) {
            KinesisConversation.run(kinesis, "orders");
        }

        assertThat(metrics.callsPublished()).isEqualTo(6);
        assertThat(metrics.callsOverHttp2()).isEqualTo(6);
    }

    @Test
    void shouldCarryATenMebibyteRecordBothWaysOverHttp2() throws Exception {
        final byte[] data = new byte[10 * 1024 * 1024 - 1];
        new Random(7).nextBytes(data);
        broker.createStream(CreateStreamRequest.of("big", 1).withMaxRecordSizeInKiB(10240));
        try (SdkAsyncHttpClient http = SdkClients.nettyHttp2(false);
             KinesisAsyncClient kinesis = SdkClients.async(server.endpoint(), http, new Http2StreamMetrics())) {
            kinesis.putRecords(b -> b.streamName("big").records(PutRecordsRequestEntry.builder().partitionKey("k")
                .data(SdkBytes.fromByteArray(data)).build())).get(1, TimeUnit.MINUTES);
            final String iterator = kinesis.getShardIterator(b -> b.streamName("big").shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).get(1, TimeUnit.MINUTES).shardIterator();

            final GetRecordsResponse read = kinesis.getRecords(b -> b.shardIterator(iterator)).get(1, TimeUnit.MINUTES);

            assertThat(read.records()).singleElement()
                .satisfies(record -> assertThat(record.data().asByteArray()).isEqualTo(data));
        }
    }

    @Test
    void shouldUpgradeTheJdkClientToHttp2WithH2c() throws Exception {
        final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();

        new JdkClientConversation(client, server.endpoint(), HttpClient.Version.HTTP_2).run("orders");
    }

    @Test
    void shouldRefuseAnOversizedHttp2BodyWith413AndKeepServing() throws Exception {
        final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        final JdkClientConversation conversation =
            new JdkClientConversation(client, server.endpoint(), HttpClient.Version.HTTP_2);
        conversation.call("ListStreams", "{}");

        final HttpResponse<String> tooLarge = conversation.send(KinesisJsonRequests.request(server.endpoint(),
            "PutRecord", new byte[KinesisChannelInitializer.MAX_REQUEST_BYTES + 1]));

        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(conversation.call("ListStreams", "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldStillServeTheSyncSdkClientOverHttp11() {
        try (SdkHttpClient http = SdkClients.apache5(false);
             KinesisClient kinesis = SdkClients.sync(server.endpoint(), http)) {
            KinesisConversation.run(kinesis, "orders");
        }
    }
}
