package io.embeddedkinesis.core.it;

import io.embeddedkinesis.core.KinesisBroker;

/**
 * The child process of {@link MissingJvmFlagsIT}: opens a broker and prints the failure.
 */
public final class MissingJvmFlags {
    private MissingJvmFlags() {
    }

    /**
     * @param args unused.
     */
    public static void main(final String[] args) {
        try (KinesisBroker broker = KinesisBroker.open()) {
            broker.createStream("s", 1);
            broker.putRecord("s", "k", new byte[] {1});
            System.out.println("OPENED " + broker.directory());
            System.out.println("ANALYTICS DISABLED " + System.getProperty("chronicle.analytics.disable"));
        } catch (final IllegalStateException ex) {
            System.out.println("REFUSED " + ex.getMessage());
        }
    }
}
