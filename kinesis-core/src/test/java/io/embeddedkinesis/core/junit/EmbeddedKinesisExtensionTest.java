package io.embeddedkinesis.core.junit;

import io.embeddedkinesis.core.exception.ValidationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs the sample test classes of {@link ExtensionSamples} and {@link BadDeclarations} through the Jupiter
 * engine, as a build would, and checks what users rely on from outside a test: which tests share a broker,
 * that every broker is closed and its directory deleted, and how a bad declaration fails.
 */
class EmbeddedKinesisExtensionTest {

    @BeforeEach
    void forgetEarlierRuns() {
        ExtensionSamples.SEEN.clear();
    }

    @Test
    void shouldGiveEachTestMethodANewBrokerAndDeleteItAfterwards() {
        assertSucceeded(ExtensionSamples.PerMethod.class, 2);

        final List<TestBroker> seen = ExtensionSamples.SEEN;
        assertThat(seen).hasSize(2).doesNotHaveDuplicates();
        assertThat(seen.get(0).directory()).isNotEqualTo(seen.get(1).directory());
        assertClosedAndDeleted(seen);
    }

    @Test
    void shouldShareABrokerPerClassWithBeforeAllAndNestedClassesButNotWithAMethodThatDeclaresItsOwn() {
        assertSucceeded(ExtensionSamples.PerClass.class, 4);

        // @BeforeAll, first, second, third (own broker), then the @Nested class's test.
        final List<TestBroker> seen = ExtensionSamples.SEEN;
        assertThat(seen).hasSize(5);
        assertThat(List.of(seen.get(1), seen.get(2), seen.get(4))).allSatisfy(broker -> assertThat(broker)
            .isSameAs(seen.get(0)));
        assertThat(seen.get(3)).isNotSameAs(seen.get(0));
        assertClosedAndDeleted(seen);
    }

    @Test
    void shouldCreateDeclaredStreamsWithTheirModesLimitsAndRetention() {
        assertSucceeded(ExtensionSamples.Streams.class, 3);
    }

    @Test
    void shouldConfigureTheBrokerFromTheAnnotationAndAConfigurer() {
        assertSucceeded(ExtensionSamples.Configured.class, 2);
    }

    @Test
    void shouldGiveDefaultsToATestThatOnlyRegistersTheExtension() {
        assertSucceeded(ExtensionSamples.Undeclared.class, 1);
        assertClosedAndDeleted(ExtensionSamples.SEEN);
    }

    @Test
    void shouldReopenOnTheSameDirectoryAndInjectTheNewBroker() {
        assertSucceeded(ExtensionSamples.Reopened.class, 1);
        assertClosedAndDeleted(ExtensionSamples.SEEN);
    }

    @Test
    void shouldFailATestWhoseStreamTheBrokerRefusesWithTheBrokersMessage() {
        assertThat(testFailure(BadDeclarations.InvalidStreamName.class))
            .isInstanceOf(ExtensionConfigurationException.class)
            .hasMessage("@KinesisStream(name = \"bad/name\") on class " + BadDeclarations.InvalidStreamName.class
                .getName() + " could not be created: ValidationException: 1 validation error detected: Value"
                + " 'bad/name' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression"
                + " pattern: [a-zA-Z0-9_.-]+")
            .hasCauseInstanceOf(ValidationException.class);
        assertThat(testFailure(BadDeclarations.DuplicateStream.class))
            .hasMessageEndingWith("could not be created: ResourceInUseException: Stream s under account 000000000000"
                + " already exists.");
        assertThat(testFailure(BadDeclarations.OnDemandWithShards.class))
            .hasMessageEndingWith("could not be created: ValidationException: ShardCount is not expected when"
                + " StreamMode=ON_DEMAND");
        assertThat(testFailure(BadDeclarations.BeyondShardLimit.class))
            .hasMessageContaining("could not be created: LimitExceededException: This request would exceed the shard"
                + " limit for the account 000000000000 in us-east-1.");
    }

    @Test
    void shouldDeleteTheDirectoryOfABrokerWhoseStreamsCouldNotBeCreated(@TempDir final Path parent)
        throws IOException {
        final BrokerDeclaration declaration = BrokerDeclaration.forClass(BadDeclarations.DuplicateStream.class);

        assertThatThrownBy(() -> declaration.open(parent)).isInstanceOf(ExtensionConfigurationException.class);

        try (Stream<Path> left = Files.list(parent)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void shouldRefuseSettingsTheBrokerCannotHave() {
        assertThat(testFailure(BadDeclarations.UnreadableClockStart.class))
            .isInstanceOf(ExtensionConfigurationException.class)
            .hasMessage("@EmbeddedKinesis on class " + BadDeclarations.UnreadableClockStart.class.getName()
                + ": clockStart must be an ISO-8601 instant such as 2025-11-24T16:00:00Z: clockStart=yesterday");
        assertThat(testFailure(BadDeclarations.NegativeShardLimit.class))
            .isInstanceOf(ExtensionConfigurationException.class)
            .hasMessage("@EmbeddedKinesis on class " + BadDeclarations.NegativeShardLimit.class.getName()
                + " is not a valid broker configuration: shard limit must be positive: limit=-1");
        assertThat(testFailure(BadDeclarations.PerClassOnAMethod.class))
            .isInstanceOf(ExtensionConfigurationException.class)
            .hasMessage("@EmbeddedKinesis on method " + BadDeclarations.PerClassOnAMethod.class.getName()
                + ".test() asks for a broker per class, which only a class can declare: lifecycle=PER_CLASS");
    }

    @Test
    void shouldRefuseInjectionsThatNoBrokerCanServe() {
        assertThat(classFailure(BadDeclarations.StaticFieldPerMethod.class))
            .isInstanceOf(ExtensionConfigurationException.class)
            .hasMessage("static field broker of " + BadDeclarations.StaticFieldPerMethod.class.getName()
                + " can only be injected with a broker per class: declare @EmbeddedKinesis(lifecycle ="
                + " Lifecycle.PER_CLASS), or make the field an instance field");
        assertThat(classFailure(BadDeclarations.BeforeAllParameterPerMethod.class))
            .isInstanceOf(ParameterResolutionException.class)
            .hasMessage("no broker is open for " + BadDeclarations.BeforeAllParameterPerMethod.class.getName()
                + "'s @BeforeAll and @AfterAll methods: each test has a broker of its own unless the class declares"
                + " @EmbeddedKinesis(lifecycle = Lifecycle.PER_CLASS)");
        assertThat(testFailure(BadDeclarations.ConstructorParameter.class))
            .isInstanceOf(ParameterResolutionException.class)
            .hasMessage("a test's broker opens after its test instance is made: inject it into a field or a method"
                + " parameter, not into a constructor of " + BadDeclarations.ConstructorParameter.class.getName());
    }

    /** Runs a sample whose tests should all pass, and shows what failed if one did not. */
    private static void assertSucceeded(final Class<?> sample, final int tests) {
        final EngineExecutionResults results = run(sample);
        assertThat(Stream.concat(results.containerEvents().failed().stream(), results.testEvents().failed().stream())
            .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()))
            .isEmpty();
        results.testEvents().assertStatistics(stats -> stats.succeeded(tests).failed(0));
    }

    private static EngineExecutionResults run(final Class<?> sample) {
        return EngineTestKit.engine("junit-jupiter")
            .configurationParameter(OnlyInTestKit.PARAMETER, "true")
            .selectors(selectClass(sample))
            .execute();
    }

    /** The one failure of a sample's one test. */
    private static Throwable testFailure(final Class<?> sample) {
        return onlyFailure(run(sample).testEvents());
    }

    /** The one failure of a sample class as a whole, before or after its tests. */
    private static Throwable classFailure(final Class<?> sample) {
        return onlyFailure(run(sample).containerEvents());
    }

    private static Throwable onlyFailure(final Events events) {
        final List<Throwable> failures = events.failed().stream()
            .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
            .toList();
        assertThat(failures).hasSize(1);
        return failures.get(0);
    }

    private static void assertClosedAndDeleted(final List<TestBroker> brokers) {
        assertThat(brokers).isNotEmpty().allSatisfy(broker -> {
            assertThat(broker.directory()).doesNotExist();
            assertThatThrownBy(() -> broker.broker().listStreams()).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the broker is closed");
        });
    }
}
