package io.embeddedkinesis.server;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.KinesisBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * AWS STS's GetCallerIdentity on the Kinesis endpoint, through the AWS SDK for Java v2's STS client pointed at
 * it: the account's root identity in the broker's account and partition, signatures checked for the service
 * {@code sts} when credentials are configured, STS's errors in STS's form, and Kinesis served beside it.
 */
class CallerIdentitySdkTest {
    private static final String KEY_ID = "AKIDEXAMPLE";
    private static final String SECRET = "secret";

    @TempDir
    Path directory;

    private KinesisBroker broker;
    private KinesisServer server;
    private SdkHttpClient http;

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
        server.close();
        broker.close();
    }

    @Test
    void shouldAnswerWithTheRootOfTheBrokersAccount() {
        start(BrokerConfig.builder().directory(directory).region("cn-north-1").accountId("123456789012"),
            ServerConfig.builder());

        final GetCallerIdentityResponse identity;
        try (StsClient sts = sts(Region.CN_NORTH_1, KEY_ID, SECRET)) {
            identity = sts.getCallerIdentity();
        }

        assertThat(identity.account()).isEqualTo("123456789012");
        assertThat(identity.arn()).isEqualTo("arn:aws-cn:iam::123456789012:root");
        assertThat(identity.userId()).isEqualTo("123456789012");
        assertThat(identity.responseMetadata().requestId()).isNotBlank();
    }

    @Test
    void shouldServeKinesisBesideIt() {
        start(BrokerConfig.builder().directory(directory), ServerConfig.builder());

        try (StsClient sts = sts(Region.US_EAST_1, KEY_ID, SECRET);
            KinesisClient kinesis = SdkClients.sync(server.endpoint(), http)) {
            kinesis.createStream(request -> request.streamName("s").shardCount(1));

            assertThat(sts.getCallerIdentity().account()).isEqualTo("000000000000");
            assertThat(kinesis.listStreams().streamNames()).containsExactly("s");
        }
    }

    @Test
    void shouldCheckTheSignatureForStsWhenCredentialsAreConfigured() {
        start(BrokerConfig.builder().directory(directory), ServerConfig.builder().credentials(KEY_ID, SECRET));

        try (StsClient signed = sts(Region.US_EAST_1, KEY_ID, SECRET);
            StsClient wrongSecret = sts(Region.US_EAST_1, KEY_ID, "other");
            StsClient unknownKey = sts(Region.US_EAST_1, "AKIDOTHER", SECRET)) {
            assertThat(signed.getCallerIdentity().account()).isEqualTo("000000000000");
            assertStsError(() -> wrongSecret.getCallerIdentity(), 403, "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided.");
            assertStsError(() -> unknownKey.getCallerIdentity(), 403, "InvalidClientTokenId",
                "The security token included in the request is invalid.");
        }
    }

    @Test
    void shouldRefuseTheStsActionsItDoesNotHave() {
        start(BrokerConfig.builder().directory(directory), ServerConfig.builder());

        try (StsClient sts = sts(Region.US_EAST_1, KEY_ID, SECRET)) {
            assertStsError(() -> sts.getSessionToken(), 400, "InvalidAction",
                "Could not find operation GetSessionToken for version 2011-06-15");
        }
    }

    private void start(final BrokerConfig.Builder broker, final ServerConfig.Builder server) {
        this.broker = KinesisBroker.open(broker.build());
        this.server = KinesisServer.start(this.broker, server.build());
        this.http = SdkClients.apache5(false);
    }

    private StsClient sts(final Region region, final String keyId, final String secret) {
        return StsClient.builder().endpointOverride(URI.create(server.endpoint().toString())).region(region)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
            .httpClient(http).build();
    }

    private static void assertStsError(final Runnable call, final int status, final String code,
        final String messageStart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StsException.class, ex -> {
            assertThat(ex.statusCode()).isEqualTo(status);
            assertThat(ex.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(ex.awsErrorDetails().errorMessage()).startsWith(messageStart);
        });
    }
}
