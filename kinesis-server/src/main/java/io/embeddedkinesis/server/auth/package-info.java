/**
 * Request authentication: AWS Signature Version 4, verified when credentials are configured.
 */
package io.embeddedkinesis.server.auth;
