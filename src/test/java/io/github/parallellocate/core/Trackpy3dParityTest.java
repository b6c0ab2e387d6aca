package io.github.parallellocate.core;

import java.util.List;
import org.junit.jupiter.api.Test;
import io.github.parallellocate.testutil.Hyperstacks;
import io.github.parallellocate.testutil.NdParity;
import io.github.parallellocate.testutil.NdTable;
import io.github.parallellocate.testutil.SharedData;

/**
 * 3D parity through the core with the shared trackpy references
 * (../shared/reference3d: trackpy's numba engine, one call per volume of the
 * TZYX hyperstacks in ../shared/data/volumes), under the shared rule.
 */
class Trackpy3dParityTest {

	private static NdParity run(final String tiff, final String csv, final LocateParameters p) throws Exception {
		final List<Volume> volumes = Hyperstacks.volumes(SharedData.file("data/volumes/" + tiff));
		final NdTable ref = NdTable.readCsv(SharedData.file("reference3d/" + csv));
		final FeatureLocator locator = new FeatureLocator(p);
		final FeatureColumns cols = locator.columns(3);
		final NdTable got = NdTable.of(cols);
		for (int t = 0; t < volumes.size(); t++)
			got.addAll(t, cols, locator.locate(volumes.get(t)));
		final NdParity parity = NdParity.compare(ref, got);
		System.out.println(csv + ": " + parity.summary());
		return parity;
	}

	@Test
	void isotropicVolumes() throws Exception {
		run("iso8.tif", "iso8_d7.csv", LocateParameters.builder(PerAxis.axes(7, 7, 7)).minmass(1000.).build()).assertParity();
	}

	@Test
	void anisotropicVolumes() throws Exception {
		run("aniso16.tif", "aniso16_d5_9_9.csv", LocateParameters.builder(PerAxis.axes(5, 9, 9)).minmass(5000.).build())
			.assertParity();
	}
}
