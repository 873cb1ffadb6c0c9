package io.embeddedkinesis.benchmarks.baseline;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

import java.net.URI;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class CannedKinesisEndpointTest {
    private static final int DATA_SIZE_BYTES = 100;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldAnswerInTheRequestsEncodingAsTheClientExpects(final boolean cbor) {
        try (CannedKinesisEndpoint endpoint = CannedKinesisEndpoint.start(3, 5, DATA_SIZE_BYTES);
             KinesisClient client = client(cbor, builder -> builder.endpointOverride(endpoint.endpoint())
                 .httpClientBuilder(Apache5HttpClient.builder()))) {
            assertCannedAnswers(client);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldAnswerInMemoryAsTheEndpointAnswers(final boolean cbor) {
        try (KinesisClient client = client(cbor, builder -> builder.endpointOverride(URI.create("http://127.0.0.1:1"))
                 .httpClient(new InMemoryKinesisHttpClient(3, 5, DATA_SIZE_BYTES)))) {
            assertCannedAnswers(client);
        }
    }

    private static void assertCannedAnswers(final KinesisClient client) {
        final PutRecordsResponse put = client.putRecords(request -> request.streamName("any").records(
            PutRecordsRequestEntry.builder().partitionKey("k").data(SdkBytes.fromUtf8String("x")).build()));
        final GetRecordsResponse get = client.getRecords(request -> request.shardIterator("any"));

        assertThat(put.failedRecordCount()).isZero();
        assertThat(put.records()).hasSize(3);
        assertThat(client.putRecord(request -> request.streamName("any").partitionKey("k")
            .data(SdkBytes.fromUtf8String("x"))).sequenceNumber()).hasSize(56);
        assertThat(get.records()).hasSize(5).allSatisfy(record -> {
            assertThat(record.data().asByteArray()).hasSize(DATA_SIZE_BYTES);
            assertThat(record.approximateArrivalTimestamp()).isNotNull();
        });
        assertThat(get.nextShardIterator()).isEqualTo(CannedKinesisEndpoint.SHARD_ITERATOR);
        assertThatThrownBy(() -> client.listStreams())
            .isInstanceOfSatisfying(KinesisException.class, ex -> assertThat(ex.awsErrorDetails().errorCode())
                .isEqualTo("UnknownOperationException"));
    }

    private static KinesisClient client(final boolean cbor, final Consumer<KinesisClientBuilder> transport) {
        System.setProperty(SdkSystemSetting.CBOR_ENABLED.property(), Boolean.toString(cbor));
        try {
            final KinesisClientBuilder builder = KinesisClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create());
            transport.accept(builder);
            return builder.build();
        } finally {
            System.clearProperty(SdkSystemSetting.CBOR_ENABLED.property());
        }
    }
}
