/**
 * The one AWS STS call Kinesis clients make of their own, {@code GetCallerIdentity}, answered on the Kinesis
 * endpoint in STS's Query protocol, so that the Kinesis Producer Library and scripts run against it unchanged.
 */
package io.embeddedkinesis.server.sts;
