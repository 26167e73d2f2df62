package org.fluorovault;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module map, checked: every direct sub-package of {@code org.fluorovault} is a feature module that others reach only
 * through its top-level package (sub-packages are its internals), with no cycles between modules. The DICOM toolkit
 * ({@code dicom}) and the command-line tools are libraries, not modules: ArchitectureTest keeps the toolkit
 * free of the application.
 */
class ModularityTests {
    static final ApplicationModules MODULES = ApplicationModules.of(FluoroVaultApplication.class,
            resideInAnyPackage("org.fluorovault.dicom..", "org.fluorovault.tools.."));

    @Test
    void modulesDependOnEachOtherOnlyThroughTheirApiAndWithoutCycles() {
        MODULES.verify();
    }

    /** Writes the module diagrams (PlantUML) and module canvases into target/spring-modulith-docs, for docs/architecture.md. */
    @Test
    void writesTheModuleDiagrams() {
        new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml().writeModuleCanvases();
    }
}
