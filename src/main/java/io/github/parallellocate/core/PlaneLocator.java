package io.github.parallellocate.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The fast path of {@link FeatureLocator} for planes with isotropic
 * parameters: trackpy's {@code locate} on one 2D plane: {@link Bandpass} (with rescaling
 * to integers), {@link LocalMaxima} above a percentile, {@link Refiner}
 * (centre of mass and characterisation), {@link Duplicates} removal, the
 * {@code minmass}/{@code maxsize} filters, {@code topn}, and the static error
 * {@code ep} from the {@link NoiseEstimator} — each stage reproducing
 * trackpy's numerics, so that the features and their values equal trackpy's.
 * <p>
 * <b>Not thread-safe, by contract:</b> a locator owns the full-frame buffers it
 * reuses from plane to plane, so that locating allocates nothing proportional
 * to the image. Use one locator per worker thread; the parallel engine does.
 * </p>
 * <p>
 * Deliberate choices where trackpy is undefined: non-finite pixels of float
 * planes (NaN, &plusmn;Inf) are read as 0, so one bad pixel cannot wipe out a
 * plane's features.
 * </p>
 */
final class PlaneLocator {

	private final LocateParameters params;
	private final int diameter;
	private final CircularMask mask;
	private final Bandpass bandpass;
	private final LocalMaxima maxima;
	private final Refiner refiner;
	private final Duplicates duplicates;
	private final NoiseEstimator noise;
	private final RawImage raw = new RawImage();
	private final FeatureBuffer fb = new FeatureBuffer();
	private final Histogram histogram = new Histogram();
	private final NonZeroBits nonZeroBits = new NonZeroBits();
	private int[] img = new int[0];
	private int[] kept = new int[0], candidates = new int[0];
	private int[] columns = new int[0]; // column sums of the integer image (large masks' mass bound)
	private int[][] columnScratch = new int[0][0];
	private Splitter splitter = Splitter.SERIAL;
	private StageTimes times;
	/**
	 * The image size (pixels) from which each row's maxima are refined as soon
	 * as they are found, and those above {@code minmass} characterised right
	 * away, rather than all after the maxima and the survivors after duplicate
	 * removal: on larger images the neighbourhoods are no longer in the cache
	 * by then (measured: a 1024x1024 image characterised its 120 features in
	 * 1 ms after, 0.2 ms at once; a 2048x2048 u16 frame's maxima and
	 * refinement 1 ms faster). Smaller images gain nothing from it.
	 */
	static final long INLINE_CHARACTERIZATION = 1 << 19;
	private boolean inlineCharacterization;
	private final java.util.concurrent.atomic.LongAdder refineNanos = new java.util.concurrent.atomic.LongAdder();
	private final java.util.concurrent.atomic.LongAdder measureNanos = new java.util.concurrent.atomic.LongAdder(); // the noise's

	/** Whether this path handles planes with these parameters: every per-axis parameter the same on both axes. */
	static boolean handles(final LocateParameters params) {
		return params.axesGiven() <= 2 && !params.isAnisotropic() && params.separation().isIsotropic()
			&& params.noiseSize().isIsotropic() && params.smoothingSize().isIsotropic();
	}

	/** A locator for the given parameters ({@link #handles} them). */
	PlaneLocator(final LocateParameters params) {
		this.params = params;
		if (!handles(params))
			throw new IllegalArgumentException("per-axis parameters go to the N-dimensional path: " + params);
		diameter = (int) params.diameter().uniform();
		if (diameter / 2 < 1)
			throw new IllegalArgumentException("diameter must be at least 3, got " + diameter);
		mask = new CircularMask(diameter / 2);
		bandpass = new Bandpass(params);
		Simd.prepare();
		maxima = new LocalMaxima(params);
		refiner = new Refiner(params, mask);
		duplicates = new Duplicates(params);
		noise = new NoiseEstimator(mask);
	}

	/** The band pass (for tests). */
	Bandpass bandpass() {
		return bandpass;
	}

	/** Lets the work on one plane use the splitter's threads (the results are the same). */
	void setSplitter(final Splitter s) {
		splitter = s == null ? Splitter.SERIAL : s;
	}

	/** Accumulate per-stage wall time into {@code t} (null to stop timing). */
	void setStageTimes(final StageTimes t) {
		times = t;
	}

	/**
	 * Locates the features of one plane.
	 *
	 * @return the features in trackpy's row order (row-major order of the
	 *         maxima, or ascending mass when {@code topn} cut the list)
	 * @throws IllegalArgumentException if the plane is smaller than the
	 *           diameter
	 */
	List<Feature> locate(final Plane plane) {
		final int w = plane.width(), h = plane.height();
		params.requireFits(w, h);

		final long t0 = System.nanoTime();
		raw.load(plane, params.invert(), splitter);
		final double scale = bandpass.apply(raw, histogram, nonZeroBits, splitter);
		img = bandpass.image();
		final long t1 = System.nanoTime();
		stage(StageTimes.Stage.BANDPASS, t1 - t0);

		// each row's maxima are refined as soon as they are found, while the rows around them are in the cache
		fb.clear();
		final double minmass = params.minmass();
		refineNanos.reset();
		refiner.prepare(w);
		final long c0 = System.nanoTime();
		columnSums(w, h);
		refineNanos.add(System.nanoTime() - c0); // the refinement's preparation
		final boolean timed = times != null;
		// on images larger than the cache, each row's maxima are refined (and those above minmass characterised)
		// as soon as they are found, while the image rows around them are in the cache; on others, after
		// all maxima are found (in ranges of features), and only the survivors of duplicate removal are characterised
		final boolean inline = (long) w * h >= INLINE_CHARACTERIZATION;
		inlineCharacterization = inline;
		final LocalMaxima.RowSink refine = !inline ? null : new LocalMaxima.RowSink() {
			@Override
			public void found(final FeatureBuffer buf, final int from, final int to) {
				final long s = timed ? System.nanoTime() : 0;
				refiner.refine(img, raw, buf, from, to, scale, minmass, true);
				if (timed)
					refineNanos.add(System.nanoTime() - s);
			}

			@Override
			public void done(final FeatureBuffer buf) {
				refiner.flush(img, raw, buf);
				// the filter's first test, on the band's thread: only candidates above minmass are appended
				buf.keepAbove(minmass, scale);
			}
		};
		// the background noise (for ep) is measured in parts of the maxima's split, after the bands (they even out the
		// threads' ends): it reads only the raw image and the non-zero bits; measured whenever features are
		// characterised, since whether there will be any is not known yet (an image without features measures it for nothing)
		final boolean measure = params.characterize();
		measureNanos.reset();
		final int noiseParts = measure ? noise.begin(nonZeroBits, raw, splitter.parts(h, 128, 4)) : 0;
		final long nonZero = (long) w * h - zeros();
		final double threshold = nonZero == 0 ? Double.NaN
			: bandpass.percentile(histogram, nonZeroBits, nonZero, maxima.percentile(), scale, w, h);
		maxima.find(img, w, h, nonZero, threshold, fb, splitter, refine, noiseParts, !timed ? noise::measurePart : i -> {
			final long s = System.nanoTime();
			noise.measurePart(i);
			measureNanos.add(System.nanoTime() - s);
		});
		long t2 = System.nanoTime();
		if (!inline) {
			final int n = fb.n, parts = splitter.parts(n, 32, 4);
			splitter.run(parts,
				i -> refiner.refine(img, raw, fb, Splitter.bound(i, parts, n), Splitter.bound(i + 1, parts, n), scale, minmass, false));
			final long t = System.nanoTime();
			refineNanos.add(t - t2);
			t2 = t;
		}
		// the refinement's and the noise's times, summed over the threads, as shares of the maxima's wall time
		long refined = refineNanos.sum(), measured = measureNanos.sum();
		final long span = t2 - t1;
		if (refined + measured > span) {
			final double f = (double) span / (refined + measured);
			refined = (long) (refined * f);
			measured = (long) (measured * f);
		}
		stage(StageTimes.Stage.MAXIMA, span - refined - measured);

		final int count = filter(scale);
		if (measure)
			noise.finish();
		final long t3 = System.nanoTime();
		stage(StageTimes.Stage.REFINE, t3 - t2 + refined);

		final List<Feature> out = new ArrayList<>(count);
		if (params.characterize()) {
			final double noiseSize = params.noiseSize().uniform();
			for (int k = 0; k < count; k++) {
				final int i = kept[k];
				final double massBg = fb.rawMass[i] - mask.size * noise.black;
				// trackpy's _static_error: N_S * noise_size[0] * coord_moments[0], left to right
				final double ep = noise.noise / massBg * noiseSize * mask.rootSumY2;
				out.add(new Feature(fb.y[i], fb.x[i], fb.mass[i], fb.size[i], fb.ecc[i], fb.signal[i], fb.rawMass[i], ep));
			}
		}
		else {
			for (int k = 0; k < count; k++) {
				final int i = kept[k];
				out.add(new Feature(fb.y[i], fb.x[i], fb.mass[i], Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
			}
		}
		stage(StageTimes.Stage.NOISE, System.nanoTime() - t3 + measured);
		bandpass.release(raw);
		if (times != null)
			times.frameDone();
		return out;
	}

	/** The integer image's zeros, its counts added up. */
	private long zeros() {
		histogram.finish();
		return histogram.zeros();
	}

	/** The column sums of the integer image for the refiner's mass bound, when it wants them (large masks). */
	private void columnSums(final int w, final int h) {
		if (!refiner.wantsColumnSums() || h >= 32768) {
			refiner.setColumnSums(null);
			return;
		}
		if (columns.length < Refiner.columnSumsLength(w, h))
			columns = new int[Refiner.columnSumsLength(w, h)];
		final int n = splitter.parts(w, 256, 1);
		if (columnScratch.length < 2 * n || columnScratch[0].length < w)
			columnScratch = new int[2 * n][w];
		final int[][] sc = columnScratch;
		splitter.run(n, i -> Refiner.columnSums(img, w, h, columns, Splitter.bound(i, n, w), Splitter.bound(i + 1, n, w), sc[2 * i],
			sc[2 * i + 1]));
		refiner.setColumnSums(columns);
	}

	private void stage(final StageTimes.Stage s, final long ns) {
		if (times != null)
			times.add(s, ns);
	}

	/**
	 * Given every maximum's refined position and mass (or the finding that its
	 * {@code mass / scale} cannot exceed {@code minmass}: {@link Refiner}), drops
	 * those with {@code mass / scale <= minmass} (or NaN) before duplicate
	 * removal, which is exact:
	 * trackpy's {@code where_close} drops the dimmer member of every close
	 * pair, all pairs judged at once, so a feature below {@code minmass} can
	 * only remove an even dimmer one, itself below {@code minmass} (division
	 * by the positive scale keeps the order); then removes the duplicates
	 * among the rest, characterises the survivors (unless the refiner has
	 * already characterised every feature above {@code minmass}), divides mass and
	 * signal by the scale factor, keeps {@code size < maxsize} (which, unlike
	 * {@code minmass}, must wait for duplicate removal: it is not monotone in
	 * mass), then applies {@code topn} ({@link Ranking#topn}: numpy's {@code
	 * argsort}, ties as numpy breaks them).
	 *
	 * @return the number of surviving features, whose indices are in {@code kept}
	 */
	private int filter(final double scale) {
		final int n = fb.n;
		if (kept.length < n) {
			kept = new int[fb.cy.length];
			candidates = new int[fb.cy.length];
		}
		final double minmass = params.minmass();
		final int[] cand = candidates;
		int m = 0;
		for (int i = 0; i < n; i++)
			if (fb.mass[i] / scale > minmass)
				cand[m++] = i;
		duplicates.mark(fb, cand, m, splitter);
		int s = 0;
		for (int k = 0; k < m; k++)
			if (!fb.drop[cand[k]])
				cand[s++] = cand[k];
		final int survivors = s;
		if (!inlineCharacterization) {
			final Splitter sp = splitter;
			final int cparts = sp.parts(survivors, 16, 4);
			sp.run(cparts,
				i -> refiner.characterize(img, raw, fb, cand, Splitter.bound(i, cparts, survivors), Splitter.bound(i + 1, cparts, survivors)));
		}
		final Double maxsize = params.maxsize();
		int count = 0;
		for (int k = 0; k < survivors; k++) {
			final int i = cand[k];
			fb.mass[i] /= scale;
			fb.signal[i] /= scale;
			if (!(fb.mass[i] > minmass))
				continue;
			if (maxsize != null && !(fb.size[i] < maxsize))
				continue;
			kept[count++] = i;
		}
		final Integer topn = params.topn();
		if (topn == null || count <= topn)
			return count;
		final int[] ranked = Ranking.topn(kept, count, fb.mass, topn);
		System.arraycopy(ranked, 0, kept, 0, ranked.length);
		return ranked.length;
	}
}
