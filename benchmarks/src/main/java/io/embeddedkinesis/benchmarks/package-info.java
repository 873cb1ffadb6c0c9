/**
 * JMH benchmarks of embedded-kinesis, each measured against a raw Chronicle Queue baseline in the same run.
 *
 * <p>Sub-packages mirror the code under test: {@link io.embeddedkinesis.benchmarks.core} measures
 * {@code io.embeddedkinesis.core.KinesisBroker}; {@link io.embeddedkinesis.benchmarks.baseline} holds the raw
 * Chronicle Queue that the library's numbers are divided by. This package holds what every benchmark
 * shares: the forked JVM's flags ({@link io.embeddedkinesis.benchmarks.BenchmarkJvm}), realistic partition
 * keys and payloads, and temporary directories.
 *
 * <p>What matters is the ratio library / baseline from the same run, not the absolute numbers, which
 * depend on the machine; see {@code benchmarks/README.md}.
 */
package io.embeddedkinesis.benchmarks;
