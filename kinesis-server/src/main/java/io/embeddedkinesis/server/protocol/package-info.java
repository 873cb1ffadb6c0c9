/**
 * The Kinesis JSON protocol (AWS JSON 1.1 and CBOR): request type checks, response encoding, error
 * bodies, and the table of operations mapped onto the broker.
 */
package io.embeddedkinesis.server.protocol;
