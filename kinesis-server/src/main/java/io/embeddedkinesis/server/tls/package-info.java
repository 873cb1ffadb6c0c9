/**
 * HTTPS for the endpoint: the server's certificate, generated at start or read from PEM files, and the TLS
 * context that offers HTTP/2 and HTTP/1.1 by ALPN. The only package that sees BouncyCastle.
 */
package io.embeddedkinesis.server.tls;
