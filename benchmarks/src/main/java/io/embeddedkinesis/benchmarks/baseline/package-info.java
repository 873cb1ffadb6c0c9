/**
 * Baselines: Chronicle Queue used directly, configured as the shard logs configure it, storing the same
 * bytes. A benchmark's library score divided by its baseline score is the share of raw Chronicle
 * throughput the library keeps.
 */
package io.embeddedkinesis.benchmarks.baseline;
