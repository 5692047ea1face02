package dev.fakeguru.junit5;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestInstances;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Where the extensions of a test come from: the {@code @RegisterExtension} fields of the test
 * class, its superclasses and enclosing classes, and the declarative form. Stateless. Internal.
 *
 * @since 0.1
 */
final class ExtensionFields {
  private static final Object ANNOTATION_FORM = new Object();

  private ExtensionFields() {}

  /**
   * The FakeCodeGuruProfilerExtensions JUnit has registered for {@code context}, by identity, with
   * a description each (instance fields only where instances exist).
   *
   * @param self the extension asking
   * @param declarative whether {@code self} is the declarative form (annotation or bare
   *     {@code @ExtendWith})
   */
  static Map<Object, String> registered(
      ExtensionContext context, Object self, boolean declarative) {
    Map<Object, String> found = new IdentityHashMap<>();
    List<Object> instances = instances(context);
    for (Class<?> c : classes(context)) {
      if (AnnotationSupport.isAnnotated(c, FakeCodeGuruProfilerTest.class)) {
        found.putIfAbsent(
            declarative ? self : ANNOTATION_FORM,
            "@FakeCodeGuruProfilerTest on " + c.getSimpleName());
      }
      for (Field field : extensionFields(c)) {
        if (Modifier.isStatic(field.getModifiers())) {
          read(field, null).ifPresent(value -> found.putIfAbsent(value, describe(field)));
        } else {
          for (Object instance : instances) {
            if (field.getDeclaringClass().isInstance(instance)) {
              read(field, instance).ifPresent(value -> found.putIfAbsent(value, describe(field)));
            }
          }
        }
      }
    }
    if (declarative) {
      found.putIfAbsent(self, "@ExtendWith(FakeCodeGuruProfilerExtension.class)");
    }
    return found;
  }

  /** The field that holds {@code self}; without an instance, the first candidate instance field. */
  static Optional<Field> declaring(ExtensionContext context, Object self) {
    List<Object> instances = instances(context);
    for (Class<?> c : classes(context)) {
      for (Field field : extensionFields(c)) {
        if (Modifier.isStatic(field.getModifiers())) {
          if (read(field, null).orElse(null) == self) {
            return Optional.of(field);
          }
        } else if (instances.isEmpty()) {
          return Optional.of(field); // cannot tell without an instance; the field is the candidate
        } else {
          for (Object instance : instances) {
            if (field.getDeclaringClass().isInstance(instance)
                && read(field, instance).orElse(null) == self) {
              return Optional.of(field);
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  /** How messages name a field: {@code field 'fake' in UploaderTest}. */
  static String describe(Field field) {
    return "field '" + field.getName() + "' in " + field.getDeclaringClass().getSimpleName();
  }

  private static List<Class<?>> classes(ExtensionContext context) {
    List<Class<?>> classes = new ArrayList<>(context.getEnclosingTestClasses());
    context.getTestClass().ifPresent(classes::add);
    return classes;
  }

  private static List<Object> instances(ExtensionContext context) {
    return context.getTestInstances().map(TestInstances::getAllInstances).orElse(List.of());
  }

  private static List<Field> extensionFields(Class<?> c) {
    return ReflectionSupport.findFields(
        c,
        f ->
            AnnotationSupport.isAnnotated(f, RegisterExtension.class)
                && FakeCodeGuruProfilerExtension.class.isAssignableFrom(f.getType()),
        HierarchyTraversalMode.TOP_DOWN);
  }

  private static Optional<Object> read(Field field, Object instance) {
    return ReflectionSupport.tryToReadFieldValue(field, instance).toOptional();
  }
}
