package io.embeddedkinesis.core.log;

import java.util.ArrayList;
import java.util.List;

/**
 * Prepares the JVM for Chronicle Queue, once, before the first log opens.
 *
 * <p>Two things a library must get right here. Chronicle's usage telemetry and start-up banner are
 * switched off (the telemetry artifact is also excluded from the dependency): an embedded library must
 * never phone home or write into its user's home directory. And Chronicle maps files through JDK
 * internals that Java 17 closes by default; without the {@code --add-opens}/{@code --add-exports} flags it
 * fails deep inside its first mapping, so the check here fails first, naming every flag to add.
 */
public final class ChronicleRuntime {
    /**
     * The JVM flags Chronicle Queue needs on Java 17, as users should pass them: Chronicle's own list for
     * Java 17. The parent pom's {@code chronicle.jvm.flags} is the same list (a test checks it).
     */
    public static final List<String> REQUIRED_JVM_FLAGS = List.of(
        "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.util=ALL-UNNAMED",
        "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
        "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED",
        "--add-opens=java.base/java.nio=ALL-UNNAMED");

    private static final String[][] REQUIRED_ACCESS = {
        {"exports", "java.base", "jdk.internal.ref"},
        {"exports", "java.base", "sun.nio.ch"},
        {"opens", "java.base", "java.lang"},
        {"opens", "java.base", "java.lang.reflect"},
    };

    private ChronicleRuntime() {
    }

    /**
     * Switches off Chronicle's telemetry, banner and disk monitor thread and keeps JNA's scratch files out
     * of the home directory (unless the user set those properties), and checks the JVM flags.
     *
     * @throws IllegalStateException if a required flag is missing; the message lists the flags to add.
     */
    public static void prepare() {
        setIfAbsent("chronicle.analytics.disable", "true");
        setIfAbsent("chronicle.announcer.disable", "true");
        setIfAbsent("chronicle.disk.monitor.disable", "true");
        // Chronicle loads JNA, which would otherwise create ~/.cache/JNA/temp for its native stubs.
        setIfAbsent("jna.tmpdir", System.getProperty("java.io.tmpdir"));
        final List<String> missing = missingAccess();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("embedded-kinesis stores shards in Chronicle Queue, which needs JVM flags"
                + " that this JVM was started without (missing: " + String.join(", ", missing) + "). Start the JVM"
                + " with: " + String.join(" ", REQUIRED_JVM_FLAGS));
        }
    }

    private static List<String> missingAccess() {
        final Module self = ChronicleRuntime.class.getModule();
        final List<String> missing = new ArrayList<>();
        for (final String[] access : REQUIRED_ACCESS) {
            final Module module = ModuleLayer.boot().findModule(access[1]).orElseThrow();
            final boolean granted = "opens".equals(access[0])
                ? module.isOpen(access[2], self)
                : module.isExported(access[2], self);
            if (!granted) {
                missing.add("--add-" + access[0] + "=" + access[1] + "/" + access[2] + "=ALL-UNNAMED");
            }
        }
        return missing;
    }

    private static void setIfAbsent(final String name, final String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }
}
