package io.embeddedkinesis.examples;

import java.util.List;

/**
 * What {@link ConsumerFailoverDemo} produced and processed.
 *
 * @param produced          orders put.
 * @param distinctProcessed orders processed at least once.
 * @param processedByFirst  deliveries to {@code worker-1}, which was halted midway.
 * @param processedBySecond deliveries to {@code worker-2}, which took over.
 * @param redelivered       deliveries beyond the first of an order: at-least-once after the failover.
 * @param leaseOwners       the owner of each lease at the end.
 */
public record FailoverSummary(int produced, int distinctProcessed, int processedByFirst, int processedBySecond,
    int redelivered, List<String> leaseOwners) {
    /**
     * Copies the owners.
     *
     * @param produced          see the class description.
     * @param distinctProcessed see the class description.
     * @param processedByFirst  see the class description.
     * @param processedBySecond see the class description.
     * @param redelivered       see the class description.
     * @param leaseOwners       see the class description.
     */
    public FailoverSummary {
        leaseOwners = List.copyOf(leaseOwners);
    }

    /**
     * Whether every order put was processed at least once.
     *
     * @return true if none was lost.
     */
    public boolean everyOrderProcessed() {
        return distinctProcessed == produced;
    }
}
