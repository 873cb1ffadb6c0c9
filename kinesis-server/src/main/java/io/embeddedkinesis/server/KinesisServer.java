package io.embeddedkinesis.server;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.server.auth.RequestAuthenticator;
import io.embeddedkinesis.server.auth.SigV4Authenticator;
import io.embeddedkinesis.server.http.KinesisChannelInitializer;
import io.embeddedkinesis.server.http.KinesisHttpHandler;
import io.embeddedkinesis.server.protocol.KinesisOperations;
import io.embeddedkinesis.server.sts.SecurityTokenService;
import io.embeddedkinesis.server.tls.TlsContext;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Kinesis Data Streams endpoint on an embedded broker: unchanged AWS SDK and CLI code works against it
 * by pointing its endpoint here.
 *
 * <pre>{@code
 * try (KinesisBroker broker = KinesisBroker.open();
 *      KinesisServer server = KinesisServer.start(broker, ServerConfig.builder().port(4567).build())) {
 *     KinesisClient kinesis = KinesisClient.builder().endpointOverride(server.endpoint())...build();
 * }
 * }</pre>
 *
 * <p>Speaks AWS JSON 1.1 and CBOR over HTTP/1.1 and HTTP/2 (cleartext or TLS). The server does not own
 * the broker: closing it stops serving and leaves the broker open. Thread-safe.
 */
public final class KinesisServer implements AutoCloseable {
    /**
     * Every thread the server starts has a name beginning with this, so that a thread dump, a leak check or a
     * CPU measurement can tell the server's threads from the application's.
     */
    public static final String THREAD_PREFIX = "kinesis-server-";
    private static final Logger LOG = LoggerFactory.getLogger(KinesisServer.class);
    /** How long a group's shutdown lets tasks in flight run: Netty's timeout, past its quiet period of 0. */
    private static final long SHUTDOWN_TIMEOUT_SECONDS = 2;
    /** How long {@link #close()} waits for a group to terminate, beyond which it goes on without it. */
    private static final long SHUTDOWN_WAIT_SECONDS = 5;

    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final Channel channel;
    private final URI endpoint;
    private final X509Certificate certificate;
    private final KinesisHttpHandler handler;

    private KinesisServer(final KinesisBroker broker, final ServerConfig config, final RequestAuthenticator auth) {
        this.handler = new KinesisHttpHandler(new KinesisOperations(broker), auth,
            new SecurityTokenService(broker.config().accountId(), broker.config().partition(), auth),
            broker.config().clock());
        final TlsContext tls = config.tls() ? tlsContext(config) : null;
        this.certificate = tls != null ? tls.certificate() : null;
        // Named so that a thread dump, or a test looking for leaks, can tell them from a Netty client's.
        this.bossGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(THREAD_PREFIX + "boss"),
            NioIoHandler.newFactory());
        this.workerGroup = new MultiThreadIoEventLoopGroup(config.ioThreads(),
            new DefaultThreadFactory(THREAD_PREFIX + "io"), NioIoHandler.newFactory());
        try {
            this.channel = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .childHandler(new KinesisChannelInitializer(handler, tls != null ? tls.sslContext() : null))
                .bind(config.host(), config.port())
                .sync()
                .channel();
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
            shutdownGroups();
            throw new IllegalStateException("interrupted while binding " + config.host() + ":" + config.port(), ex);
        } catch (final RuntimeException ex) {
            shutdownGroups();
            throw ex;
        }
        final InetSocketAddress address = (InetSocketAddress) channel.localAddress();
        this.endpoint = URI.create((config.tls() ? "https" : "http") + "://" + hostForUri(config.host()) + ":"
            + address.getPort());
        LOG.info("Kinesis endpoint listening on {}", endpoint);
    }

    /**
     * Starts serving a broker. With {@link ServerConfig.Builder#credentials credentials} configured, every
     * request must carry a valid AWS Signature Version 4 for them, scoped to the broker's region and dated
     * within five minutes of the broker's clock; without, any signature (or none) is accepted.
     *
     * @param broker the broker; it stays the caller's to close.
     * @param config where to listen and how to authenticate.
     * @return the running server.
     */
    public static KinesisServer start(final KinesisBroker broker, final ServerConfig config) {
        final RequestAuthenticator auth = config.accessKeyId() == null ? RequestAuthenticator.ACCEPT_ALL
            : new SigV4Authenticator(config.accessKeyId(), config.secretAccessKey(), broker.config().region(),
                broker.config().clock());
        return new KinesisServer(broker, config, auth);
    }

    private static TlsContext tlsContext(final ServerConfig config) {
        if (config.certificateChainPem() != null) {
            return TlsContext.fromPem(config.certificateChainPem(), config.privateKeyPem());
        }
        return TlsContext.selfSigned(config.host(), Instant.now());
    }

    private static String hostForUri(final String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /**
     * The port the server listens on.
     *
     * @return the bound port, also when an ephemeral one was asked for.
     */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /**
     * The URL to give an AWS SDK as its endpoint override.
     *
     * @return e.g. {@code http://127.0.0.1:4567}.
     */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * The certificate the server presents over HTTPS, for clients that verify it rather than trusting all.
     *
     * @return the certificate, generated at start unless the configuration named one; empty without TLS.
     */
    public Optional<X509Certificate> certificate() {
        return Optional.ofNullable(certificate);
    }

    /**
     * How many events the server's SubscribeToShard streams hold for their clients; for tests of flow control.
     *
     * @return events taken from the broker and not yet written out.
     */
    int eventsAwaitingWrite() {
        return handler.eventsAwaitingWrite();
    }

    /**
     * Stops accepting connections, lets requests in flight finish, and releases the threads; idempotent.
     */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        shutdownGroups();
        LOG.info("Kinesis endpoint on {} stopped", endpoint);
    }

    /**
     * Shuts both groups down, waiting a bounded time for each: once, a worker group of a server that had a
     * profiler attached never terminated (its threads stayed in {@code select} after the shutdown), which left a
     * SIGTERM'd process hanging before it closed its broker. A group still running after the wait is logged and
     * left to die with the process; the channel is already closed, so it takes no more requests.
     */
    private void shutdownGroups() {
        for (final EventLoopGroup group : List.of(bossGroup, workerGroup)) {
            if (!shutDown(group, TimeUnit.SECONDS.toMillis(SHUTDOWN_WAIT_SECONDS))) {
                LOG.warn("Kinesis endpoint on {}: its event loops did not stop within {} s; going on without them",
                    endpoint, SHUTDOWN_WAIT_SECONDS);
            }
        }
    }

    /**
     * Shuts a group down and waits for it to terminate, at most {@code waitMillis}.
     *
     * @param group      the group.
     * @param waitMillis how long to wait.
     * @return whether the group terminated in time.
     */
    static boolean shutDown(final EventLoopGroup group, final long waitMillis) {
        return group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
            .awaitUninterruptibly(waitMillis);
    }
}
