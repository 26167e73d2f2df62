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

    /** The web feature serves pages and reads the others' APIs; no feature reaches back into it. */
    @Test
    void nothingDependsOnWeb() {
        noClasses().that().resideOutsideOfPackage("org.fluorovault.web..")
                .should().dependOnClassesThat().resideInAPackage("org.fluorovault.web..")
                .check(CLASSES);
    }

    /** Every feature may record audit events, so the audit trail depends on none of them. */
    @Test
    void auditDependsOnNoFeature() {
        noClasses().that().resideInAPackage("org.fluorovault.audit..")
                .should().dependOnClassesThat().resideInAnyPackage("org.fluorovault.archive..", "org.fluorovault.ingest..",
                        "org.fluorovault.query..", "org.fluorovault.security..", "org.fluorovault.analysis..",
                        "org.fluorovault.dose..", "org.fluorovault.tools..", "org.fluorovault.dicom..")
                .check(CLASSES);
    }

    /** The audit trail is append-only: no statement of the application changes or removes its rows. */
    @Test
    void noCodeUpdatesOrDeletesAuditRows() throws java.io.IOException {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(
                "(?i)(update\\s+audit_event|delete\\s+from\\s+audit_event|truncate\\s+(table\\s+)?audit_event)");
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("src/main"))) {
            java.util.List<String> offenders = files.filter(java.nio.file.Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".sql"))
                    .filter(f -> {
                        try {
                            return p.matcher(java.nio.file.Files.readString(f)).find();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).map(Object::toString).toList();
            org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), offenders);
        }
    }
}
