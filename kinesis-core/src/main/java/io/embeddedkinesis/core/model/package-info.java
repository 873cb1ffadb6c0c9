/**
 * The requests and results of the Kinesis operations, named as the Kinesis API names them: small
 * immutable values, records where plain data suffices.
 */
package io.embeddedkinesis.core.model;
