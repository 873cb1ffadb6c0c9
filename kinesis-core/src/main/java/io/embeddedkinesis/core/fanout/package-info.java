/**
 * Enhanced fan-out: consumers registered with a stream ({@link io.embeddedkinesis.core.fanout.ConsumerRegistry},
 * {@link io.embeddedkinesis.core.fanout.ConsumerListing}) and their push subscriptions to shards
 * ({@link io.embeddedkinesis.core.fanout.ShardSubscriptions}), served by one dispatcher thread that the write
 * path wakes.
 */
package io.embeddedkinesis.core.fanout;
