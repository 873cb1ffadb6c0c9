/**
 * Per-shard throughput limits as token buckets on the injected clock, as pure logic: the caller passes
 * the time, nothing here reads a clock, touches a file or starts a thread.
 */
package io.embeddedkinesis.core.throttle;
