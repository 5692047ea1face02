package dev.fakeguru.junit5;

import dev.fakeguru.AbstractProfilerFake;
import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.junit5.internal.ArrivalsReport;
import dev.fakeguru.junit5.internal.ExtensionFloors;
import dev.fakeguru.junit5.internal.FailureFlameGraphs;
import dev.fakeguru.junit5.internal.SdkClients;
import dev.fakeguru.junit5.internal.SdkSupport;
import dev.fakeguru.junit5.internal.ServerSlot;
import dev.fakeguru.junit5.internal.StoreResource;
import dev.fakeguru.junit5.internal.SystemPropertyOverride;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apiguardian.api.API;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * A JUnit Jupiter extension that starts a {@link FakeCodeGuruProfiler} for tests, resets it between
 * them and closes it; the fake itself lives in {@code fakeguru-core} and works without JUnit.
 *
 * <p><b>Lifetime comes from where the extension is declared:</b>
 *
 * <ul>
 *   <li>a {@code static} {@link RegisterExtension} field: one fake per test class, started before
 *       {@code @BeforeAll} methods, reset before each test (see {@link Builder#resetEachTest}),
 *       closed after the class. {@code @Nested} classes share it. Subclasses that inherit the field
 *       each get a fake of their own (a new one per class, or one shared by classes that run at the
 *       same time, since the field is a single object).
 *   <li>an instance field: one fresh fake per test, started before {@code @BeforeEach} methods and
 *       closed after {@code @AfterEach} methods. With {@code @TestInstance(PER_CLASS)} the field
 *       belongs to the single class instance, so it gives one fake per class, started before
 *       {@code @BeforeAll} and reset before each test, like a static field.
 *   <li>{@link FakeCodeGuruProfilerTest @FakeCodeGuruProfilerTest} (or a bare
 *       {@code @ExtendWith(FakeCodeGuruProfilerExtension.class)}): one fake per class, reset before
 *       each test.
 * </ul>
 *
 * <pre>{@code
 * class UploaderTest {
 *   @RegisterExtension
 *   static FakeCodeGuruProfilerExtension fake = FakeCodeGuruProfilerExtension.builder()
 *       .configureFake(f -> f.profilingGroup("checkout"))
 *       .failOnUnexpectedCalls(true)
 *       .build();
 *
 *   @Test
 *   void uploadsOneProfile() {
 *     new Uploader(fake.endpoint(), "checkout").upload(sampleProfile());
 *     assertThat(fake.profilePosts("checkout")).hasSize(1);
 *   }
 * }
 * }</pre>
 *
 * <p>The extension offers the fake's query and setup methods ({@link #endpoint()}, {@link
 * #recordedCalls()}, {@link #profilePosts()}, …) so that tests call them on the field; {@link
 * #getFake()} returns the fake itself. They work while a test or lifecycle method of the declaring
 * class runs and throw {@link IllegalStateException} otherwise.
 *
 * <p><b>Parameters.</b> Test methods, lifecycle methods and constructors can declare a {@link
 * FakeCodeGuruProfiler}, its endpoint {@link URI}, and, when the AWS SDK v2 {@code
 * codeguruprofiler} artifact is on the classpath, a {@code CodeGuruProfilerClient} or {@code
 * CodeGuruProfilerAsyncClient} that talks to the fake with dummy credentials (closed by the
 * extension). This works with the annotation and with a single registered extension; with several,
 * a parameter is ambiguous and resolution fails: use the fields.
 *
 * <p><b>Diagnostics.</b> When a test or a
 * {@code @BeforeEach}/{@code @AfterEach}/{@code @BeforeAll}/{@code @AfterAll} method fails, the
 * failure gets a suppressed exception listing every call the fake received. With {@link
 * Builder#failOnUnexpectedCalls(boolean)} a test that passed fails afterwards if the fake answered
 * a call with an error nobody set up.
 *
 * <p><b>Parallel execution.</b> All state lives in the JUnit {@link ExtensionContext.Store}
 * (namespace {@code FakeCodeGuruProfilerExtension}); the extension object only keeps a thread-safe
 * reference to the fake it started, so it may be used by concurrently running tests. An instance
 * field (one fake per test) is the safe choice for tests that run concurrently. A per-class fake is
 * shared by the class's tests: if they run concurrently, keep {@code resetEachTest(true)} away from
 * them (for example {@code @Execution(SAME_THREAD)} on the class) or set {@code
 * resetEachTest(false)} and give each test its own profiling group. {@link
 * Builder#pointSdkClientsAtFake(boolean)} changes JVM-wide system properties: under parallel
 * execution the extension refuses to run unless the class (or method, for a per-test fake) carries
 * {@code @ResourceLock(Resources.SYSTEM_PROPERTIES)} or {@code @Isolated}.
 *
 * <p><b>Versions.</b> The extension needs JUnit Jupiter 5.12.1 or newer (6.x included), and the AWS
 * SDK v2 2.28.29 or newer for injected clients and {@link Builder#pointSdkClientsAtFake(boolean)}.
 * Below them it fails with a {@link dev.fakeguru.UnsupportedDependencyException} that names the
 * version found and the fix, when it starts or first uses the SDK.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public class FakeCodeGuruProfilerExtension extends AbstractProfilerFake
    implements BeforeAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver,
        TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {
  private static final Namespace NAMESPACE = Namespace.create(FakeCodeGuruProfilerExtension.class);

  /** Null in the declarative form: settings then come from the annotation on the test class. */
  private final ExtensionSettings settings;

  /**
   * The declarative form's settings per governing class chain (enclosing classes + test class),
   * read from the annotation once instead of around every test. Invalid settings are not cached:
   * they fail again, with the same message, wherever they are asked for.
   */
  private final Map<List<Class<?>>, ExtensionSettings> annotationSettings =
      new ConcurrentHashMap<>();

  private final ServerSlot slot = new ServerSlot();
  private final Object serverKey = new Object();
  private final Object redirectKey = new Object();

  /**
   * The declarative form, as created by {@link FakeCodeGuruProfilerTest @FakeCodeGuruProfilerTest}
   * or {@code @ExtendWith(FakeCodeGuruProfilerExtension.class)}: settings come from the annotation
   * on the test class, or are the annotation's defaults. Use {@link #builder()} for
   * {@code @RegisterExtension}.
   */
  public FakeCodeGuruProfilerExtension() {
    this.settings = null;
  }

  /**
   * The programmatic form, for subclasses; {@link #builder()}{@code .build()} is the usual way.
   *
   * @param builder the settings, copied
   */
  protected FakeCodeGuruProfilerExtension(Builder builder) {
    this.settings = builder.settings();
  }

  /** A builder for a {@code @RegisterExtension} field. */
  public static Builder builder() {
    return new Builder();
  }

  // --- Lifecycle ---------------------------------------------------------------------------------

  /**
   * Starts the per-class fake (static field, PER_CLASS instance field, annotation), or joins the
   * one an enclosing class started.
   */
  @Override
  public void beforeAll(ExtensionContext context) {
    ExtensionFloors.requireJUnit();
    FakeCodeGuruProfiler fake = classFake(context);
    if (settingsFor(context).pointSdkClientsAtFake()) {
      redirect(context, fake);
    }
  }

  /** Starts the per-test fake (instance field), or resets the per-class one. */
  @Override
  public void beforeEach(ExtensionContext context) {
    ExtensionFloors.requireJUnit();
    ExtensionSettings s = settingsFor(context);
    StoreResource<FakeCodeGuruProfiler> lease = lease(context);
    if (lease == null) {
      FakeCodeGuruProfiler fake = testFake(context, s);
      if (s.pointSdkClientsAtFake()) {
        redirect(context, fake);
      }
    } else if (s.resetEachTest()) {
      lease.value().reset();
    }
  }

  /**
   * In strict mode, fails the test if the fake answered unexpected calls ({@code
   * failOnUnexpectedCalls}) or a queued answer was never served ({@code failOnUnconsumedScripts}).
   */
  @Override
  public void afterEach(ExtensionContext context) {
    ExtensionSettings s = settingsFor(context);
    StoreResource<FakeCodeGuruProfiler> lease = lease(context);
    if (lease == null) {
      return;
    }
    FakeCodeGuruProfiler fake = lease.value();
    if (s.failOnUnexpectedCalls()) {
      strictly(context, "failOnUnexpectedCalls", fake::verifyNoUnexpectedCalls);
    }
    if (s.failOnUnconsumedScripts()) {
      strictly(context, "failOnUnconsumedScripts", fake::verifyAllScriptsConsumed);
    }
  }

  private void strictly(ExtensionContext context, String mode, Runnable verification) {
    try {
      verification.run();
    } catch (AssertionError e) {
      throw new AssertionError(
          "Strict mode (" + mode + ") of " + describeSelf(context) + ": " + e.getMessage());
    }
  }

  private FakeCodeGuruProfiler classFake(ExtensionContext context) {
    StoreResource<FakeCodeGuruProfiler> existing = lease(context);
    if (existing != null) {
      return existing.value(); // started by this class earlier, or by an enclosing class
    }
    ExtensionSettings s = settingsFor(context);
    return leaseIn(context, s);
  }

  private FakeCodeGuruProfiler testFake(ExtensionContext context, ExtensionSettings s) {
    return leaseIn(context, s);
  }

  @SuppressWarnings({"unchecked", "deprecation"}) // getOrComputeIfAbsent: still the 5.x API
  private FakeCodeGuruProfiler leaseIn(ExtensionContext context, ExtensionSettings s) {
    return ((StoreResource<FakeCodeGuruProfiler>)
            context
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                    serverKey,
                    key -> new StoreResource<>(slot.acquire(s::startFake), slot::release),
                    StoreResource.class))
        .value();
  }

  /** The lease visible from {@code context}: its own or an enclosing context's. */
  @SuppressWarnings("unchecked")
  private StoreResource<FakeCodeGuruProfiler> lease(ExtensionContext context) {
    return context.getStore(NAMESPACE).get(serverKey, StoreResource.class);
  }

  private ExtensionSettings settingsFor(ExtensionContext context) {
    if (settings != null) {
      return settings;
    }
    Optional<Class<?>> testClass = context.getTestClass();
    if (testClass.isEmpty()) {
      return ExtensionSettings.defaults();
    }
    List<Class<?>> chain = new ArrayList<>(context.getEnclosingTestClasses());
    chain.add(testClass.get());
    ExtensionSettings cached = annotationSettings.get(chain);
    if (cached != null) {
      return cached;
    }
    ExtensionSettings read =
        AnnotationLocks.annotation(chain.subList(0, chain.size() - 1), testClass.get())
            .map(a -> ExtensionSettings.from(a, testClass.get()))
            .orElseGet(ExtensionSettings::defaults);
    annotationSettings.putIfAbsent(List.copyOf(chain), read);
    return read;
  }

  // --- SDK redirect ------------------------------------------------------------------------------

  private void redirect(ExtensionContext context, FakeCodeGuruProfiler fake) {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    if (store.get(redirectKey) != null) {
      return; // an enclosing class already redirected to this fake
    }
    ExtensionFloors.requireSdk(
        context.getTestClass().map(Class::getClassLoader).orElse(getClass().getClassLoader()));
    if (settings != null) { // the annotation contributes the lock itself
      SystemPropertyOverride.requireLock(context, describeSelf(context));
    }
    store.put(redirectKey, SystemPropertyOverride.apply(fake.endpoint(), fake.region()));
  }

  // --- Parameters
  // ---------------------------------------------------------------------------------

  /**
   * Supports {@link FakeCodeGuruProfiler}, {@link URI} and, with the AWS SDK present, its CodeGuru
   * Profiler clients.
   *
   * @throws ParameterResolutionException if several extensions could supply the parameter
   */
  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    ExtensionFloors.requireJUnit();
    Class<?> type = parameterContext.getParameter().getType();
    boolean supported =
        type == FakeCodeGuruProfiler.class
            || type == URI.class
            || (SdkSupport.isClientType(type) && SdkSupport.available(type.getClassLoader()));
    if (!supported) {
      return false;
    }
    Map<Object, String> registered =
        ExtensionFields.registered(extensionContext, this, settings == null);
    if (registered.size() > 1) {
      throw new ParameterResolutionException(
          "Parameter ["
              + parameterContext.getParameter()
              + "] in "
              + parameterContext.getDeclaringExecutable()
              + " is ambiguous: "
              + registered.size()
              + " FakeCodeGuruProfilerExtensions are registered ("
              + String.join(", ", registered.values())
              + "). Remove the parameter and use the extension field you mean instead, e.g."
              + " field.getFake() or field.endpoint().");
    }
    return true;
  }

  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    FakeCodeGuruProfiler fake = fakeForParameter(parameterContext, extensionContext);
    if (type == FakeCodeGuruProfiler.class) {
      return fake;
    }
    if (type == URI.class) {
      return fake.endpoint();
    }
    return client(extensionContext, type, fake);
  }

  private FakeCodeGuruProfiler fakeForParameter(
      ParameterContext parameterContext, ExtensionContext context) {
    StoreResource<FakeCodeGuruProfiler> lease = lease(context);
    if (lease != null) {
      return lease.value();
    }
    if (context.getTestMethod().isPresent()) {
      return testFake(context, settingsFor(context));
    }
    // JUnit does not normally consult an instance-field extension for @BeforeAll/@AfterAll
    // parameters
    // under PER_METHOD (it reports "No ParameterResolver registered" itself); this guards any path
    // that does.
    Optional<Field> field = ExtensionFields.declaring(context, this);
    if (field.isPresent()
        && !Modifier.isStatic(field.get().getModifiers())
        && context.getTestInstanceLifecycle().orElse(TestInstance.Lifecycle.PER_METHOD)
            == TestInstance.Lifecycle.PER_METHOD) {
      throw new ParameterResolutionException(
          "Parameter ["
              + parameterContext.getParameter()
              + "] in "
              + parameterContext.getDeclaringExecutable()
              + " cannot be resolved: the fake of "
              + describeSelf(context)
              + " is created per test; declare the extension field static to use it in @BeforeAll,"
              + " @AfterAll or a constructor.");
    }
    return classFake(context); // e.g. constructor injection with PER_CLASS runs before beforeAll
  }

  private record ClientKey(Object server, FakeCodeGuruProfiler fake, String type) {}

  @SuppressWarnings("deprecation") // getOrComputeIfAbsent: still the 5.x API
  private Object client(ExtensionContext context, Class<?> type, FakeCodeGuruProfiler fake) {
    ExtensionFloors.requireSdk(type.getClassLoader());
    ClientKey key = new ClientKey(serverKey, fake, type.getName());
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            key,
            k -> {
              AutoCloseable client = SdkClients.create(type, fake);
              return new StoreResource<>(client, client::close);
            },
            StoreResource.class)
        .value();
  }

  // --- Declarations
  // --------------------------------------------------------------------------------

  private String describeSelf(ExtensionContext context) {
    if (settings == null) {
      return "@FakeCodeGuruProfilerTest on "
          + context.getTestClass().map(Class::getSimpleName).orElse("?");
    }
    return ExtensionFields.declaring(context, this)
        .map(f -> "FakeCodeGuruProfilerExtension " + ExtensionFields.describe(f))
        .orElse("FakeCodeGuruProfilerExtension");
  }

  // --- Diagnostics
  // ---------------------------------------------------------------------------------

  /** Adds what the fake received to the failure, then rethrows it. */
  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    throw withArrivals(context, throwable);
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    throw withArrivals(context, throwable);
  }

  @Override
  public void handleBeforeEachMethodExecutionException(
      ExtensionContext context, Throwable throwable) throws Throwable {
    throw withArrivals(context, throwable);
  }

  @Override
  public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    throw withArrivals(context, throwable);
  }

  @Override
  public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    throw withArrivals(context, throwable);
  }

  private Throwable withArrivals(ExtensionContext context, Throwable throwable) {
    if (throwable.getClass().getName().equals("org.opentest4j.TestAbortedException")) {
      return throwable; // an assumption failed: nothing to diagnose
    }
    StoreResource<FakeCodeGuruProfiler> lease = lease(context);
    if (lease != null && lease.value().isRunning()) {
      FakeCodeGuruProfiler fake = lease.value();
      throwable.addSuppressed(
          new ArrivalsReport(
              fake.endpoint().toString(),
              fake.describeArrivals() + FailureFlameGraphs.attach(context, fake)));
    }
    return throwable;
  }

  // --- The fake, on the field
  // ---------------------------------------------------------------------

  /**
   * The running fake.
   *
   * @throws IllegalStateException outside the tests and lifecycle methods of the declaring class
   */
  public FakeCodeGuruProfiler getFake() {
    FakeCodeGuruProfiler fake = slot.current();
    if (fake == null) {
      throw new IllegalStateException(
          "No FakeCodeGuruProfiler is running for this extension: a static field's fake runs from before"
              + " @BeforeAll to after @AfterAll, an instance field's from before @BeforeEach to after"
              + " @AfterEach (with PER_CLASS: like a static field). Use it from tests and lifecycle methods.");
    }
    return fake;
  }

  /** The fake the operations on this field act on: {@link #getFake()}. */
  @Override
  protected FakeCodeGuruProfiler fake() {
    return getFake();
  }

  /** Whether this extension's fake is running now (false between the tests it serves). */
  @Override
  public boolean isRunning() {
    FakeCodeGuruProfiler fake = slot.current();
    return fake != null && fake.isRunning();
  }

  @Override
  public String toString() {
    FakeCodeGuruProfiler fake = slot.current();
    return "FakeCodeGuruProfilerExtension[" + (fake == null ? "not running" : fake) + "]";
  }

  // --- Builder
  // ---------------------------------------------------------------------------------------

  /**
   * Configures a {@link FakeCodeGuruProfilerExtension}: the fake, through the fake's own {@link
   * FakeCodeGuruProfiler.Builder}, and the extension's own switches. Not thread-safe; {@link
   * #build()} copies.
   *
   * <pre>{@code
   * @RegisterExtension
   * FakeCodeGuruProfilerExtension fake = FakeCodeGuruProfilerExtension.builder() // one fake per test
   *     .configureFake(f -> f.profilingGroup("checkout")
   *         .clock(SettableClock.at(Instant.parse("2024-01-02T03:00:00Z"))))
   *     .failOnUnexpectedCalls(true)
   *     .build();
   * }</pre>
   *
   * @since 0.1
   */
  public static class Builder {
    private final List<Consumer<FakeCodeGuruProfiler.Builder>> options = new ArrayList<>();
    private final FakeCodeGuruProfiler.Builder validator = FakeCodeGuruProfiler.builder();
    private boolean resetEachTest = true;
    private boolean failOnUnexpectedCalls;
    private boolean failOnUnconsumedScripts;
    private boolean pointSdkClientsAtFake;

    /** Use {@link FakeCodeGuruProfilerExtension#builder()}; protected for subclasses. */
    protected Builder() {}

    /**
     * Configures every fake this extension starts with the fake's own builder. The configuration
     * runs once for each fake, on a fresh builder, so an object created inside it (such as a {@code
     * SettableClock.at(...)}) belongs to that fake alone; it also runs once right away, so that an
     * invalid option fails here and not when the first test starts. Repeatable: configurations run
     * in the order given.
     *
     * @param configuration sets options on the fake's builder, e.g. {@code f ->
     *     f.profilingGroup("checkout")}
     * @return this builder
     * @throws IllegalArgumentException if an option is invalid
     */
    public Builder configureFake(Consumer<FakeCodeGuruProfiler.Builder> configuration) {
      Objects.requireNonNull(configuration, "configuration");
      configuration.accept(validator);
      options.add(configuration);
      return this;
    }

    /**
     * Whether a per-class fake is reset before each test (default true). Per-test fakes always
     * start empty.
     *
     * @param resetEachTest false to keep state built in {@code @BeforeAll} across tests
     * @return this builder
     */
    public Builder resetEachTest(boolean resetEachTest) {
      this.resetEachTest = resetEachTest;
      return this;
    }

    /**
     * Strict mode for calls: a test that passed fails afterwards if the fake answered a call with
     * an error nobody injected ({@link FakeCodeGuruProfiler#unexpectedCalls()}), such as a call for
     * an unknown profiling group or with invalid input. Default false.
     *
     * @param failOnUnexpectedCalls whether to fail
     * @return this builder
     */
    public Builder failOnUnexpectedCalls(boolean failOnUnexpectedCalls) {
      this.failOnUnexpectedCalls = failOnUnexpectedCalls;
      return this;
    }

    /**
     * Strict mode for scripts: a test that passed fails afterwards if an answer it queued was never
     * served ({@link FakeCodeGuruProfiler#unconsumedScripts()}). Default false.
     *
     * @param failOnUnconsumedScripts whether to fail
     * @return this builder
     */
    public Builder failOnUnconsumedScripts(boolean failOnUnconsumedScripts) {
      this.failOnUnconsumedScripts = failOnUnconsumedScripts;
      return this;
    }

    /**
     * Whether AWS SDK clients that the code under test builds with defaults reach the fake, through
     * the SDK's system properties {@code aws.endpointUrl}, {@code aws.endpointUrlCodeGuruProfiler},
     * {@code aws.region}, {@code aws.accessKeyId}, {@code aws.secretAccessKey} (and a cleared
     * {@code aws.sessionToken}), set while the fake runs and restored afterwards (default false).
     * Under parallel execution, requires {@code @ResourceLock(Resources.SYSTEM_PROPERTIES)} or
     * {@code @Isolated} on the test class.
     *
     * @param pointSdkClientsAtFake whether to redirect
     * @return this builder
     */
    public Builder pointSdkClientsAtFake(boolean pointSdkClientsAtFake) {
      this.pointSdkClientsAtFake = pointSdkClientsAtFake;
      return this;
    }

    /**
     * The extension.
     *
     * @return a new extension with these settings
     */
    public FakeCodeGuruProfilerExtension build() {
      return new FakeCodeGuruProfilerExtension(this);
    }

    ExtensionSettings settings() {
      return new ExtensionSettings(
          options,
          resetEachTest,
          failOnUnexpectedCalls,
          failOnUnconsumedScripts,
          pointSdkClientsAtFake);
    }
  }
}
