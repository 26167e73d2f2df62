package org.fluorovault;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The DICOM toolkit stays publishable alone (no Spring, JDBC, ImageJ or application code in it); ImageJ stays inside analysis. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.fluorovault");

    @Test
    void dicomToolkitIsFreeOfFrameworks() {
        noClasses().that().resideInAPackage("org.fluorovault.dicom..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "java.sql..", "javax.sql..", "ij..", "jakarta..", "org.slf4j..")
                .check(CLASSES);
    }

    @Test
    void dicomToolkitDoesNotReachIntoTheApplication() {
        noClasses().that().resideInAPackage("org.fluorovault.dicom..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.fluorovault.archive..", "org.fluorovault.ingest..", "org.fluorovault.query..",
                        "org.fluorovault.security..", "org.fluorovault.tools..", "org.fluorovault.procedure..")
                .check(CLASSES);
    }

    @Test
    void imageJIsUsedOnlyInsideAnalysis() {
        noClasses().that().resideOutsideOfPackage("org.fluorovault.analysis..")
                .should().dependOnClassesThat().resideInAPackage("ij..")
                .check(CLASSES);
    }

    @Test
    void archiveDoesNotDependOnTheNetwork() {
        noClasses().that().resideInAPackage("org.fluorovault.archive..")
                .should().dependOnClassesThat().resideInAnyPackage("org.fluorovault.dicom.net..", "org.fluorovault.ingest..")
                .check(CLASSES);
    }

    @Test
    void procedureInternalsStayInside() {
        noClasses().that().resideOutsideOfPackage("org.fluorovault.procedure..")
                .should().dependOnClassesThat().resideInAPackage("org.fluorovault.procedure.internal..")
                .check(CLASSES);
    }

    @Test
    void archiveIngestAndQueryDoNotReachUpToProcedures() {
        noClasses().that().resideInAnyPackage("org.fluorovault.archive..", "org.fluorovault.ingest..", "org.fluorovault.query..")
                .should().dependOnClassesThat().resideInAPackage("org.fluorovault.procedure..")
                .check(CLASSES);
    }
}
