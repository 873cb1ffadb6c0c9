package io.embeddedkinesis.server.cli;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.model.GetRecordsResult;
import io.embeddedkinesis.core.model.ShardIteratorType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The executable jar, run as a user runs it ({@code java -jar kinesis-server.jar serve ...}, no JVM flags):
 * it serves the AWS SDK, and on SIGTERM it stops cleanly with every acknowledged record on disk.
 */
class ExecutableJarIT {
    @TempDir
    Path data;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldServeUntilSigtermAndKeepEveryRecord() throws Exception {
        final Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        final ProcessBuilder builder = new ProcessBuilder(java.toString(), "-jar", Path.of("target",
            "kinesis-server.jar")
            .toAbsolutePath().toString(), "serve", "--port", "0", "--path", data.toString(), "--create-stream",
            "clicks:2", "--create-stream", "events:on-demand", "--no-shard-limits").redirectErrorStream(true);
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        // Without --region, the region comes from the environment, as the AWS SDKs and CLI take theirs.
        builder.environment().put("AWS_REGION", "eu-west-1");
        builder.environment().remove("AWS_DEFAULT_REGION");
        final Process process = builder.start();
        final BufferedReader output =
            new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        final URI endpoint = awaitEndpoint(output);

        try (KinesisClient kinesis = KinesisClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
            .httpClient(Apache5HttpClient.create()).build()) {
            final List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey("user-" + i)
                    .data(SdkBytes.fromUtf8String("event-" + i)).build());
            }
            assertThat(kinesis.putRecords(b -> b.streamName("clicks").records(entries)).failedRecordCount()).isZero();
            assertThat(kinesis.describeStreamSummary(b -> b.streamName("events")).streamDescriptionSummary()
                .streamModeDetails().streamMode()).isEqualTo(StreamMode.ON_DEMAND);
            assertThat(kinesis.describeStreamSummary(b -> b.streamName("events")).streamDescriptionSummary()
                .streamARN()).isEqualTo("arn:aws:kinesis:eu-west-1:000000000000:stream/events");
        }
        // SIGTERM, as a service manager sends it; Process.destroy() would also close our end of the output.
        assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor()).isZero();
        final String rest = readRest(output);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(rest).contains("AWS_ENDPOINT_URL_KINESIS=" + endpoint + " AWS_ENDPOINT_URL_STS=" + endpoint)
            .contains("Kinesis endpoint stopped");
        try (KinesisBroker reopened = KinesisBroker.open(data)) {
            int records = 0;
            for (final String shard : List.of("shardId-000000000000", "shardId-000000000001")) {
                final GetRecordsResult read = reopened.getRecords(
                    reopened.getShardIterator("clicks", shard, ShardIteratorType.TRIM_HORIZON));
                records += read.records().size();
            }
            assertThat(records).isEqualTo(300);
        }
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void shouldKeepAStreamCreatingAsLongAsAsked() throws Exception {
        final Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        final Process process = new ProcessBuilder(java.toString(), "-jar",
            Path.of("target", "kinesis-server.jar").toAbsolutePath().toString(), "serve", "--port", "0", "--path",
            data.toString(), "--state-change-delay-ms", "600000", "--create-stream", "slow:1",
            // Six streams CREATING at once: declared at start, they are outside Kinesis's limit of five.
            "--create-stream", "b:1", "--create-stream", "c:1", "--create-stream", "d:1", "--create-stream", "e:1",
            "--create-stream", "f:1", "--account-shard-limit", "20000")
            .redirectErrorStream(true).start();
        try {
            final URI endpoint = awaitEndpoint(
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
            try (KinesisClient kinesis = KinesisClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(Apache5HttpClient.create()).build()) {
                assertThat(kinesis.describeStreamSummary(b -> b.streamName("slow")).streamDescriptionSummary()
                    .streamStatus()).isEqualTo(StreamStatus.CREATING);
                assertThat(kinesis.describeLimits().shardLimit()).isEqualTo(20_000);
                assertThat(kinesis.listStreams().streamNames()).containsExactly("b", "c", "d", "e", "f", "slow");
            }
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void shouldExplainItsUsage() throws Exception {
        final Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        final Process process = new ProcessBuilder(java.toString(), "-jar",
            Path.of("target", "kinesis-server.jar").toAbsolutePath().toString(), "serve", "--help")
            .redirectErrorStream(true).start();
        final String help = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).isZero();
        assertThat(help).contains("--port").contains("--path").contains("--create-stream").contains(
            "--[no-]shard-limits").contains("--state-change-delay-ms").contains("--account-shard-limit");
    }

    private static URI awaitEndpoint(final BufferedReader output) throws Exception {
        final StringBuilder seen = new StringBuilder();
        String line;
        while ((line = output.readLine()) != null) {
            seen.append(line).append('\n');
            final int at = line.indexOf("Kinesis endpoint listening on ");
            if (at >= 0 && line.contains("(data in")) {
                final String rest = line.substring(at + "Kinesis endpoint listening on ".length());
                return URI.create(rest.substring(0, rest.indexOf(' ')));
            }
        }
        throw new AssertionError("the server never said where it listens:\n" + seen);
    }

    private static String readRest(final BufferedReader output) throws Exception {
        final StringBuilder rest = new StringBuilder();
        String line;
        while ((line = output.readLine()) != null) {
            rest.append(line).append('\n');
        }
        return rest.toString();
    }
}
