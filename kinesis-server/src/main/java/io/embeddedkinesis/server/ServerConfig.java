package io.embeddedkinesis.server;

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
    private final int ioThreads;

    private ServerConfig(final Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.accessKeyId = builder.accessKeyId;
        this.secretAccessKey = builder.secretAccessKey;
        this.tls = builder.tls;
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
     * Whether the endpoint speaks HTTPS, with a self-signed certificate generated at start.
     *
     * @return true for HTTPS.
     */
    public boolean tls() {
        return tls;
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
         * Serves HTTPS with a self-signed certificate generated at start.
         *
         * @param tls true for HTTPS.
         * @return this builder.
         */
        public Builder tls(final boolean tls) {
            this.tls = tls;
            return this;
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
