/**
 * Opaque, tamper-proof tokens: shard iterators and pagination tokens are sealed broker state.
 */
package io.embeddedkinesis.core.token;
