/**
 * Files the broker keeps its metadata in: replaced atomically and durably ({@link
 * io.embeddedkinesis.core.files.DurableFiles}), so that a crash never leaves a torn file.
 */
package io.embeddedkinesis.core.files;
