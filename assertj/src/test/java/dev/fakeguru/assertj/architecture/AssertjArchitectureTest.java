package dev.fakeguru.assertj.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The assertions are a user of core's public API and of AssertJ, nothing more. */
class AssertjArchitectureTest {
  static JavaClasses module;

  @BeforeAll
  static void importModule() {
    module =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.fakeguru.assertj");
  }

  @Test
  void uses_only_the_public_api_of_core() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.fakeguru.internal..")
        .check(module);
  }

  @Test
  void never_touches_wiremock_jetty_jackson_or_ion() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "wiremock..",
            "com.github.tomakehurst..",
            "org.eclipse.jetty..",
            "com.fasterxml.jackson..",
            "com.amazon.ion..")
        .check(module);
  }

  @Test
  void has_no_package_cycles() {
    slices().matching("dev.fakeguru.assertj.(**)").should().beFreeOfCycles().check(module);
    noClasses()
        .that()
        .resideInAnyPackage("dev.fakeguru.assertj.error..", "dev.fakeguru.assertj.internal..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.fakeguru.assertj")
        .because(
            "error factories and internal helpers serve the assertions, never the other way round")
        .check(module);
  }
}
