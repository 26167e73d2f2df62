package org.fluorovault;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

/** The DICOM toolkit stays publishable alone (no Spring, JDBC, ImageJ or application code in it); ImageJ stays inside analysis. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.fluorovault");

    /** The toolkit is publishable alone: the JDK and itself, nothing else (no Spring, JDBC, ImageJ, SLF4J or application). */
    @Test
    void dicomToolkitDependsOnTheJdkAndItselfOnly() {
        classes()
                .that()
                .resideInAPackage("org.fluorovault.dicom..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "javax..", "jdk..", "org.fluorovault.dicom..", "")
                .check(CLASSES);
    }

    @Test
    void imageJIsUsedOnlyInsideAnalysis() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.fluorovault.analysis..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("ij..")
                .check(CLASSES);
    }

    @Test
    void archiveDoesNotDependOnTheNetwork() {
        noClasses()
                .that()
                .resideInAPackage("org.fluorovault.archive..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.fluorovault.dicom.net..", "org.fluorovault.ingest..", "org.fluorovault.node..")
                .check(CLASSES);
    }

    /** Storage, MPPS and commitment know nothing of query/retrieve: the node composes the services. */
    @Test
    void ingestDoesNotDependOnQueryOrTheNode() {
        noClasses()
                .that()
                .resideInAPackage("org.fluorovault.ingest..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.fluorovault.query..", "org.fluorovault.node..")
                .check(CLASSES);
    }

    /** A feature's {@code internal} package is its own: no other feature may use it (every feature, one rule). */
    @Test
    void internalsStayInsideTheirFeature() {
        classes()
                .that()
                .resideInAPackage("org.fluorovault.*.internal..")
                .should(new ArchCondition<JavaClass>("be used only by their own feature") {
                    @Override
                    public void check(JavaClass internal, ConditionEvents events) {
                        String feature = feature(internal);
                        for (Dependency d : internal.getDirectDependenciesToSelf()) {
                            if (!feature.equals(feature(d.getOriginClass()))) {
                                events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                            }
                        }
                    }
                })
                .allowEmptyShould(false)
                .check(CLASSES);
    }

    /** The top-level package under org.fluorovault ("procedure" for org.fluorovault.procedure.internal.X). */
    static String feature(JavaClass c) {
        String rest = c.getPackageName().startsWith("org.fluorovault.")
                ? c.getPackageName().substring(16)
                : c.getPackageName();
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    @Test
    void archiveIngestAndQueryDoNotReachUpToProcedures() {
        noClasses()
                .that()
                .resideInAnyPackage("org.fluorovault.archive..", "org.fluorovault.ingest..", "org.fluorovault.query..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.fluorovault.procedure..")
                .check(CLASSES);
    }

    /** The web feature serves pages and reads the others' APIs; no feature reaches back into it. */
    @Test
    void nothingDependsOnWeb() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.fluorovault.web..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.fluorovault.web..")
                .check(CLASSES);
    }

    /** Every feature may record audit events, so the audit trail depends on none of them (only on the shared error types). */
    @Test
    void auditDependsOnNoFeature() {
        String[] features = CLASSES.stream()
                .map(ArchitectureTest::feature)
                .filter(f -> !f.isEmpty()
                        && !f.equals("audit")
                        && !f.equals("common")
                        && !f.equals("FluoroVaultApplication"))
                .distinct()
                .map(f -> "org.fluorovault." + f + "..")
                .toArray(String[]::new);
        assertTrue(features.length >= 10, "features found: " + String.join(", ", features));
        noClasses()
                .that()
                .resideInAPackage("org.fluorovault.audit..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(features)
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
                    })
                    .map(Object::toString)
                    .toList();
            org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), offenders);
        }
    }
}
