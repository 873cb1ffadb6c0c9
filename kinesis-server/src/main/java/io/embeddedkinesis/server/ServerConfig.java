package io.embeddedkinesis.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a {@link KinesisServer} listens and whom it lets in. Immutable; build one with {@link #builder()}.
 */
public final class ServerConfig {
    private final String host;
    private final int port;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final boolean tls;
    private final Path certificateChainPem;
    private final Path privateKeyPem;
    private final int ioThreads;

    private ServerConfig(final Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.accessKeyId = builder.accessKeyId;
        this.secretAccessKey = builder.secretAccessKey;
        this.tls = builder.tls;
        this.certificateChainPem = builder.certificateChainPem;
        this.privateKeyPem = builder.privateKeyPem;
        this.ioThreads = builder.ioThreads;
    }

    /**
     * Starts a configuration: 127.0.0.1, an ephemeral port, no credentials, plain HTTP.
     *
     * @return a builder.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The address to bind.
     *
     * @return a host name or IP address; 127.0.0.1 by default, so nothing outside the machine can connect.
     */
    public String host() {
        return host;
    }

    /**
     * The port to bind.
     *
     * @return the port, or 0 for an ephemeral one.
     */
    public int port() {
        return port;
    }

    /**
     * The access key id requests must be signed with.
     *
     * @return the key id, or null to accept any signature (or none), as local emulators do.
     */
    public String accessKeyId() {
        return accessKeyId;
    }

    /**
     * The secret of {@link #accessKeyId()}.
     *
     * @return the secret, or null.
     */
    public String secretAccessKey() {
        return secretAccessKey;
    }

    /**
     * Whether the endpoint speaks HTTPS (HTTP/2 and HTTP/1.1, chosen by ALPN), with the certificate of
     * {@link #certificateChainPem()} or else a self-signed one generated at start.
     *
     * @return true for HTTPS.
     */
    public boolean tls() {
        return tls;
    }

    /**
     * The certificate chain to serve HTTPS with, used only when {@link #tls()} is set.
     *
     * @return a PEM file, server certificate first; or null for a self-signed certificate generated at start,
     *     valid for localhost, 127.0.0.1, ::1 and the bind {@link #host()}.
     */
    public Path certificateChainPem() {
        return certificateChainPem;
    }

    /**
     * The private key of {@link #certificateChainPem()}.
     *
     * @return a PEM file (PKCS#8, or PKCS#1 / SEC 1), unencrypted; or null with a generated certificate.
     */
    public Path privateKeyPem() {
        return privateKeyPem;
    }

    /**
     * How many event-loop threads serve connections.
     *
     * @return the thread count; 0 for one per available processor.
     */
    public int ioThreads() {
        return ioThreads;
    }

    /**
     * Builds a {@link ServerConfig}. Not thread-safe.
     */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private String accessKeyId;
        private String secretAccessKey;
        private boolean tls;
        private Path certificateChainPem;
        private Path privateKeyPem;
        private int ioThreads;

        private Builder() {
        }

        /**
         * Sets the address to bind, e.g. {@code 0.0.0.0} to accept connections from other machines.
         *
         * @param host the address.
         * @return this builder.
         */
        public Builder host(final String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * Sets the port; 0 picks a free one, which {@link KinesisServer#port()} then reports.
         *
         * @param port 0 to 65535.
         * @return this builder.
         */
        public Builder port(final int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535: port=" + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Requires every request to be signed (AWS Signature Version 4) with these credentials, for the
         * service {@code kinesis} in the broker's region, at a time within five minutes of the broker's clock.
         * Requests are refused with the errors Kinesis gives ({@code MissingAuthenticationTokenException},
         * {@code IncompleteSignatureException}, {@code UnrecognizedClientException},
         * {@code InvalidSignatureException}).
         *
         * @param accessKeyId     the access key id.
         * @param secretAccessKey its secret.
         * @return this builder.
         */
        public Builder credentials(final String accessKeyId, final String secretAccessKey) {
            this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
            this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
            return this;
        }

        /**
         * Serves HTTPS, with a self-signed certificate generated at start unless
         * {@link #tlsCertificate(Path, Path)} gives one. Clients must trust it: the AWS SDK with
         * {@code TRUST_ALL_CERTIFICATES}, or anything with {@link KinesisServer#certificate()} in its trust store.
         *
         * @param tls true for HTTPS.
         * @return this builder.
         */
        public Builder tls(final boolean tls) {
            this.tls = tls;
            return this;
        }

        /**
         * Serves HTTPS with this certificate instead of a generated one; implies {@code tls(true)}.
         *
         * @param certificateChainPem a readable PEM file holding the server certificate, then any intermediates.
         * @param privateKeyPem       a readable PEM file holding the certificate's unencrypted private key.
         * @return this builder.
         */
        public Builder tlsCertificate(final Path certificateChainPem, final Path privateKeyPem) {
            this.certificateChainPem = readable(certificateChainPem, "certificateChainPem");
            this.privateKeyPem = readable(privateKeyPem, "privateKeyPem");
            this.tls = true;
            return this;
        }

        private static Path readable(final Path file, final String name) {
            Objects.requireNonNull(file, name);
            if (!Files.isReadable(file) || Files.isDirectory(file)) {
                throw new IllegalArgumentException(name + " must be a readable file: " + name + "=" + file);
            }
            return file;
        }

        /**
         * Sets how many event-loop threads serve connections.
         *
         * @param threads at least 0; 0 for one per available processor.
         * @return this builder.
         */
        public Builder ioThreads(final int threads) {
            if (threads < 0) {
                throw new IllegalArgumentException("ioThreads must not be negative: threads=" + threads);
            }
            this.ioThreads = threads;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration.
         */
        public ServerConfig build() {
            return new ServerConfig(this);
        }
    }
}
