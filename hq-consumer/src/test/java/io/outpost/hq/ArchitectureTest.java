package io.outpost.hq;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ports and adapters, checked: the core knows no broker, no SQL and no Bouncy Castle. */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.outpost.hq");
  }

  @Test
  void core_dependsOnNoAdapterTechnology() {
    noClasses()
        .that()
        .resideInAPackage("io.outpost.hq.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "jakarta.jms..",
            "java.sql..",
            "org.bouncycastle..",
            "org.apache.activemq..",
            "org.flywaydb..",
            "picocli..")
        .check(classes);
  }

  @Test
  void core_dependsOnNoAdapterOrTheCompositionRoot() {
    noClasses()
        .that()
        .resideInAPackage("io.outpost.hq.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.outpost.hq",
            "io.outpost.hq.jdbc..",
            "io.outpost.hq.jms..",
            "io.outpost.hq.evidence..")
        .check(classes);
  }

  @Test
  void adapters_doNotDependOnEachOther() {
    slices()
        .matching("io.outpost.hq.(jdbc|jms|evidence)..")
        .should()
        .notDependOnEachOther()
        .check(classes);
  }

  @Test
  void packages_areFreeOfCycles() {
    slices().matching("io.outpost.hq.(*)..").should().beFreeOfCycles().check(classes);
  }
}
