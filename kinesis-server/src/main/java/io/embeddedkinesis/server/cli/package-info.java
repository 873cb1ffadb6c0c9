/**
 * The {@code kinesis-server} command line (picocli): {@code serve} runs an endpoint until SIGTERM.
 */
package io.embeddedkinesis.server.cli;
