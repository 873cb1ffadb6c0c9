/**
 * Benchmarks of {@link io.embeddedkinesis.core.KinesisBroker}: the put and read paths, with throttling
 * switched off, each against {@link io.embeddedkinesis.benchmarks.baseline.RawChronicleLog} storing or
 * reading the same entries in the same run.
 */
package io.embeddedkinesis.benchmarks.core;
