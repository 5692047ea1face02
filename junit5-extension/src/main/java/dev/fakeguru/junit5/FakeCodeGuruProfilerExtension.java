package dev.fakeguru.junit5;

import dev.fakeguru.scripting.AgentConfiguration;
import dev.fakeguru.scripting.EmptyRangePolicy;
import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.fault.FaultRule;
import dev.fakeguru.fault.InjectedFault;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.fault.ProfilerFault;
import dev.fakeguru.recording.RecordedCall;
import dev.fakeguru.recording.RecordedProfilePost;
import dev.fakeguru.scripting.ScriptedProfileResponse;
import dev.fakeguru.time.SettableClock;
import dev.fakeguru.junit5.internal.AnnotationLocks;
import dev.fakeguru.junit5.internal.ArrivalsReport;
import dev.fakeguru.junit5.internal.ExtensionSettings;
import dev.fakeguru.junit5.internal.SdkClients;
import dev.fakeguru.junit5.internal.SdkSupport;
import dev.fakeguru.junit5.internal.ServerSlot;
import dev.fakeguru.junit5.internal.StoreResource;
import dev.fakeguru.junit5.internal.SystemPropertyOverride;
import dev.fakeguru.profile.CodecLimits;
import dev.fakeguru.profile.Profile;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestInstances;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * A JUnit Jupiter extension that starts a {@link FakeCodeGuruProfiler} for tests, resets it between
 * them and closes it; the fake itself lives in {@code fakeguru-core} and works without JUnit.
 *
 * <p><b>Lifetime comes from where the extension is declared:</b>
 *
 * <ul>
 *   <li>a {@code static} {@link RegisterExtension} field: one fake per test class, started before
 *       {@code @BeforeAll} methods, reset before each test (see {@link Builder#resetEachTest}), closed
 *       after the class. {@code @Nested} classes share it. Subclasses that inherit the field each get
 *       a fake of their own (a new one per class, or one shared by classes that run at the same time,
 *       since the field is a single object).
 *   <li>an instance field: one fresh fake per test, started before {@code @BeforeEach} methods and
 *       closed after {@code @AfterEach} methods. With {@code @TestInstance(PER_CLASS)} the field
 *       belongs to the single class instance, so it gives one fake per class, started before
 *       {@code @BeforeAll} and reset before each test, like a static field.
 *   <li>{@link FakeCodeGuruProfilerTest @FakeCodeGuruProfilerTest} (or a bare {@code
 *       @ExtendWith(FakeCodeGuruProfilerExtension.class)}): one fake per class, reset before each test.
 * </ul>
 *
 * <pre>{@code
 * class UploaderTest {
 *   @RegisterExtension
 *   static FakeCodeGuruProfilerExtension fake = FakeCodeGuruProfilerExtension.builder()
 *       .profilingGroup("checkout")
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
 * FakeCodeGuruProfiler}, its endpoint {@link URI}, and, when the AWS SDK v2 {@code codeguruprofiler}
 * artifact is on the classpath, a {@code CodeGuruProfilerClient} or {@code CodeGuruProfilerAsyncClient}
 * that talks to the fake with dummy credentials (closed by the extension). This works with the
 * annotation and with a single registered extension; with several, a parameter is ambiguous and
 * resolution fails: use the fields.
 *
 * <p><b>Diagnostics.</b> When a test or a {@code @BeforeEach}/{@code @AfterEach}/{@code
 * @BeforeAll}/{@code @AfterAll} method fails, the failure gets a suppressed exception listing every
 * call the fake received. With {@link Builder#failOnUnexpectedCalls(boolean)} a test that passed fails
 * afterwards if the fake answered a call with an error nobody set up.
 *
 * <p><b>Parallel execution.</b> All state lives in the JUnit {@link ExtensionContext.Store} (namespace
 * {@code FakeCodeGuruProfilerExtension}); the extension object only keeps a thread-safe reference to the
 * fake it started, so it may be used by concurrently running tests. An instance field (one fake per
 * test) is the safe choice for tests that run concurrently. A per-class fake is shared by the class's
 * tests: if they run concurrently, keep {@code resetEachTest(true)} away from them (for example
 * {@code @Execution(SAME_THREAD)} on the class) or set {@code resetEachTest(false)} and give each test
 * its own profiling group. {@link Builder#pointSdkClientsAtFake(boolean)} changes JVM-wide system
 * properties: under parallel execution the extension refuses to run unless the class (or method, for a
 * per-test fake) carries {@code @ResourceLock(Resources.SYSTEM_PROPERTIES)} or {@code @Isolated}.
 *
 * @since 0.1
 */
public class FakeCodeGuruProfilerExtension
    implements BeforeAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver,
        TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {
  private static final Namespace NAMESPACE = Namespace.create(FakeCodeGuruProfilerExtension.class);
  private static final String PARALLEL_ENABLED = "junit.jupiter.execution.parallel.enabled";
  private static final Object ANNOTATION_FORM = new Object();

  /** Null in the declarative form: settings then come from the annotation on the test class. */
  private final ExtensionSettings settings;
  private final ServerSlot slot = new ServerSlot();
  private final Object serverKey = new Object();
  private final Object redirectKey = new Object();

  /**
   * The declarative form, as created by {@link FakeCodeGuruProfilerTest @FakeCodeGuruProfilerTest} or
   * {@code @ExtendWith(FakeCodeGuruProfilerExtension.class)}: settings come from the annotation on the
   * test class, or are the annotation's defaults. Use {@link #builder()} for {@code @RegisterExtension}.
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
   * Starts the per-class fake (static field, PER_CLASS instance field, annotation), or joins the one
   * an enclosing class started.
   */
  @Override
  public void beforeAll(ExtensionContext context) {
    FakeCodeGuruProfiler fake = classFake(context);
    if (settingsFor(context).pointSdkClientsAtFake()) {
      redirect(context, fake);
    }
  }

  /** Starts the per-test fake (instance field), or resets the per-class one. */
  @Override
  public void beforeEach(ExtensionContext context) {
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
   * In strict mode, fails the test if the fake answered unexpected calls or a queued answer was never
   * served.
   */
  @Override
  public void afterEach(ExtensionContext context) {
    if (!settingsFor(context).failOnUnexpectedCalls()) {
      return;
    }
    StoreResource<FakeCodeGuruProfiler> lease = lease(context);
    if (lease == null) {
      return;
    }
    FakeCodeGuruProfiler fake = lease.value();
    try {
      fake.verifyNoUnexpectedCalls();
    } catch (AssertionError e) {
      throw new AssertionError(
          "Strict mode (failOnUnexpectedCalls) of " + describeSelf(context) + ": " + e.getMessage());
    }
    try {
      fake.verifyAllScriptsConsumed();
    } catch (AssertionError e) {
      throw new AssertionError(
          "Strict mode (failOnUnexpectedCalls) of " + describeSelf(context) + ": " + e.getMessage());
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
    return AnnotationLocks.annotation(context.getEnclosingTestClasses(), testClass.get())
        .map(a -> ExtensionSettings.from(a, testClass.get()))
        .orElseGet(ExtensionSettings::defaults);
  }

  // --- SDK redirect ------------------------------------------------------------------------------

  private void redirect(ExtensionContext context, FakeCodeGuruProfiler fake) {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    if (store.get(redirectKey) != null) {
      return; // an enclosing class already redirected to this fake
    }
    requireSystemPropertiesLock(context);
    store.put(redirectKey, SystemPropertyOverride.apply(fake.endpoint(), fake.region()));
  }

  private void requireSystemPropertiesLock(ExtensionContext context) {
    if (settings == null) {
      return; // the annotation contributes the lock itself
    }
    boolean parallel =
        context.getConfigurationParameter(PARALLEL_ENABLED).map(Boolean::parseBoolean).orElse(false);
    if (!parallel) {
      return;
    }
    List<AnnotatedElement> sites = new ArrayList<>();
    context.getTestMethod().ifPresent(sites::add);
    context.getTestClass().ifPresent(sites::add);
    sites.addAll(context.getEnclosingTestClasses());
    for (AnnotatedElement site : sites) {
      if (AnnotationSupport.isAnnotated(site, Isolated.class)) {
        return;
      }
      for (ResourceLock lock : AnnotationSupport.findRepeatableAnnotations(site, ResourceLock.class)) {
        if (lock.value().equals(Resources.SYSTEM_PROPERTIES) && lock.mode() == ResourceAccessMode.READ_WRITE) {
          return;
        }
      }
    }
    String where = context.getTestMethod().isPresent() ? "the test class or method" : "the test class";
    throw new ExtensionConfigurationException(
        describeSelf(context)
            + " has pointSdkClientsAtFake(true), which sets JVM-wide system properties, but parallel"
            + " execution is enabled and nothing keeps other tests from using them meanwhile. Annotate "
            + where
            + " with @ResourceLock(Resources.SYSTEM_PROPERTIES) (or @Isolated).");
  }

  // --- Parameters ---------------------------------------------------------------------------------

  /**
   * Supports {@link FakeCodeGuruProfiler}, {@link URI} and, with the AWS SDK present, its CodeGuru
   * Profiler clients.
   *
   * @throws ParameterResolutionException if several extensions could supply the parameter
   */
  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    boolean supported =
        type == FakeCodeGuruProfiler.class
            || type == URI.class
            || (SdkSupport.isClientType(type) && SdkSupport.available(type.getClassLoader()));
    if (!supported) {
      return false;
    }
    Map<Object, String> registered = registeredExtensions(extensionContext);
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
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
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

  private FakeCodeGuruProfiler fakeForParameter(ParameterContext parameterContext, ExtensionContext context) {
    StoreResource<FakeCodeGuruProfiler> lease = lease(context);
    if (lease != null) {
      return lease.value();
    }
    if (context.getTestMethod().isPresent()) {
      return testFake(context, settingsFor(context));
    }
    // JUnit does not normally consult an instance-field extension for @BeforeAll/@AfterAll parameters
    // under PER_METHOD (it reports "No ParameterResolver registered" itself); this guards any path that does.
    Optional<Field> field = declaringField(context);
    if (field.isPresent()
        && !Modifier.isStatic(field.get().getModifiers())
        && context.getTestInstanceLifecycle().orElse(TestInstance.Lifecycle.PER_METHOD) == TestInstance.Lifecycle.PER_METHOD) {
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

  // --- Declarations --------------------------------------------------------------------------------

  /**
   * The FakeCodeGuruProfilerExtensions JUnit has registered for {@code context}, by identity, with a
   * description each: {@code @RegisterExtension} fields of the test class, its superclasses and
   * enclosing classes (instance fields only where instances exist), and the declarative form.
   */
  private Map<Object, String> registeredExtensions(ExtensionContext context) {
    Map<Object, String> found = new IdentityHashMap<>();
    List<Class<?>> classes = new ArrayList<>(context.getEnclosingTestClasses());
    context.getTestClass().ifPresent(classes::add);
    List<Object> instances = context.getTestInstances().map(TestInstances::getAllInstances).orElse(List.of());
    for (Class<?> c : classes) {
      if (AnnotationSupport.isAnnotated(c, FakeCodeGuruProfilerTest.class)) {
        found.putIfAbsent(settings == null ? this : ANNOTATION_FORM, "@FakeCodeGuruProfilerTest on " + c.getSimpleName());
      }
      for (Field field : extensionFields(c)) {
        if (Modifier.isStatic(field.getModifiers())) {
          readField(field, null).ifPresent(value -> found.putIfAbsent(value, describe(field)));
        } else {
          for (Object instance : instances) {
            if (field.getDeclaringClass().isInstance(instance)) {
              readField(field, instance).ifPresent(value -> found.putIfAbsent(value, describe(field)));
            }
          }
        }
      }
    }
    if (settings == null) {
      found.putIfAbsent(this, "@ExtendWith(FakeCodeGuruProfilerExtension.class)");
    }
    return found;
  }

  private Optional<Field> declaringField(ExtensionContext context) {
    List<Class<?>> classes = new ArrayList<>(context.getEnclosingTestClasses());
    context.getTestClass().ifPresent(classes::add);
    List<Object> instances = context.getTestInstances().map(TestInstances::getAllInstances).orElse(List.of());
    for (Class<?> c : classes) {
      for (Field field : extensionFields(c)) {
        if (Modifier.isStatic(field.getModifiers())) {
          if (readField(field, null).orElse(null) == this) {
            return Optional.of(field);
          }
        } else if (instances.isEmpty()) {
          return Optional.of(field); // cannot tell without an instance; the field is the candidate
        } else {
          for (Object instance : instances) {
            if (field.getDeclaringClass().isInstance(instance) && readField(field, instance).orElse(null) == this) {
              return Optional.of(field);
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  private static List<Field> extensionFields(Class<?> c) {
    return ReflectionSupport.findFields(
        c,
        f -> AnnotationSupport.isAnnotated(f, RegisterExtension.class)
            && FakeCodeGuruProfilerExtension.class.isAssignableFrom(f.getType()),
        HierarchyTraversalMode.TOP_DOWN);
  }

  private static Optional<Object> readField(Field field, Object instance) {
    return ReflectionSupport.tryToReadFieldValue(field, instance).toOptional();
  }

  private static String describe(Field field) {
    return "field '" + field.getName() + "' in " + field.getDeclaringClass().getSimpleName();
  }

  private String describeSelf(ExtensionContext context) {
    if (settings == null) {
      return "@FakeCodeGuruProfilerTest on " + context.getTestClass().map(Class::getSimpleName).orElse("?");
    }
    return declaringField(context)
        .map(f -> "FakeCodeGuruProfilerExtension " + describe(f))
        .orElse("FakeCodeGuruProfilerExtension");
  }

  // --- Diagnostics ---------------------------------------------------------------------------------

  /** Adds what the fake received to the failure, then rethrows it. */
  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
    throw withArrivals(context, throwable);
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
    throw withArrivals(context, throwable);
  }

  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    throw withArrivals(context, throwable);
  }

  @Override
  public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    throw withArrivals(context, throwable);
  }

  @Override
  public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
    throw withArrivals(context, throwable);
  }

  private Throwable withArrivals(ExtensionContext context, Throwable throwable) {
    if (throwable.getClass().getName().equals("org.opentest4j.TestAbortedException")) {
      return throwable; // an assumption failed: nothing to diagnose
    }
    StoreResource<FakeCodeGuruProfiler> lease = lease(context);
    if (lease != null && lease.value().isRunning()) {
      FakeCodeGuruProfiler fake = lease.value();
      throwable.addSuppressed(new ArrivalsReport(fake.endpoint().toString(), fake.describeArrivals()));
    }
    return throwable;
  }

  // --- The fake, on the field ---------------------------------------------------------------------

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

  /** The endpoint to give SDK clients. See {@link FakeCodeGuruProfiler#endpoint()}. */
  public URI endpoint() {
    return getFake().endpoint();
  }

  /** The port the fake listens on. See {@link FakeCodeGuruProfiler#port()}. */
  public int port() {
    return getFake().port();
  }

  /** The region used in ARNs. See {@link FakeCodeGuruProfiler#region()}. */
  public String region() {
    return getFake().region();
  }

  /** The account id used in ARNs. See {@link FakeCodeGuruProfiler#accountId()}. */
  public String accountId() {
    return getFake().accountId();
  }

  /** The clock the fake reads. See {@link FakeCodeGuruProfiler#clock()}. */
  public Clock clock() {
    return getFake().clock();
  }

  /** Creates a profiling group. See {@link FakeCodeGuruProfiler#createProfilingGroup(String)}. */
  public FakeCodeGuruProfiler createProfilingGroup(String name) {
    return getFake().createProfilingGroup(name);
  }

  /** Creates a profiling group. See {@link FakeCodeGuruProfiler#createProfilingGroup(String, boolean)}. */
  public FakeCodeGuruProfiler createProfilingGroup(String name, boolean profilingEnabled) {
    return getFake().createProfilingGroup(name, profilingEnabled);
  }

  /** Deletes a profiling group. See {@link FakeCodeGuruProfiler#deleteProfilingGroup(String)}. */
  public boolean deleteProfilingGroup(String name) {
    return getFake().deleteProfilingGroup(name);
  }

  /** The existing profiling groups. See {@link FakeCodeGuruProfiler#profilingGroupNames()}. */
  public List<String> profilingGroupNames() {
    return getFake().profilingGroupNames();
  }

  /** A profiling group's ARN. See {@link FakeCodeGuruProfiler#profilingGroupArn(String)}. */
  public String profilingGroupArn(String name) {
    return getFake().profilingGroupArn(name);
  }

  /** Every call received since the last reset. See {@link FakeCodeGuruProfiler#recordedCalls()}. */
  public List<RecordedCall> recordedCalls() {
    return getFake().recordedCalls();
  }

  /** The calls of one operation. See {@link FakeCodeGuruProfiler#recordedCalls(Operation)}. */
  public List<RecordedCall> recordedCalls(Operation operation) {
    return getFake().recordedCalls(operation);
  }

  /** The calls of one operation and group. See {@link FakeCodeGuruProfiler#recordedCalls(Operation, String)}. */
  public List<RecordedCall> recordedCalls(Operation operation, String profilingGroup) {
    return getFake().recordedCalls(operation, profilingGroup);
  }

  /** How many calls of one operation arrived. See {@link FakeCodeGuruProfiler#callCount(Operation)}. */
  public int callCount(Operation operation) {
    return getFake().callCount(operation);
  }

  /** How many calls of one operation and group arrived. See {@link FakeCodeGuruProfiler#callCount(Operation, String)}. */
  public int callCount(Operation operation, String profilingGroup) {
    return getFake().callCount(operation, profilingGroup);
  }

  /** Every PostAgentProfile call. See {@link FakeCodeGuruProfiler#profilePosts()}. */
  public List<RecordedProfilePost> profilePosts() {
    return getFake().profilePosts();
  }

  /** The PostAgentProfile calls for one group. See {@link FakeCodeGuruProfiler#profilePosts(String)}. */
  public List<RecordedProfilePost> profilePosts(String profilingGroup) {
    return getFake().profilePosts(profilingGroup);
  }

  /** Waits for the next profile post. See {@link FakeCodeGuruProfiler#takeProfilePost(Duration)}. */
  public RecordedProfilePost takeProfilePost(Duration timeout) {
    return getFake().takeProfilePost(timeout);
  }

  /** Waits for posts to a group. See {@link FakeCodeGuruProfiler#awaitProfilePosts(String, int, Duration)}. */
  public List<RecordedProfilePost> awaitProfilePosts(String profilingGroup, int count, Duration timeout) {
    return getFake().awaitProfilePosts(profilingGroup, count, timeout);
  }

  /** Calls answered with an error nobody set up. See {@link FakeCodeGuruProfiler#unexpectedCalls()}. */
  public List<RecordedCall> unexpectedCalls() {
    return getFake().unexpectedCalls();
  }

  /** Fails on unexpected calls. See {@link FakeCodeGuruProfiler#verifyNoUnexpectedCalls()}. */
  public void verifyNoUnexpectedCalls() {
    getFake().verifyNoUnexpectedCalls();
  }

  /** A summary of everything received. See {@link FakeCodeGuruProfiler#describeArrivals()}. */
  public String describeArrivals() {
    return getFake().describeArrivals();
  }

  /** The aggregated profile of a range. See {@link FakeCodeGuruProfiler#aggregatedProfile(String, Instant, Instant)}. */
  public Optional<Profile> aggregatedProfile(String profilingGroup, Instant from, Instant to) {
    return getFake().aggregatedProfile(profilingGroup, from, to);
  }

  /** Queues a GetProfile answer. See {@link FakeCodeGuruProfiler#enqueueGetProfile(ScriptedProfileResponse)}. */
  public FakeCodeGuruProfiler enqueueGetProfile(ScriptedProfileResponse response) {
    return getFake().enqueueGetProfile(response);
  }

  /** Queues a GetProfile answer for a group. See {@link FakeCodeGuruProfiler#enqueueGetProfile(String, ScriptedProfileResponse)}. */
  public FakeCodeGuruProfiler enqueueGetProfile(String profilingGroup, ScriptedProfileResponse response) {
    return getFake().enqueueGetProfile(profilingGroup, response);
  }

  /** A fixed answer for a range. See {@link FakeCodeGuruProfiler#answerGetProfile}. */
  public FakeCodeGuruProfiler answerGetProfile(String profilingGroup, Instant start, Instant end, ScriptedProfileResponse response) {
    return getFake().answerGetProfile(profilingGroup, start, end, response);
  }

  /** Queues a ConfigureAgent answer. See {@link FakeCodeGuruProfiler#enqueueConfigureAgent(AgentConfiguration)}. */
  public FakeCodeGuruProfiler enqueueConfigureAgent(AgentConfiguration configuration) {
    return getFake().enqueueConfigureAgent(configuration);
  }

  /** Queues a ConfigureAgent answer for a group. See {@link FakeCodeGuruProfiler#enqueueConfigureAgent(String, AgentConfiguration)}. */
  public FakeCodeGuruProfiler enqueueConfigureAgent(String profilingGroup, AgentConfiguration configuration) {
    return getFake().enqueueConfigureAgent(profilingGroup, configuration);
  }

  /** Queued answers never served. See {@link FakeCodeGuruProfiler#unconsumedScripts()}. */
  public List<String> unconsumedScripts() {
    return getFake().unconsumedScripts();
  }

  /** Fails if a queued answer was never served. See {@link FakeCodeGuruProfiler#verifyAllScriptsConsumed()}. */
  public void verifyAllScriptsConsumed() {
    getFake().verifyAllScriptsConsumed();
  }

  /** Puts a fault rule in force. See {@link FakeCodeGuruProfiler#injectFault(FaultRule)}. */
  public InjectedFault injectFault(FaultRule rule) {
    return getFake().injectFault(rule);
  }

  /** A fault on the next calls of an operation. See {@link FakeCodeGuruProfiler#injectFault(ProfilerFault, Operation, int)}. */
  public InjectedFault injectFault(ProfilerFault fault, Operation operation, int times) {
    return getFake().injectFault(fault, operation, times);
  }

  /** Removes every fault rule. See {@link FakeCodeGuruProfiler#clearFaults()}. */
  public void clearFaults() {
    getFake().clearFaults();
  }

  /** Resets the fake now. See {@link FakeCodeGuruProfiler#reset()}. */
  public void reset() {
    getFake().reset();
  }

  @Override
  public String toString() {
    FakeCodeGuruProfiler fake = slot.current();
    return "FakeCodeGuruProfilerExtension[" + (fake == null ? "not running" : fake) + "]";
  }

  // --- Builder ---------------------------------------------------------------------------------------

  /**
   * Configures a {@link FakeCodeGuruProfilerExtension}: the fake's options (each fake the extension
   * starts is built from them) and the extension's own. Not thread-safe; {@link #build()} copies.
   *
   * <pre>{@code
   * @RegisterExtension
   * FakeCodeGuruProfilerExtension fake = FakeCodeGuruProfilerExtension.builder() // one fake per test
   *     .profilingGroup("checkout")
   *     .clockStart(Instant.parse("2024-01-02T03:00:00Z"))
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
    private boolean pointSdkClientsAtFake;

    /** Use {@link FakeCodeGuruProfilerExtension#builder()}; protected for subclasses. */
    protected Builder() {}

    private Builder option(Consumer<FakeCodeGuruProfiler.Builder> option) {
      option.accept(validator); // fail now, where the option is set, not when the first test starts
      options.add(option);
      return this;
    }

    /** The port; 0 (the default) picks a free one. A fixed port fails when fakes overlap. */
    public Builder port(int port) {
      return option(b -> b.port(port));
    }

    /** The address to bind; 127.0.0.1 by default. */
    public Builder bindAddress(String bindAddress) {
      return option(b -> b.bindAddress(bindAddress));
    }

    /** The region in ARNs and of injected clients; us-east-1 by default. */
    public Builder region(String region) {
      return option(b -> b.region(region));
    }

    /** The 12-digit account id in ARNs. */
    public Builder accountId(String accountId) {
      return option(b -> b.accountId(accountId));
    }

    /**
     * The clock of every fake this extension starts. A {@link SettableClock} given here is shared by
     * them and goes back to its start on each reset; prefer {@link #clockStart(Instant)} for per-test
     * fakes, which gives each fake its own.
     */
    public Builder clock(Clock clock) {
      Objects.requireNonNull(clock, "clock");
      return option(b -> b.clock(clock));
    }

    /** Each fake gets its own {@link SettableClock} starting (and reset) at {@code start}. */
    public Builder clockStart(Instant start) {
      Objects.requireNonNull(start, "start");
      return option(b -> b.clock(SettableClock.at(start)));
    }

    /** Whether unknown profiling groups are created on first use. */
    public Builder autoCreateProfilingGroups(boolean enabled) {
      return option(b -> b.autoCreateProfilingGroups(enabled));
    }

    /** A profiling group that exists at the start of every test. Repeatable. */
    public Builder profilingGroup(String name) {
      return option(b -> b.profilingGroup(name));
    }

    /** What ConfigureAgent answers. */
    public Builder defaultAgentConfiguration(AgentConfiguration configuration) {
      return option(b -> b.defaultAgentConfiguration(configuration));
    }

    /** What GetProfile answers for a range without data. */
    public Builder emptyRangePolicy(EmptyRangePolicy policy) {
      return option(b -> b.emptyRangePolicy(policy));
    }

    /** Size, depth and node limits for posted profiles. */
    public Builder codecLimits(CodecLimits limits) {
      return option(b -> b.codecLimits(limits));
    }

    /** How many profiling groups may exist. */
    public Builder profilingGroupQuota(int quota) {
      return option(b -> b.profilingGroupQuota(quota));
    }

    /** The number of server threads. */
    public Builder serverThreads(int threads) {
      return option(b -> b.serverThreads(threads));
    }

    /**
     * Whether a per-class fake is reset before each test (default true). Per-test fakes always start
     * empty.
     */
    public Builder resetEachTest(boolean resetEachTest) {
      this.resetEachTest = resetEachTest;
      return this;
    }

    /** Strict mode: fail a test after it ran if the fake answered calls nobody expected (default false). */
    public Builder failOnUnexpectedCalls(boolean failOnUnexpectedCalls) {
      this.failOnUnexpectedCalls = failOnUnexpectedCalls;
      return this;
    }

    /**
     * Whether AWS SDK clients that the code under test builds with defaults reach the fake, through the
     * SDK's system properties {@code aws.endpointUrl}, {@code aws.endpointUrlCodeGuruProfiler}, {@code
     * aws.region}, {@code aws.accessKeyId}, {@code aws.secretAccessKey} (and a cleared {@code
     * aws.sessionToken}), set while the fake runs and restored afterwards (default false). Under
     * parallel execution, requires {@code @ResourceLock(Resources.SYSTEM_PROPERTIES)} or {@code
     * @Isolated} on the test class.
     */
    public Builder pointSdkClientsAtFake(boolean pointSdkClientsAtFake) {
      this.pointSdkClientsAtFake = pointSdkClientsAtFake;
      return this;
    }

    /** The extension. */
    public FakeCodeGuruProfilerExtension build() {
      return new FakeCodeGuruProfilerExtension(this);
    }

    ExtensionSettings settings() {
      return new ExtensionSettings(options, resetEachTest, failOnUnexpectedCalls, pointSdkClientsAtFake);
    }
  }

}
