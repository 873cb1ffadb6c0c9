package io.embeddedkinesis.core.log;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChronicleRuntimeTest {
    @Test
    void shouldTellUsersTheSameFlagsTheBuildRunsWith() {
        final List<String> buildFlags = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(argument -> argument.startsWith("--add-")).toList();

        assertThat(buildFlags).containsExactlyInAnyOrderElementsOf(ChronicleRuntime.REQUIRED_JVM_FLAGS);
    }
}
