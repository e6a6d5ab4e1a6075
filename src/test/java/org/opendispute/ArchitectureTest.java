package org.opendispute;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The packages show the architecture (docs/adr/0013-packages-and-the-engine-boundary.md), and stay so. */
@AnalyzeClasses(packages = "org.opendispute",
        importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles = slices()
            .matching("org.opendispute.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyTheEnginePackageTouchesEngineInternals = noClasses()
            .that().resideOutsideOfPackage("org.opendispute.engine..")
            .should().dependOnClassesThat().resideInAPackage("org.camunda.bpm.engine.impl..")
            .because("engine internals change between releases; one package holds what depends on them");

    @ArchTest
    static final ArchRule theEnginePackageKnowsNoFeature = classes()
            .that().resideInAPackage("org.opendispute.engine..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "org.opendispute.engine..", "org.opendispute.jdbc..", "java..", "javax..", "org.camunda..",
                    // MyBatis, the engine's persistence (AuthorizedGroupsOnly adds a statement to it)
                    "org.apache.ibatis..", "org.springframework..", "io.micrometer..")
            .because("features build on the engine package, never the other way round");

    @ArchTest
    static final ArchRule nothingDependsOnTheDemoData = noClasses()
            .that().resideOutsideOfPackage("org.opendispute.demo..")
            .should().dependOnClassesThat().resideInAPackage("org.opendispute.demo..")
            .because("the demo profile's data can be left out without a change elsewhere");
}
