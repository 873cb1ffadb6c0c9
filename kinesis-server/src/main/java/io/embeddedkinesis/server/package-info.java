/**
 * A Kinesis Data Streams endpoint for unchanged AWS SDK and CLI code.
 */
package io.embeddedkinesis.server;
