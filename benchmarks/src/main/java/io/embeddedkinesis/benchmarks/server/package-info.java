/**
 * Benchmarks of {@code io.embeddedkinesis.server.KinesisServer}, the wire endpoint, as an application sees it:
 * the AWS SDK for Java v2's sync client on the Apache 5 HTTP client, over loopback, from one thread.
 *
 * <p>Each class measures one operation against several targets in the same run: kinesis-server on an
 * embedded broker with throttling off, in both of the SDK's encodings (CBOR, its default, and AWS JSON 1.1);
 * kinesalite, the Node.js emulator, in JSON, since it cuts CBOR responses longer than 16 KiB short; and, as
 * the baseline, {@link io.embeddedkinesis.benchmarks.baseline.CannedKinesisEndpoint}, whose fixed responses
 * leave only the client's own work to measure. {@code benchmarks/run-server.sh} starts kinesalite, runs
 * them and prints the comparison; see {@code benchmarks/README.md}.
 */
package io.embeddedkinesis.benchmarks.server;
