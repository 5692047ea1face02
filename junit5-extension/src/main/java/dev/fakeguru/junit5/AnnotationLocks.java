package dev.fakeguru.junit5;

import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The resource locks {@link FakeCodeGuruProfilerTest} needs under parallel execution, declared on
 * the annotation through {@code @ResourceLock(providers = AnnotationLocks.class)}:
 *
 * <ul>
 *   <li>{@code pointSdkClientsAtFake = true}: the class holds {@link Resources#SYSTEM_PROPERTIES}
 *       read-write while it runs, because it sets JVM-wide properties;
 *   <li>{@code resetEachTest = true} (the default): each test method holds a lock named after its
 *       top-level class, so the tests sharing the class's server do not reset it under each other.
 *       Tests of different classes still run in parallel.
 * </ul>
 *
 * <p>Public only because JUnit instantiates it from the annotation; not API.
 *
 * <p>Public only because JUnit instantiates it; not API.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class AnnotationLocks implements ResourceLocksProvider {
  /** The prefix of the per-class lock that serialises tests sharing one server. */
  public static final String SERVER_LOCK_PREFIX = "dev.fakeguru.junit5.server:";

  /** Instantiated by JUnit. */
  public AnnotationLocks() {}

  @Override
  public Set<Lock> provideForClass(Class<?> testClass) {
    return classLocks(annotation(List.of(), testClass));
  }

  @Override
  public Set<Lock> provideForNestedClass(
      List<Class<?>> enclosingInstanceTypes, Class<?> testClass) {
    return classLocks(annotation(enclosingInstanceTypes, testClass));
  }

  @Override
  public Set<Lock> provideForMethod(
      List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
    Optional<FakeCodeGuruProfilerTest> a = annotation(enclosingInstanceTypes, testClass);
    Set<Lock> locks = new HashSet<>();
    if (a.isPresent() && a.get().resetEachTest()) {
      Class<?> owner = enclosingInstanceTypes.isEmpty() ? testClass : enclosingInstanceTypes.get(0);
      locks.add(new Lock(SERVER_LOCK_PREFIX + owner.getName(), ResourceAccessMode.READ_WRITE));
    }
    return locks;
  }

  private static Set<Lock> classLocks(Optional<FakeCodeGuruProfilerTest> a) {
    Set<Lock> locks = new HashSet<>();
    if (a.isPresent() && a.get().pointSdkClientsAtFake()) {
      locks.add(new Lock(Resources.SYSTEM_PROPERTIES, ResourceAccessMode.READ_WRITE));
    }
    return locks;
  }

  /** The annotation that governs {@code testClass}: its own, else the nearest enclosing class's. */
  static Optional<FakeCodeGuruProfilerTest> annotation(
      List<Class<?>> enclosing, Class<?> testClass) {
    Optional<FakeCodeGuruProfilerTest> own =
        AnnotationSupport.findAnnotation(testClass, FakeCodeGuruProfilerTest.class);
    for (int i = enclosing.size() - 1; i >= 0 && own.isEmpty(); i--) {
      own = AnnotationSupport.findAnnotation(enclosing.get(i), FakeCodeGuruProfilerTest.class);
    }
    return own;
  }
}
