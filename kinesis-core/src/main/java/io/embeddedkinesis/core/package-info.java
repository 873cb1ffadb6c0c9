/**
 * Kinesis Data Streams in one JVM.
 */
package io.embeddedkinesis.core;
