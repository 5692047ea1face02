package dev.fakeguru.junit5.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The extension is a user of core's public API and of JUnit's extension API, nothing more. */
class ExtensionArchitectureTest {
  static JavaClasses extension;

  @BeforeAll
  static void importExtension() {
    extension =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.fakeguru.junit5");
  }

  @Test
  void uses_only_the_public_api_of_core() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.fakeguru.internal..")
        .check(extension);
  }

  @Test
  void never_touches_a_test_engine() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.junit.platform.engine..",
            "org.junit.jupiter.engine..",
            "org.junit.platform.launcher..")
        .because(
            "the extension depends on junit-jupiter-api only, so it runs on every engine version users bring")
        .check(extension);
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
        .check(extension);
  }

  @Test
  void has_no_package_cycles() {
    noClasses()
        .that()
        .resideInAPackage("dev.fakeguru.junit5.internal..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.fakeguru.junit5")
        .because("internal helpers serve the extension, never the other way round")
        .check(extension);
    slices().matching("dev.fakeguru.junit5.(**)").should().beFreeOfCycles().check(extension);
  }
}
