/**
 * The shard log: an append-only, memory-mapped log of timestamped entries behind the
 * {@link io.embeddedkinesis.core.log.ShardLog} API, stored with Chronicle Queue. This is the only package
 * that imports Chronicle types; the rest of the code, and the sibling modules, talk to {@code ShardLog}.
 * An entry larger than one excerpt is stored as a run of fragments and read back whole
 * ({@link io.embeddedkinesis.core.log.RecordDescriptor}), so a shard's mapped blocks never grow with its
 * stream's maximum record size.
 */
package io.embeddedkinesis.core.log;
