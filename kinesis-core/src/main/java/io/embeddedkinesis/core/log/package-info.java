/**
 * The shard log: an append-only, memory-mapped log of timestamped entries behind the
 * {@link io.embeddedkinesis.core.log.ShardLog} API, stored with Chronicle Queue. This is the only package
 * that imports Chronicle types; the rest of the code, and the sibling modules, talk to {@code ShardLog}.
 */
package io.embeddedkinesis.core.log;
