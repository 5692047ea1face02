package dev.fakeguru.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of {@code ARCHITECTURE.md}, checked on core's compiled classes: a change
 * that introduces a cycle, reaches into the internals from the public API other than through the
 * entry points, or leaks a WireMock, Jetty, Jackson or Ion type into a public signature fails the
 * build.
 */
class ArchitectureTest {
  static final String[] PUBLIC_PACKAGES = {
    "dev.fakeguru",
    "dev.fakeguru.recording",
    "dev.fakeguru.fault",
    "dev.fakeguru.scripting",
    "dev.fakeguru.findings",
    "dev.fakeguru.time",
    "dev.fakeguru.profile",
    "dev.fakeguru.codec",
    "dev.fakeguru.conformance"
  };

  static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.fakeguru");
  }

  @Test
  void no_package_depends_on_itself_through_another() {
    slices().matching("dev.fakeguru.(**)").should().beFreeOfCycles().check(core);
    ArchitectureRules.rootPackageIsFreeOfCycles().check(core);
  }

  @Test
  void the_public_api_uses_the_internals_only_through_their_entry_points() {
    noClasses()
        .that()
        .resideInAnyPackage(PUBLIC_PACKAGES)
        .should()
        .dependOnClassesThat(ArchitectureRules.internalButNotAnEntryPoint())
        .because(
            "the Java API is a face over the engine: it may call the engine, the composition root and"
                + " the codec's reader and writer, nothing else that is internal")
        .check(core);
  }

  @Test
  void the_profile_model_depends_on_nothing_else_in_fakeguru() {
    classes()
        .that()
        .resideInAPackage("dev.fakeguru.profile")
        .should()
        .onlyDependOnClassesThat(ArchitectureRules.outsideFakeGuruOr("dev.fakeguru.profile"))
        .check(core);
  }

  @Test
  void public_signatures_hold_no_wiremock_jetty_jackson_or_ion_type() {
    ArchitectureRules.publicSignaturesAvoid(PUBLIC_PACKAGES).check(core);
  }

  @Test
  void the_two_faces_are_peers_over_the_engine() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.fakeguru.internal.api..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.fakeguru.internal.admin..", "dev.fakeguru", "dev.fakeguru.internal.server..")
        .check(core);
    noClasses()
        .that()
        .resideInAnyPackage("dev.fakeguru.internal.admin..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.fakeguru.internal.api..", "dev.fakeguru", "dev.fakeguru.internal.server..")
        .check(core);
    noClasses()
        .that()
        .resideInAnyPackage("dev.fakeguru")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.fakeguru.internal.api..", "dev.fakeguru.internal.admin..")
        .check(core);
  }

  @Test
  void the_engine_knows_no_face_and_no_transport() {
    noClasses()
        .that()
        .resideInAPackage("dev.fakeguru.internal.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.fakeguru",
            "dev.fakeguru.internal.api..",
            "dev.fakeguru.internal.admin..",
            "dev.fakeguru.internal.http..",
            "dev.fakeguru.internal.server..",
            "dev.fakeguru.internal.persistence..",
            "dev.fakeguru.internal.wire..",
            "com.github.tomakehurst..",
            "wiremock..")
        .check(core);
  }

  @Test
  void only_the_transport_touches_wiremock() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.fakeguru.internal.http..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.github.tomakehurst..", "wiremock..")
        .check(core);
  }
}
