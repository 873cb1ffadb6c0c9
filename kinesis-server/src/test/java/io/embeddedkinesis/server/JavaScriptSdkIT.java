package io.embeddedkinesis.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.model.ShardIteratorType;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Unchanged AWS SDK for JavaScript v3 code against the endpoint: runs {@code src/test/js/scenario.mjs} in
 * Node.js, which drives a real {@code @aws-sdk/client-kinesis} client through every served operation and
 * checks each answer, then checks from Java that its records landed in the broker.
 *
 * <p>The build installs the SDK with {@code npm ci} in {@code pre-integration-test}; run that by hand in
 * {@code src/test/js} before running this class from an IDE. A missing Node.js or SDK fails the test,
 * so a machine without them cannot pass the build by skipping it.
 */
class JavaScriptSdkIT {
    private static final Path SCENARIO_DIRECTORY = Path.of("src", "test", "js").toAbsolutePath();
    private static final long SCENARIO_TIMEOUT_SECONDS = 90;
    private static final List<String> STEPS = List.of("CreateStream", "DescribeStreamSummary", "ListStreams",
        "ListShards", "PutRecord", "PutRecords", "GetRecords", "SubscribeToShard", "StreamARN",
        "ResourceNotFoundException", "ResourceInUseException", "ValidationException", "Wire");
    private static final String SHARD_0 = "shardId-000000000000";
    private static final String SHARD_1 = "shardId-000000000001";

    /**
     * Threads that belong to the process, not to a broker or server: started on first use, they outlive
     * every instance (Netty's global executor stops by itself after a second idle, the JDK's process
     * reaper after a minute).
     */
    private static final Set<String> PROCESS_WIDE_THREADS =
        Set.of("background~resource~releaser", "globalEventExecutor", "process reaper");

    @TempDir
    Path directory;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"http2, NodeHttp2Handler", "http1.1, NodeHttpHandler"})
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldServeTheJavaScriptSdkUnchanged(final String transport, final String requestHandler)
        throws IOException, InterruptedException {
        final Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        final Path brokerDirectory = directory.resolve("broker");
        final String stream = "js-sdk-" + transport;
        try (KinesisBroker broker = KinesisBroker.open(brokerDirectory);
             KinesisServer server = KinesisServer.start(broker, ServerConfig.builder().build())) {

            final JsonNode result = runScenario(server, stream, transport);

            assertThat(result.path("sdk").asText()).startsWith("3.");
            assertThat(result.path("transport").asText()).isEqualTo(transport);
            assertThat(result.path("requestHandler").asText()).isEqualTo(requestHandler);
            assertThat(result.path("contentType").asText()).isEqualTo("application/x-amz-json-1.1");
            assertThat(result.path("steps")).extracting(JsonNode::asText).containsExactlyElementsOf(STEPS);
            assertThat(result.path("records").asInt()).isEqualTo(6);
            assertThat(broker.listStreams().streamNames()).containsExactly(stream);
            assertThat(broker.listStreamConsumers(broker.describeStreamSummary(stream).streamARN()).consumers())
                .as("the scenario deregistered the consumer it subscribed with").isEmpty();
            assertThat(partitionKeys(broker, stream)).hasSize(7).contains("ключ-🔑", "日本", "by-arn-ü");
        }
        assertReleased(brokerDirectory, threadsBefore);
    }

    private static List<String> partitionKeys(final KinesisBroker broker, final String stream) {
        final List<String> partitionKeys = new ArrayList<>();
        for (final String shardId : List.of(SHARD_0, SHARD_1)) {
            broker.getRecords(broker.getShardIterator(stream, shardId, ShardIteratorType.TRIM_HORIZON)).records()
                .stream().map(Record::partitionKey).forEach(partitionKeys::add);
        }
        return partitionKeys;
    }

    /** Runs the scenario in Node.js and returns its JSON line, failing with its output if it did not pass. */
    private JsonNode runScenario(final KinesisServer server, final String stream, final String transport)
        throws IOException, InterruptedException {
        final String node = findNode();
        final Path sdkManifest = SCENARIO_DIRECTORY.resolve("node_modules/@aws-sdk/client-kinesis/package.json");
        if (!Files.isRegularFile(sdkManifest)) {
            fail("The AWS SDK for JavaScript is not installed: run `npm ci` in " + SCENARIO_DIRECTORY
                + " (mvn verify does it in pre-integration-test)");
        }
        final File stdout = directory.resolve("scenario.out").toFile();
        final File stderr = directory.resolve("scenario.err").toFile();
        final ProcessBuilder builder = new ProcessBuilder(node, "scenario.mjs", server.endpoint().toString(), stream,
            transport).directory(SCENARIO_DIRECTORY.toFile()).redirectOutput(stdout).redirectError(stderr);
        // The developer's AWS settings (profile, region, endpoint URLs) must not change what the SDK does.
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.equals("NODE_OPTIONS"));
        final Process process = builder.start();
        final boolean exited = process.waitFor(SCENARIO_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        final String out = Files.readString(stdout.toPath(), StandardCharsets.UTF_8);
        final String report = "node scenario.mjs " + server.endpoint() + " " + stream + " " + transport + "\nstdout:\n"
            + out + "stderr:\n" + Files.readString(stderr.toPath(), StandardCharsets.UTF_8);
        assertThat(exited).as("the scenario finished within %d s: %s", SCENARIO_TIMEOUT_SECONDS, report).isTrue();
        assertThat(process.exitValue()).as("the scenario's exit code: %s", report).isZero();
        final String[] lines = out.strip().split("\n");
        final JsonNode result = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertThat(result.path("ok").asBoolean()).as("the scenario's result: %s", report).isTrue();
        return result;
    }

    /** Finds {@code node} on the PATH, as a shell would. */
    private static String findNode() {
        final String path = System.getenv().getOrDefault("PATH", "");
        for (final String entry : path.split(File.pathSeparator)) {
            final Path candidate = Path.of(entry, "node");
            if (!entry.isEmpty() && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return fail("Node.js 20 or newer is not on the PATH (" + path + "): install it, then run `npm ci` in "
            + SCENARIO_DIRECTORY);
    }

    private static void assertReleased(final Path brokerDirectory, final Set<Thread> threadsBefore)
        throws IOException {
        final String path = brokerDirectory.toString();
        assertThat(Files.readAllLines(Path.of("/proc/self/maps"))).noneMatch(line -> line.contains(path));
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            assertThat(descriptors.map(JavaScriptSdkIT::target)).noneMatch(file -> file.startsWith(path));
        }
        final Set<String> leaked = Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> !threadsBefore.contains(thread) && thread.isAlive())
            .map(Thread::getName)
            .filter(name -> PROCESS_WIDE_THREADS.stream().noneMatch(name::startsWith))
            .collect(Collectors.toSet());
        assertThat(leaked).isEmpty();
    }

    private static String target(final Path descriptor) {
        try {
            return Files.readSymbolicLink(descriptor).toString();
        } catch (final IOException closedMeanwhile) {
            return "";
        }
    }
}
