/**
 * Reading streams: shard iterators and {@code GetRecords}.
 */
package io.embeddedkinesis.core.consumer;
