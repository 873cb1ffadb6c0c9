/**
 * Baselines: what a benchmark's subject is divided by, in the same run.
 *
 * <p>{@link io.embeddedkinesis.benchmarks.baseline.RawChronicleLog} is Chronicle Queue used directly,
 * configured as the shard logs configure it, storing the same bytes: a broker benchmark's score divided by
 * its score is the share of raw Chronicle throughput the library keeps.
 * {@link io.embeddedkinesis.benchmarks.baseline.CannedKinesisEndpoint} is an HTTP endpoint that answers
 * with fixed responses: an endpoint benchmark's score divided by its score is the share of the AWS SDK
 * client's own ceiling that the endpoint keeps. {@link io.embeddedkinesis.benchmarks.baseline.LoopbackEcho} (a
 * bare TCP round trip over loopback) and {@link io.embeddedkinesis.benchmarks.baseline.InMemoryKinesisHttpClient}
 * (the SDK client's work with no HTTP exchange) are the two halves of the floor under any endpoint's latency.
 */
package io.embeddedkinesis.benchmarks.baseline;
