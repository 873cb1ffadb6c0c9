/**
 * Shards as the broker holds them: identity, hash key range, log and limiters.
 */
package io.embeddedkinesis.core.shard;
