package io.outpost.outlet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The outlet's ports and adapters stay apart: only the adapters know JMS and the file layout. */
class ArchitectureTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.outpost.outlet");

  @Test
  void onlyTheJmsAdapter_knowsJmsOrArtemis() {
    noClasses()
        .that()
        .doNotHaveSimpleName("JmsBrokerLink")
        .and()
        .doNotHaveFullyQualifiedName(JmsBrokerLink.class.getName() + "$JmsSession")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("jakarta.jms..", "org.apache.activemq..")
        .check(CLASSES);
  }

  @Test
  void noOutletClass_touchesBouncyCastle() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.bouncycastle..")
        .check(CLASSES);
  }

  @Test
  void services_dependOnPortsNotAdapters() {
    noClasses()
        .that()
        .haveSimpleNameEndingWith("Flusher")
        .or()
        .haveSimpleNameEndingWith("Desk")
        .or()
        .haveSimpleNameEndingWith("Fetcher")
        .or()
        .haveSimpleNameEndingWith("Book")
        .should()
        .dependOnClassesThat()
        .haveSimpleNameStartingWith("Jms")
        .orShould()
        .dependOnClassesThat()
        .haveSimpleName("FileOutbox")
        .check(CLASSES);
  }

  @Test
  void adapters_areBuiltOnlyByTheCompositionRoot() {
    constructors()
        .that()
        .areDeclaredIn(JmsBrokerLink.class)
        .or()
        .areDeclaredIn(FileOutbox.class)
        .should()
        .onlyBeCalled()
        .byClassesThat()
        .haveSimpleName("OutletWiring")
        .check(CLASSES);
  }
}
