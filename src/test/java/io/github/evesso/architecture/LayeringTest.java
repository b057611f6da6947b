package io.github.evesso.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.github.evesso.EveSso;
import org.junit.jupiter.api.Test;

/**
 * The layering rule of ARCHITECTURE.md, checked on the compiled production classes: the internal packages form no
 * cycle, each layer uses only the layers below it, and no internal class reaches back into the public {@link EveSso}
 * facade (its constants are compiled into the callers, so they do not count). The ESI client's internals
 * ({@code internal.esi}) are a layer of their own that no other internal package uses and that uses only the leaf
 * {@code internal.http} (the bounded body reader it shares with {@code sso}). The
 * application-relative URL rule ({@code internal.path}) is a leaf shared by the public configuration checks and
 * {@code flow}; of the public classes only the configuration builder binds strings through {@code internal.config}.
 * The token store ({@code internal.store}) uses no other internal package, and of the outside world only
 * {@code java.sql}, {@code javax.sql} and {@code javax.crypto} (and the public SPI types it implements).
 */
class LayeringTest {
    private static final String BASE = "io.github.evesso";
    /** The production classes only, wherever the build directory is ({@code -Dbuild.dir=...} included). */
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages(BASE);

    @Test
    void internalPackagesHaveNoCycles() {
        slices().matching(BASE + ".internal.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void internalLayersUseOnlyTheLayersBelowThem() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("runtime").definedBy(BASE + ".internal.runtime..")
                .layer("flow").definedBy(BASE + ".internal.flow..")
                .layer("web").definedBy(BASE + ".internal.web..")
                .layer("login").definedBy(BASE + ".internal.login..")
                .layer("jwt").definedBy(BASE + ".internal.jwt..")
                .layer("sso").definedBy(BASE + ".internal.sso..")
                .layer("event").definedBy(BASE + ".internal.event..")
                .layer("config").definedBy(BASE + ".internal.config..")
                .layer("path").definedBy(BASE + ".internal.path..")
                .layer("esi").definedBy(BASE + ".internal.esi..")
                .layer("http").definedBy(BASE + ".internal.http..")
                .layer("store").definedBy(BASE + ".internal.store..")
                .whereLayer("runtime").mayNotBeAccessedByAnyLayer()
                .whereLayer("flow").mayOnlyBeAccessedByLayers("runtime")
                .whereLayer("web").mayOnlyBeAccessedByLayers("runtime", "flow")
                .whereLayer("login").mayOnlyBeAccessedByLayers("runtime", "flow")
                .whereLayer("jwt").mayOnlyBeAccessedByLayers("runtime", "flow", "login")
                .whereLayer("sso").mayOnlyBeAccessedByLayers("runtime", "flow", "web", "login", "jwt")
                .whereLayer("event").mayOnlyBeAccessedByLayers("runtime", "flow", "login")
                .whereLayer("config").mayOnlyBeAccessedByLayers("runtime")
                .whereLayer("path").mayOnlyBeAccessedByLayers("flow")
                .whereLayer("esi").mayNotBeAccessedByAnyLayer()
                .whereLayer("http").mayOnlyBeAccessedByLayers("sso", "esi")
                .whereLayer("store").mayOnlyBeAccessedByLayers("runtime", "flow", "login")
                .check(CLASSES);
    }

    @Test
    void thePathRuleIsALeafThatDependsOnNothingElseInTheLibrary() {
        noClasses().that().resideInAPackage(BASE + ".internal.path..")
                .should().dependOnClassesThat().resideOutsideOfPackages(BASE + ".internal.path..", "java..")
                .check(CLASSES);
    }

    @Test
    void theHttpBodyReaderIsALeafThatDependsOnNothingElseInTheLibrary() {
        noClasses().that().resideInAPackage(BASE + ".internal.http..")
                .should().dependOnClassesThat().resideOutsideOfPackages(BASE + ".internal.http..", "java..")
                .check(CLASSES);
    }

    @Test
    void theTokenStoreUsesNoOtherInternalPackageAndOnlyJdbcAndTheJdk() {
        noClasses().that().resideInAPackage(BASE + ".internal.store..")
                .should().dependOnClassesThat().resideOutsideOfPackages(BASE + ".internal.store..", BASE, "java..",
                        "javax.sql..", "javax.crypto..")
                .check(CLASSES);
    }

    @Test
    void theEsiClientsInternalsStandAloneBesideTheLoginLayers() {
        noClasses().that().resideInAPackage(BASE + ".internal.esi..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".internal.runtime..",
                        BASE + ".internal.flow..", BASE + ".internal.web..", BASE + ".internal.login..",
                        BASE + ".internal.jwt..", BASE + ".internal.sso..", BASE + ".internal.event..",
                        BASE + ".internal.config..", BASE + ".internal.path..")
                .check(CLASSES);
    }

    @Test
    void onlyTheConfigurationBuilderReachesTheStringBindingFromThePublicPackage() {
        noClasses().that().resideInAPackage(BASE).and().doNotHaveFullyQualifiedName(BASE + ".ConfigBuilder")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".internal.config..")
                .check(CLASSES);
    }

    @Test
    void internalCodeDoesNotUseThePublicFacade() {
        noClasses().that().resideInAPackage(BASE + ".internal..")
                .should().dependOnClassesThat().belongToAnyOf(EveSso.class)
                .check(CLASSES);
    }
}
