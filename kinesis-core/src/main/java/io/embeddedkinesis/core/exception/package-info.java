/**
 * The errors of the Kinesis API, one unchecked exception per Kinesis error name, all extending
 * {@link io.embeddedkinesis.core.exception.KinesisException};
 * {@link io.embeddedkinesis.core.exception.KinesisErrorCode} maps wire names to classes.
 */
package io.embeddedkinesis.core.exception;
