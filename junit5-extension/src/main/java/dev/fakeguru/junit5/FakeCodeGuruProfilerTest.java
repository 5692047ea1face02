package dev.fakeguru.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Runs the annotated test class against one fake CodeGuru Profiler.
 *
 * <p>The fake is started before the class's first test (before {@code @BeforeAll} methods), reset
 * before every test (unless {@link #resetEachTest()} is false) and closed after the class's last
 * test. Test methods, lifecycle methods and constructors may declare parameters of these types:
 *
 * <ul>
 *   <li>{@link dev.fakeguru.FakeCodeGuruProfiler}, the running fake;
 *   <li>{@link java.net.URI}, its endpoint;
 *   <li>when the AWS SDK v2 {@code codeguruprofiler} artifact is on the classpath, a ready {@code
 *       CodeGuruProfilerClient} or {@code CodeGuruProfilerAsyncClient} (endpoint override, the
 *       fake's region, dummy static credentials), closed by the extension when the test or class
 *       ends.
 * </ul>
 *
 * <pre>{@code
 * @FakeCodeGuruProfilerTest(profilingGroups = "checkout", failOnUnexpectedCalls = true)
 * class UploaderTest {
 *   @Test
 *   void uploadsOneProfile(FakeCodeGuruProfiler fake, CodeGuruProfilerClient client) {
 *     new Uploader(client, "checkout").upload(sampleProfile());
 *     assertThat(fake.profilePosts("checkout")).hasSize(1);
 *   }
 * }
 * }</pre>
 *
 * <p><b>Inheritance and nesting.</b> The annotation is {@link Inherited}: every subclass gets its
 * own fake, configured by the nearest annotated superclass. {@code @Nested} classes share the fake
 * of their enclosing class, configured by the outermost annotated class that started it; attributes
 * repeated on a {@code @Nested} class only change {@link #resetEachTest()} and {@link
 * #failOnUnexpectedCalls()} for its tests (and likewise {@link #failOnUnconsumedScripts()}). It
 * also works as a meta-annotation on your own composed annotations.
 *
 * <p><b>Failures.</b> When a test, {@code @BeforeEach} or {@code @AfterEach} method fails, the
 * failure carries a suppressed exception listing every call the fake received ({@link
 * dev.fakeguru.FakeCodeGuruProfiler#describeArrivals()}).
 *
 * <p><b>Parallel execution.</b> Supported. Classes run in parallel, each with its own fake on its
 * own port. Because the tests of one class share its fake, a resource lock (contributed
 * automatically through {@code @ResourceLock(providers = ...)}) keeps them from running at the same
 * time while {@link #resetEachTest()} is true. With {@code resetEachTest = false} they may run
 * concurrently; give each its own profiling group and filter what you assert on (e.g. {@code
 * fake.profilePosts(group)}). For concurrent tests with private state use
 * {@code @RegisterExtension} on an instance field instead: one fake per test. {@link
 * #pointSdkClientsAtFake()} sets JVM-wide system properties, so it also takes the {@code
 * SYSTEM_PROPERTIES} lock for the whole class.
 *
 * @see FakeCodeGuruProfilerExtension
 * @since 0.1
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FakeCodeGuruProfilerExtension.class)
@ResourceLock(providers = AnnotationLocks.class)
@API(status = API.Status.STABLE, since = "0.1")
public @interface FakeCodeGuruProfilerTest {
  /** Profiling groups that exist at the start of every test (re-created by each reset). */
  String[] profilingGroups() default {};

  /** Whether an unknown profiling group is created on first use instead of answering 404. */
  boolean autoCreateProfilingGroups() default false;

  /** The region in ARNs and of injected clients; empty means the fake's default, us-east-1. */
  String region() default "";

  /**
   * Strict mode for calls: fail a test, after it ran, when the fake answered any call with an error
   * that no test set up ({@link dev.fakeguru.FakeCodeGuruProfiler#unexpectedCalls()}), such as a
   * call for an unknown profiling group or with invalid input.
   */
  boolean failOnUnexpectedCalls() default false;

  /**
   * Strict mode for scripts: fail a test, after it ran, when an answer it queued (GetProfile or
   * ConfigureAgent) was never served ({@link
   * dev.fakeguru.FakeCodeGuruProfiler#unconsumedScripts()}).
   */
  boolean failOnUnconsumedScripts() default false;

  /**
   * Whether the fake is reset before each test (recorded calls, stored profiles and profiling
   * groups; the port stays). Set false to keep state built in {@code @BeforeAll} across tests.
   */
  boolean resetEachTest() default true;

  /**
   * The instant the fake's {@link dev.fakeguru.time.SettableClock} starts at (and goes back to on
   * reset), in ISO-8601 form such as {@code "2024-01-02T03:00:00Z"}; empty means a ticking clock
   * that follows the system time and can still be advanced ({@link
   * dev.fakeguru.time.SettableClock#ticking()}).
   */
  String clockStart() default "";

  /**
   * Whether AWS SDK clients that the code under test builds itself, with default settings, reach
   * the fake: while the class runs the SDK's system properties {@code aws.endpointUrl}, {@code
   * aws.endpointUrlCodeGuruProfiler}, {@code aws.region}, {@code aws.accessKeyId} and {@code
   * aws.secretAccessKey} point at the fake (and {@code aws.sessionToken} is cleared); they are
   * restored afterwards. Off by default because system properties are global to the JVM.
   */
  boolean pointSdkClientsAtFake() default false;
}
