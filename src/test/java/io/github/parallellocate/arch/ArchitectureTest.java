package io.github.parallellocate.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The package layering of the plugin jar: the algorithm at the bottom, the
 * front doors on top and independent of each other, no cycles.
 *
 * <pre>
 *   ij (+ ij.preview)   fiji   cli          front doors (spark is its own build)
 *          \            |     /
 *           imagej (ImageJ 1.x adapters)
 *             |        \
 *   io, io.tiff, io.csv  analysis (ImageJ-free preview maths)
 *             |        /
 *          parallel
 *             |
 *            core   (ImgLib2 only)
 * </pre>
 */
class ArchitectureTest {

	private static final String ROOT = "io.github.parallellocate";
	private static JavaClasses classes;

	@BeforeAll
	static void importClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
	}

	@Test
	void layersPointDownOnly() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("core").definedBy(ROOT + ".core..")
			.layer("parallel").definedBy(ROOT + ".parallel..")
			.layer("analysis").definedBy(ROOT + ".analysis..")
			.layer("io").definedBy(ROOT + ".io..")
			.layer("imagej").definedBy(ROOT + ".imagej..")
			.layer("ij").definedBy(ROOT + ".ij..")
			.layer("fiji").definedBy(ROOT + ".fiji..")
			.layer("cli").definedBy(ROOT + ".cli..")
			.whereLayer("ij").mayNotBeAccessedByAnyLayer()
			.whereLayer("fiji").mayNotBeAccessedByAnyLayer()
			.whereLayer("cli").mayNotBeAccessedByAnyLayer()
			.whereLayer("imagej").mayOnlyBeAccessedByLayers("ij", "fiji", "cli")
			.whereLayer("io").mayOnlyBeAccessedByLayers("imagej", "ij", "fiji", "cli")
			.whereLayer("analysis").mayOnlyBeAccessedByLayers("imagej", "ij", "fiji", "cli")
			.whereLayer("parallel").mayOnlyBeAccessedByLayers("io", "imagej", "ij", "fiji", "cli")
			.check(classes);
	}

	@Test
	void coreNeedsNoImageJNorAwtNorSciJava() {
		noClasses().that().resideInAPackage(ROOT + ".core..")
			.should().dependOnClassesThat().resideInAnyPackage("ij..", "java.awt..", "javax.swing..", "org.scijava..", "picocli..")
			.check(classes);
	}

	@Test
	void analysisNeedsNoImageJNorAwt() {
		noClasses().that().resideInAPackage(ROOT + ".analysis..")
			.should().dependOnClassesThat().resideInAnyPackage("ij..", "java.awt..", "javax.swing..")
			.check(classes);
	}

	@Test
	void awtUserInterfaceOnlyInIjAndItsPreview() {
		noClasses().that().resideOutsideOfPackages(ROOT + ".ij..", ROOT + ".imagej..", ROOT + ".io..", ROOT + ".cli..")
			.should().dependOnClassesThat().resideInAnyPackage("java.awt..", "javax.swing..")
			.check(classes);
	}

	@Test
	void previewDoesNotPointBackAtThePlugin() {
		noClasses().that().resideInAPackage(ROOT + ".ij.preview..")
			.should().dependOnClassesThat().resideInAPackage(ROOT + ".ij")
			.check(classes);
	}

	@Test
	void noPackageCycles() {
		slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(classes);
	}
}
