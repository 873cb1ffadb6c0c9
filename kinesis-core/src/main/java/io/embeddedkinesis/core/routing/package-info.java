/**
 * Kinesis routing, as pure logic: partition key to MD5 hash key, hash key to shard. No files, no threads.
 */
package io.embeddedkinesis.core.routing;
