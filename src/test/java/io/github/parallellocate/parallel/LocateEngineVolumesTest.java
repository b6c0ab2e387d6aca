package io.github.parallellocate.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.core.FeatureColumns;
import io.github.parallellocate.core.FeatureLocator;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.core.PerAxis;
import io.github.parallellocate.core.Volume;
import io.github.parallellocate.testutil.Hyperstacks;
import io.github.parallellocate.testutil.NdParity;
import io.github.parallellocate.testutil.NdTable;
import io.github.parallellocate.testutil.SharedData;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.integer.UnsignedShortType;

/**
 * The engine with volumes as its unit of work: the same rows whatever the
 * thread count, at parity with trackpy (../shared/reference3d), from
 * in-memory volumes and from ImgLib2 images ({@link ImgFrameSource}).
 */
class LocateEngineVolumesTest {

	private static final LocateParameters ANISO = LocateParameters.builder(PerAxis.axes(5, 9, 9)).minmass(5000.).build();

	@Test
	void volumesAreIdenticalForAnyThreadCountAndMatchTrackpy() throws Exception {
		final List<Volume> volumes = Hyperstacks.volumes(SharedData.file("data/volumes/aniso16.tif"));
		final FeatureLocator serial = new FeatureLocator(ANISO);
		final List<List<Feature>> expected = volumes.stream().map(v -> List.copyOf(serial.locate(v))).toList();
		final ArrayPlaneSource source = new ArrayPlaneSource(volumes);
		assertEquals(3, source.ndim());
		for (final int n : new int[] { 1, 2, 4 }) {
			final List<Integer> frames = new ArrayList<>();
			final List<List<Feature>> got = new ArrayList<>();
			final RunSummary s = new LocateEngine(ANISO).threads(n).run(source, (f, list) -> {
				frames.add(f);
				got.add(List.copyOf(list));
			});
			assertEquals(List.of(0, 1, 2, 3), frames, n + " threads: frame order");
			assertEquals(expected, got, n + " threads: rows");
			assertEquals(Math.min(n, 4), s.threads());
		}
		final FeatureColumns cols = FeatureColumns.of(ANISO, 3);
		final NdTable table = NdTable.of(cols);
		for (int t = 0; t < expected.size(); t++)
			table.addAll(t, cols, expected.get(t));
		NdParity.compare(NdTable.readCsv(SharedData.file("reference3d/aniso16_d5_9_9.csv")), table).assertParity();
	}

	@Test
	void anImgLib2HyperstackIsLocatedVolumeByVolume() throws Exception {
		final List<Volume> volumes = Hyperstacks.volumes(SharedData.file("data/volumes/aniso16.tif"));
		final Volume v0 = volumes.get(0);
		final int w = v0.width(), h = v0.height(), d = v0.depth(), t = volumes.size();
		// x, y, z, t as a PlanarImg (zero copy) and as an ArrayImg (zero copy, one array)
		final PlanarImg<UnsignedShortType, ?> planar = PlanarImgs.unsignedShorts(w, h, d, t);
		final short[] all = new short[w * h * d * t];
		for (int f = 0; f < t; f++)
			for (int z = 0; z < d; z++) {
				final short[] slice = (short[]) volumes.get(f).sliceArray(z);
				System.arraycopy(slice, 0, ((short[]) planar.getPlane(f * d + z).getCurrentStorageArray()), 0, w * h);
				System.arraycopy(slice, 0, all, (f * d + z) * w * h, w * h);
			}
		final FeatureLocator serial = new FeatureLocator(ANISO);
		final List<List<Feature>> expected = volumes.stream().map(v -> List.copyOf(serial.locate(v))).toList();
		for (final ImgFrameSource source : List.of(new ImgFrameSource(planar, 3, "planar"),
			new ImgFrameSource(ArrayImgs.unsignedShorts(all, w, h, d, t), 3, "array")))
		{
			assertEquals(4, source.size());
			assertEquals(3, source.ndim());
			assertEquals(expected, new LocateEngine(ANISO).threads(2).locateAll(source), source.describe(0));
		}
	}

	@Test
	void volumeParametersOnPlanesStopTheRunNamingTheFrame() {
		final Volume v = Hyperstacks.volumes(SharedData.file("data/volumes/aniso16.tif")).get(0);
		final ArrayPlaneSource planes = new ArrayPlaneSource(List.of(v.slice(0), v.slice(1)));
		final FrameFailedException e = assertThrows(FrameFailedException.class,
			() -> new LocateEngine(ANISO).skipBadFrames(true).threads(2).run(planes, (f, l) -> {}));
		assertEquals(0, e.frame());
		assertInstanceOf(IllegalArgumentException.class, e.getCause());
		assertTrue(e.getMessage().contains("diameter has 3 values (z,y,x) but the image has 2 dimensions"), e.getMessage());
	}
}
