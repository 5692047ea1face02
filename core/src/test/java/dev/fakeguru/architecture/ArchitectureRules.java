package dev.fakeguru.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The custom parts of the architecture rules: what the entry points are, and signature checks. */
final class ArchitectureRules {
  /**
   * The internal classes the public API may use: the engine, the conformance checker, the
   * composition root, the codec.
   */
  static final List<String> ENTRY_POINT_PACKAGES =
      List.of("dev.fakeguru.internal.engine", "dev.fakeguru.internal.conformance");

  static final List<String> ENTRY_POINT_CLASSES =
      List.of(
          "dev.fakeguru.internal.server.FakeServer",
          "dev.fakeguru.internal.server.FakeServer$Settings",
          "dev.fakeguru.internal.codec.ProfileDecoder",
          "dev.fakeguru.internal.codec.ProfileEncoder");

  /** Types no public signature may mention: they are relocated, shaded or optional for users. */
  static final List<String> FOREIGN_PREFIXES =
      List.of(
          "wiremock.",
          "com.github.tomakehurst.",
          "org.eclipse.jetty.",
          "com.fasterxml.jackson.",
          "com.amazon.ion.");

  private ArchitectureRules() {}

  static DescribedPredicate<JavaClass> internalButNotAnEntryPoint() {
    return DescribedPredicate.describe(
        "are internal but not an entry point ("
            + ENTRY_POINT_PACKAGES
            + ", "
            + ENTRY_POINT_CLASSES
            + ")",
        c ->
            c.getPackageName().startsWith("dev.fakeguru.internal")
                && !ENTRY_POINT_PACKAGES.contains(c.getPackageName())
                && !ENTRY_POINT_CLASSES.contains(c.getName()));
  }

  static DescribedPredicate<JavaClass> outsideFakeGuruOr(String ownPackage) {
    return DescribedPredicate.describe(
        "are outside dev.fakeguru or in " + ownPackage,
        c ->
            !c.getPackageName().startsWith("dev.fakeguru")
                || c.getPackageName().equals(ownPackage));
  }

  /**
   * The root package {@code dev.fakeguru} is no slice of {@code dev.fakeguru.(**)}: checks that no
   * package it uses reaches back into it.
   */
  static ArchRule rootPackageIsFreeOfCycles() {
    return ArchRuleDefinition.classes()
        .that()
        .resideInAPackage("dev.fakeguru")
        .should(
            new ArchCondition<JavaClass>("not be reached back from a package they depend on") {
              @Override
              public void check(JavaClass root, ConditionEvents events) {
                for (JavaClass target : dependencies(root)) {
                  String pkg = target.getPackageName();
                  if (!pkg.startsWith("dev.fakeguru.")) {
                    continue;
                  }
                  for (JavaClass back : reachable(target)) {
                    if (back.getPackageName().equals("dev.fakeguru")) {
                      events.add(
                          SimpleConditionEvent.violated(
                              root,
                              root.getName()
                                  + " depends on "
                                  + target.getName()
                                  + ", which leads back to "
                                  + back.getName()));
                      return;
                    }
                  }
                }
              }
            });
  }

  private static final Map<JavaClass, Set<JavaClass>> REACHABLE = new HashMap<>();

  /** The classes reachable from {@code start} without passing through the root package. */
  private static synchronized Set<JavaClass> reachable(JavaClass start) {
    Set<JavaClass> known = REACHABLE.get(start);
    if (known != null) {
      return known;
    }
    Set<JavaClass> seen = new HashSet<>();
    List<JavaClass> todo = new ArrayList<>(List.of(start));
    while (!todo.isEmpty()) {
      JavaClass c = todo.remove(todo.size() - 1);
      if (!seen.add(c) || c.getPackageName().equals("dev.fakeguru")) {
        continue;
      }
      for (JavaClass d : dependencies(c)) {
        if (d.getPackageName().startsWith("dev.fakeguru")) {
          todo.add(d);
        }
      }
    }
    REACHABLE.put(start, seen);
    return seen;
  }

  private static Set<JavaClass> dependencies(JavaClass c) {
    Set<JavaClass> out = new HashSet<>();
    c.getDirectDependenciesFromSelf()
        .forEach(d -> out.add(d.getTargetClass().getBaseComponentType()));
    return out;
  }

  /** No public or protected member of a public class in these packages mentions a foreign type. */
  static ArchRule publicSignaturesAvoid(String... packages) {
    return ArchRuleDefinition.classes()
        .that()
        .resideInAnyPackage(packages)
        .and()
        .arePublic()
        .should(
            new ArchCondition<JavaClass>(
                "have no " + FOREIGN_PREFIXES + " type in a public signature") {
              @Override
              public void check(JavaClass c, ConditionEvents events) {
                List<JavaType> supertypes = new ArrayList<>(c.getInterfaces());
                c.getSuperclass().ifPresent(supertypes::add);
                supertypes.forEach(t -> report(c, "extends or implements", t, events));
                for (JavaCodeUnit m : c.getCodeUnits()) {
                  if (exposed(m.getModifiers())) {
                    report(c, m.getFullName() + " returns", m.getReturnType(), events);
                    m.getParameterTypes()
                        .forEach(t -> report(c, m.getFullName() + " takes", t, events));
                    m.getExceptionTypes()
                        .forEach(t -> report(c, m.getFullName() + " throws", t, events));
                  }
                }
                for (JavaField f : c.getFields()) {
                  if (exposed(f.getModifiers())) {
                    report(c, f.getFullName() + " is a", f.getType(), events);
                  }
                }
              }
            });
  }

  private static boolean exposed(Set<JavaModifier> modifiers) {
    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }

  private static void report(JavaClass owner, String what, JavaType type, ConditionEvents events) {
    for (JavaClass raw : type.getAllInvolvedRawTypes()) {
      String name = raw.getName();
      if (FOREIGN_PREFIXES.stream().anyMatch(name::startsWith)) {
        events.add(SimpleConditionEvent.violated(owner, what + " " + name));
      }
    }
  }
}
