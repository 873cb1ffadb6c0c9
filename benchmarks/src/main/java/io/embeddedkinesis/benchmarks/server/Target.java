package io.embeddedkinesis.benchmarks.server;

import java.util.Locale;

/**
 * What an endpoint benchmark talks to, and in which encoding, parsed from a JMH parameter such as
 * {@code kinesis-server-json}: the endpoint's name, a dash, then {@code json} or {@code cbor}.
 *
 * @param endpoint the endpoint.
 * @param cbor     true for the SDK's default CBOR, false for AWS JSON 1.1.
 */
record Target(Endpoint endpoint, boolean cbor) {
    /** The endpoints. */
    enum Endpoint {
        /** kinesis-server, in-process, on an embedded broker with throttling off. */
        KINESIS_SERVER("kinesis-server"),
        /** kinesis-server in a JVM of its own, started per trial: {@link ServerProcess}. */
        KINESIS_SERVER_PROCESS("kinesis-server-process"),
        /** kinesalite, a Node.js process started outside the benchmark; see {@link EndpointFixture}. */
        KINESALITE("kinesalite"),
        /** {@link io.embeddedkinesis.benchmarks.baseline.CannedKinesisEndpoint}, in-process. */
        CANNED("canned");

        private final String parameterName;

        Endpoint(final String parameterName) {
            this.parameterName = parameterName;
        }
    }

    /**
     * Parses a JMH parameter.
     *
     * @param parameter e.g. {@code kinesalite-json}.
     * @return the target.
     * @throws IllegalArgumentException if the parameter names no endpoint and encoding.
     */
    static Target parse(final String parameter) {
        final int dash = parameter.lastIndexOf('-');
        final String encoding = parameter.substring(dash + 1).toLowerCase(Locale.ROOT);
        if (dash > 0 && (encoding.equals("json") || encoding.equals("cbor"))) {
            final String name = parameter.substring(0, dash);
            for (final Endpoint endpoint : Endpoint.values()) {
                if (endpoint.parameterName.equals(name)) {
                    return new Target(endpoint, encoding.equals("cbor"));
                }
            }
        }
        throw new IllegalArgumentException("target must be kinesis-server, kinesis-server-process, kinesalite or"
            + " canned, then -json or -cbor: target=" + parameter);
    }
}
