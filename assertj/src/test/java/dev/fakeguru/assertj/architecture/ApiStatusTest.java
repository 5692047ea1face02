package dev.fakeguru.assertj.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.BDDAssertions.then;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaEnumConstant;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every public type of the module states its API status (class-retention {@code @API}, read from
 * the compiled classes): the assertions and entry points are stable, the error factories
 * maintained, the internals internal; and every package says which it is in a {@code package-info}.
 */
class ApiStatusTest {
  static JavaClasses module;

  @BeforeAll
  static void importModule() {
    module =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.fakeguru.assertj");
  }

  @ParameterizedTest(name = "public types in {0} are {1}")
  @CsvSource({
    "dev.fakeguru.assertj, STABLE", // assertions and entry points
    "dev.fakeguru.assertj.error, MAINTAINED", // error factories
    "dev.fakeguru.assertj.internal, INTERNAL"
  })
  void every_public_type_states_its_api_status(String pkg, API.Status status) {
    classes()
        .that()
        .resideInAPackage(pkg)
        .and()
        .arePublic()
        .should(haveApiStatus(status))
        .check(module);
  }

  @Test
  void every_package_has_a_package_info_saying_whether_it_is_api() {
    Set<String> packages =
        module.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
    then(packages)
        .containsExactlyInAnyOrder(
            "dev.fakeguru.assertj", "dev.fakeguru.assertj.error", "dev.fakeguru.assertj.internal");
    for (String pkg : packages) {
      then(module.getPackage(pkg).tryGetPackageInfo()).as("package-info of %s", pkg).isPresent();
    }
  }

  private static ArchCondition<JavaClass> haveApiStatus(API.Status status) {
    return new ArchCondition<>("be annotated @API(status = " + status + ", since = \"0.1\")") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        Optional<JavaAnnotation<JavaClass>> api = c.tryGetAnnotationOfType(API.class.getName());
        String actual =
            api.map(
                    a ->
                        "@API(status = "
                            + a.get("status").map(s -> ((JavaEnumConstant) s).name()).orElse("?")
                            + ", since = \""
                            + a.get("since").orElse("")
                            + "\")")
                .orElse("no @API");
        String expected = "@API(status = " + status + ", since = \"0.1\")";
        events.add(
            new SimpleConditionEvent(c, actual.equals(expected), c.getName() + " has " + actual));
      }
    };
  }
}
