/**
 * The HTTP side of the endpoint: Netty pipelines for HTTP/1.1 and HTTP/2, and the request handler.
 */
package io.embeddedkinesis.server.http;
