package io.embeddedkinesis.server.cli;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.ShardLimits;
import io.embeddedkinesis.core.exception.ResourceInUseException;
import io.embeddedkinesis.core.model.CreateStreamRequest;
import io.embeddedkinesis.server.KinesisServer;
import io.embeddedkinesis.server.ServerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code serve}: runs a Kinesis endpoint on a broker directory until the process is asked to stop
 * (SIGTERM or Ctrl-C), then stops accepting requests, lets those in flight finish and closes the broker,
 * so nothing acknowledged is lost.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve the Kinesis Data Streams API on an embedded broker.")
public final class ServeCommand implements Callable<Integer> {
    private static final String ON_DEMAND = "on-demand";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1",
        description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", defaultValue = "4567", description = "Port to listen on; 0 for any free port"
        + " (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--path", description = "Broker directory, reopened if it exists (default: a fresh temporary"
        + " directory, deleted on exit).")
    Path path;

    @Option(names = "--shard-limits", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Enforce Kinesis's per-shard limits; --no-shard-limits switches throttling off"
            + " (default: on).")
    boolean shardLimits;

    @Option(names = "--account-shard-limit", paramLabel = "SHARDS", description = "The account's shard quota: the"
        + " most open shards all streams may have together, as DescribeLimits reports it; CreateStream and"
        + " resharding beyond it fail with LimitExceededException (default: ${DEFAULT-VALUE}).")
    int accountShardLimit = BrokerConfig.DEFAULT_SHARD_LIMIT;

    @Option(names = "--state-change-delay-ms", paramLabel = "MS", defaultValue = "0", description = "How long streams"
        + " stay CREATING, DELETING or UPDATING (after a reshard) and consumers CREATING or DELETING, as on AWS,"
        + " where these take seconds: for clients' waits (default: ${DEFAULT-VALUE}, at once).")
    long stateChangeDelayMs;

    @Option(names = "--create-stream", paramLabel = "NAME:SHARDS", description = "Create a stream at start unless"
        + " it exists; repeatable, e.g. --create-stream clicks:4, or clicks:on-demand for an on-demand stream.")
    List<String> streams = new ArrayList<>();

    @Option(names = "--access-key-id", description = "Require requests signed (SigV4) with this access key id.")
    String accessKeyId;

    @Option(names = "--secret-access-key", description = "The secret of --access-key-id.")
    String secretAccessKey;

    @Option(names = "--tls", description = "Serve HTTPS, with a self-signed certificate unless --tls-certificate"
        + " is given.")
    boolean tls;

    @Option(names = "--tls-certificate", paramLabel = "PEM", description = "Serve HTTPS with this certificate chain"
        + " (PEM); needs --tls-private-key.")
    Path tlsCertificate;

    @Option(names = "--tls-private-key", paramLabel = "PEM", description = "The unencrypted private key (PEM) of"
        + " --tls-certificate.")
    Path tlsPrivateKey;

    @Option(names = "--region", defaultValue = "${env:AWS_REGION:-${env:AWS_DEFAULT_REGION:-us-east-1}}",
        description = "Region in ARNs (default: ${DEFAULT-VALUE}, from $AWS_REGION, else $AWS_DEFAULT_REGION, else"
            + " us-east-1, as the AWS SDKs and CLI pick theirs).")
    String region;

    @Option(names = "--account-id", defaultValue = "000000000000",
        description = "Account in ARNs and messages (default: ${DEFAULT-VALUE}).")
    String accountId;

    private final PrintStream out;
    private final CountDownLatch stopped = new CountDownLatch(1);

    /**
     * @param out where to print the endpoint once it listens.
     */
    public ServeCommand(final PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (accessKeyId == null != (secretAccessKey == null)) {
            throw badUsage("--access-key-id and --secret-access-key go together");
        }
        if (tlsCertificate == null != (tlsPrivateKey == null)) {
            throw badUsage("--tls-certificate and --tls-private-key go together");
        }
        if (stateChangeDelayMs < 0) {
            throw badUsage("--state-change-delay-ms cannot be negative: " + stateChangeDelayMs);
        }
        if (accountShardLimit < 1) {
            throw badUsage("--account-shard-limit must be at least 1: " + accountShardLimit);
        }
        final KinesisBroker broker = KinesisBroker.open(BrokerConfig.builder()
            .directory(path)
            .region(region)
            .accountId(accountId)
            .shardLimits(shardLimits ? ShardLimits.KINESIS_DEFAULTS : ShardLimits.NONE)
            .shardLimit(accountShardLimit)
            .streamCreationDelayMs(stateChangeDelayMs)
            .streamDeletionDelayMs(stateChangeDelayMs)
            .reshardDelayMs(stateChangeDelayMs)
            .consumerCreationDelayMs(stateChangeDelayMs)
            .consumerDeletionDelayMs(stateChangeDelayMs)
            .build());
        final KinesisServer server;
        try {
            createStreams(broker);
            final ServerConfig.Builder config = ServerConfig.builder().host(host).port(port).tls(tls);
            if (accessKeyId != null) {
                config.credentials(accessKeyId, secretAccessKey);
            }
            if (tlsCertificate != null) {
                config.tlsCertificate(tlsCertificate, tlsPrivateKey);
            }
            server = KinesisServer.start(broker, config.build());
        } catch (final RuntimeException ex) {
            broker.close();
            throw ex;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, broker), "kinesis-server-shutdown"));
        out.println("Kinesis endpoint listening on " + server.endpoint() + " (data in "
            + broker.directory().toAbsolutePath() + ")");
        out.println("Unchanged AWS SDK and CLI code reaches it with AWS_ENDPOINT_URL_KINESIS=" + server.endpoint()
            + " AWS_ENDPOINT_URL_STS=" + server.endpoint());
        out.flush();
        stopped.await();
        return 0;
    }

    private void createStreams(final KinesisBroker broker) {
        for (final String declared : streams) {
            final int colon = declared.lastIndexOf(':');
            final String shards = colon <= 0 ? "" : declared.substring(colon + 1);
            if (!ON_DEMAND.equals(shards) && !shards.matches("[0-9]{1,9}")) {
                throw badUsage("--create-stream takes NAME:SHARDS or NAME:on-demand, e.g. clicks:4: " + declared);
            }
            final String name = declared.substring(0, colon);
            try {
                broker.createDeclaredStream(ON_DEMAND.equals(shards) ? CreateStreamRequest.onDemand(name)
                    : CreateStreamRequest.of(name, Integer.parseInt(shards)));
            } catch (final ResourceInUseException exists) {
                // Reopened directory: the stream is already there, with its records.
            }
        }
    }

    /** A refusal picocli prints as bad usage, with the usage help, and exits 2 for, rather than a stack trace. */
    private CommandLine.ParameterException badUsage(final String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private void stop(final KinesisServer server, final KinesisBroker broker) {
        try (broker) {
            server.close();
        } finally {
            out.println("Kinesis endpoint stopped");
            out.flush();
            stopped.countDown();
        }
    }
}
