package io.embeddedkinesis.core.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.embeddedkinesis.core.exception.InternalFailureException;
import io.embeddedkinesis.core.files.DurableFiles;
import io.embeddedkinesis.core.routing.HashKey;
import io.embeddedkinesis.core.routing.HashKeyRange;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An application's lease table: one lease per shard, kept in memory and written through to one JSON file
 * per lease under {@code <broker directory>/applications/<application>/leases/}. Each write goes to a
 * temporary file that is forced to disk and then atomically renamed over the lease's file, so a crash
 * leaves either the old lease or the new one, never a torn one; leftover temporary files are ignored.
 *
 * <p>Changes are conditional, as DynamoDB's conditional writes are in the KCL: {@link #replace} succeeds only
 * if the stored lease still has the counter the caller read, which is how a worker learns it lost a lease.
 *
 * <p>Thread-safe: the workers of an application share it, and every method holds its lock.
 */
final class LeaseTable {
    private static final String SUFFIX = ".json";

    private final Path directory;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, Lease> leases = new TreeMap<>();

    /**
     * Loads the table.
     *
     * @param directory the directory of the lease files, created if missing.
     */
    LeaseTable(final Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
                for (final Path file : files) {
                    final Lease lease = mapper.readValue(file.toFile(), LeaseDocument.class).toLease();
                    leases.put(lease.leaseKey(), lease);
                }
            }
        } catch (final IOException ex) {
            throw new InternalFailureException("Internal service failure.", ex);
        }
    }

    /** Every lease, by lease key. */
    synchronized List<Lease> list() {
        return new ArrayList<>(leases.values());
    }

    /** One lease, or null. */
    synchronized Lease get(final String leaseKey) {
        return leases.get(leaseKey);
    }

    /** Adds a lease unless the shard has one; true if added. */
    synchronized boolean createIfAbsent(final Lease lease) {
        if (leases.containsKey(lease.leaseKey())) {
            return false;
        }
        write(lease);
        return true;
    }

    /**
     * Replaces a lease if it is still as the caller read it.
     *
     * @param expected the lease as read: its counter must still be the stored one.
     * @param updated  the new lease.
     * @return true if replaced; false if another change came first.
     */
    synchronized boolean replace(final Lease expected, final Lease updated) {
        final Lease current = leases.get(expected.leaseKey());
        if (current == null || current.leaseCounter() != expected.leaseCounter()) {
            return false;
        }
        write(updated);
        return true;
    }

    /** Deletes a lease if it is still as the caller read it; true if deleted. */
    synchronized boolean delete(final Lease expected) {
        final Lease current = leases.get(expected.leaseKey());
        if (current == null || current.leaseCounter() != expected.leaseCounter()) {
            return false;
        }
        try {
            Files.deleteIfExists(file(expected.leaseKey()));
        } catch (final IOException ex) {
            throw new InternalFailureException("Internal service failure.", ex);
        }
        leases.remove(expected.leaseKey());
        return true;
    }

    private void write(final Lease lease) {
        final Path target = file(lease.leaseKey());
        try {
            DurableFiles.replace(target, mapper.writeValueAsBytes(LeaseDocument.of(lease)));
        } catch (final IOException ex) {
            throw new InternalFailureException("Internal service failure.", ex);
        }
        leases.put(lease.leaseKey(), lease);
    }

    private Path file(final String leaseKey) {
        return directory.resolve(leaseKey + SUFFIX);
    }

    /**
     * A lease file's content: the KCL lease table item's attributes, hash keys as decimal strings.
     *
     * @param leaseKey                          the shard id.
     * @param leaseOwner                        the owning worker, or null.
     * @param leaseCounter                      the counter.
     * @param checkpoint                        the checkpoint's sequence number or sentinel.
     * @param checkpointSubSequenceNumber       its sub-sequence number.
     * @param pendingCheckpoint                 the pending checkpoint's sequence number, or null.
     * @param pendingCheckpointSubSequenceNumber its sub-sequence number.
     * @param pendingCheckpointState            the pending application state, base64 in the file, or null.
     * @param ownerSwitchesSinceCheckpoint      the owner switches since the checkpoint.
     * @param parentShardIds                    the parents.
     * @param childShardIds                     the children.
     * @param startingHashKey                   the first hash key.
     * @param endingHashKey                     the last hash key.
     */
    record LeaseDocument(String leaseKey, String leaseOwner, long leaseCounter, String checkpoint,
        long checkpointSubSequenceNumber, String pendingCheckpoint, long pendingCheckpointSubSequenceNumber,
        byte[] pendingCheckpointState, long ownerSwitchesSinceCheckpoint, List<String> parentShardIds,
        List<String> childShardIds, String startingHashKey, String endingHashKey) {

        static LeaseDocument of(final Lease lease) {
            final ExtendedSequenceNumber pending = lease.pendingCheckpoint();
            return new LeaseDocument(lease.leaseKey(), lease.leaseOwner(), lease.leaseCounter(),
                lease.checkpoint().sequenceNumber(), lease.checkpoint().subSequenceNumber(),
                pending == null ? null : pending.sequenceNumber(), pending == null ? 0 : pending.subSequenceNumber(),
                lease.pendingCheckpointState(), lease.ownerSwitchesSinceCheckpoint(), lease.parentShardIds(),
                lease.childShardIds(), lease.hashKeyRange().startingHashKey().toString(),
                lease.hashKeyRange().endingHashKey().toString());
        }

        Lease toLease() {
            final ExtendedSequenceNumber pending = pendingCheckpoint == null ? null
                : new ExtendedSequenceNumber(pendingCheckpoint, pendingCheckpointSubSequenceNumber);
            return new Lease(leaseKey, leaseOwner, leaseCounter,
                new ExtendedSequenceNumber(checkpoint, checkpointSubSequenceNumber), pending, pendingCheckpointState,
                ownerSwitchesSinceCheckpoint, parentShardIds == null ? List.of() : parentShardIds,
                childShardIds == null ? List.of() : childShardIds,
                new HashKeyRange(HashKey.of(new BigInteger(startingHashKey)),
                    HashKey.of(new BigInteger(endingHashKey))));
        }
    }
}
