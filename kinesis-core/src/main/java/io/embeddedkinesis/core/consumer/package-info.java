/**
 * Reading streams: shard iterators and {@code GetRecords}, and the reading rules ({@code ShardReads}) that
 * {@code SubscribeToShard} shares with them.
 */
package io.embeddedkinesis.core.consumer;
