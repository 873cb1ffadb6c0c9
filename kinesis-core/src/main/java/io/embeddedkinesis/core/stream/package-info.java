/**
 * Streams: their lifecycle (CREATING, ACTIVE, DELETING), settings, retention, tags, resource policies and
 * on-disk metadata, and the registry that holds them all.
 */
package io.embeddedkinesis.core.stream;
