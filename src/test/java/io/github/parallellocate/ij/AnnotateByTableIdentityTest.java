package io.github.parallellocate.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import io.github.parallellocate.ij.preview.AnnotationSource;
import io.github.parallellocate.imagej.LocateOutputs;

/**
 * Annotate Features finds the image's features table by identity: after the
 * table was renamed (ImageJ renames a table when it is saved) the features
 * still come with their mass; a table of another title is not mistaken for it.
 */
class AnnotateByTableIdentityTest {

	@Test
	void renamedTableStillFound() throws Exception {
		final ImagePlus imp = IjTesting.bulkWater(2);
		assertNull(IjTesting.runPlugin(imp, "diameter=11 minmass=20 invert"));
		final ResultsTable table = LocateOutputs.tableOf(imp);
		assertTrue(table != null && table.size() > 100);
		// what saving it as Features.csv does (ResultsTable has no public setter; saving needs a window)
		final java.lang.reflect.Field title = ResultsTable.class.getDeclaredField("title");
		title.setAccessible(true);
		title.set(table, "Features.csv");
		assertNull(ResultsTable.getResultsTable("Features"), "no table of that title");
		final AnnotationSource s = Annotate_Features.source(imp);
		assertTrue(s.hasMass(), "the mass colours survive: " + s.origin());
		assertEquals(table.size(), s.size());
		assertEquals(11, s.diameter(), 0);
		assertEquals("table 'Features.csv'", s.origin());

		// a second run replaces the image's table
		assertNull(IjTesting.runPlugin(imp, "diameter=11 minmass=60 invert"));
		assertTrue(LocateOutputs.tableOf(imp) != table);
		assertTrue(Annotate_Features.source(imp).size() < table.size());
		// another image has its own (or none)
		final ImagePlus other = IjTesting.bulkWater(1);
		assertNull(LocateOutputs.tableOf(other));
		assertSame(LocateOutputs.tableOf(imp), LocateOutputs.tableOf(imp));
	}
}
