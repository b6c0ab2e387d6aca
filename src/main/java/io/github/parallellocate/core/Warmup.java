package io.github.parallellocate.core;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Warms the JIT compilers for a coming run, in the background: locates
 * small synthetic images (Gaussian spots on a noisy background, of the run's
 * pixel type and dimensionality, spots of the run's diameter, dark ones when
 * inverting) with the run's parameters, on one daemon thread, until it is
 * cancelled, its time is up, or it is warm: the time per image has stopped
 * improving and the JIT compilers have gone quiet.
 * <p>
 * Why: in a fresh JVM the first run of 50 bulk-water frames costs about five
 * times a warm one (1.0&ndash;1.8 s against 0.2&ndash;0.3 s). Class loading is a
 * small part of it (some 70 classes of ours, ~0.1 s); the rest is the
 * interpreter and C1's profiling code, waiting for C2's compilations of some
 * 35 hot methods (the band pass rows, the maxima scan, refinement,
 * characterisation, the noise estimate), which arrive one after the other on
 * the single C2 compiler thread a 2-core machine gets, from 0.2 s to 1.0 s
 * after the first frame; C2 alone spends 300&ndash;450 ms of CPU on them, more
 * than the whole warm run. A Fiji user spends seconds in the dialog before
 * OK: warming there makes the run itself start with compiled code. Measured
 * ({@code scripts/benchmark.sh --case bulk-water --first-run --dialog 2}, a
 * shared 2-core machine at load 3&ndash;8): the first run cost 850&ndash;1,070 ms
 * of CPU without a warm-up and 250&ndash;380 ms after 2 s in the dialog,
 * against 180&ndash;250 ms warm; wall time 1.1&ndash;1.8&times; warm at load 3&ndash;4
 * (2.5&ndash;5&times; before).
 * </p>
 * <p>
 * The code paths are the run's: the same {@link FeatureLocator} dispatch
 * (the 2D fast path or the N-dimensional one, chosen by the parameters and
 * the image), the same pixel type (so that no pixel-type branch is left
 * unprofiled, which would make C2's code trap and recompile on the real
 * data), the same flags ({@code invert}, {@code characterize},
 * {@code preprocess}). Every other image is located with {@code minmass},
 * {@code maxsize} and {@code topn} cleared, so that the characterisation is
 * warmed even when the user's {@code minmass} rejects every synthetic spot.
 * Parameters are asked for anew before every image (a dialog's fields
 * change); null means "not valid now": the last valid ones are kept.
 * </p>
 * <p>
 * It never changes results: it uses its own locators and images, and the
 * locator has no shared mutable state ({@code WarmupTest} checks that runs
 * during and after a warm-up give the same features). {@link #cancel()}
 * returns at once and never waits: the thread stops after the image it is
 * locating (a few milliseconds, some tens while still interpreted), so a
 * run that starts never waits for it. What was warmed to a steady state is
 * remembered for the JVM's lifetime: a later warm-up of the same kind (pixel
 * type, dimensions, path) returns at once, so a second click costs nothing.
 * </p>
 */
public final class Warmup {

	/** What to warm: the run's parameters, pixel type and number of dimensions (2 or 3). */
	public record Job(LocateParameters parameters, PixelType type, int ndim) {
		public Job {
			if (parameters == null || type == null)
				throw new IllegalArgumentException("parameters and type are required");
			if (ndim != 2 && ndim != 3)
				throw new IllegalArgumentException("ndim must be 2 or 3, got " + ndim);
		}

		/** What makes a different set of compiled code: pixel type, dimensions, path and flags. */
		String kind() {
			final LocateParameters p = parameters;
			final boolean fast = ndim == 2 && PlaneLocator.handles(p);
			return type + "/" + ndim + "d/" + (fast ? "plane" : "nd") + "/" + (p.invert() ? "i" : "") + (p.characterize() ? "c" : "")
				+ (p.preprocess() ? "p" : "") + (p.isEpPerAxis() ? "e" : "");
		}
	}

	/** The default longest warm-up. */
	public static final long DEFAULT_MAX_MILLIS = 6000;
	/** Warm when the time per image has not improved by 10% for this long (after {@link #MIN_IMAGES} images)... */
	static final long QUIET_NANOS = 1_500_000_000L;
	static final int MIN_IMAGES = 100;
	/** ... and the JIT compilers have not compiled anything for this long (where the JVM tells). */
	static final long COMPILER_QUIET_NANOS = 1_000_000_000L;
	private static final java.lang.management.CompilationMXBean JIT = java.lang.management.ManagementFactory.getCompilationMXBean();

	/** The system property that turns warm-ups off ({@code -Dparallellocate.warmup=false}). */
	public static final String PROPERTY = "parallellocate.warmup";

	/** Kinds warmed to a steady state in this JVM. */
	private static final Set<String> WARMED = new HashSet<>();

	private final Supplier<Job> jobs;
	private final long maxNanos;
	private final CountDownLatch done = new CountDownLatch(1);
	private volatile boolean cancelled;
	private volatile int images;
	private volatile boolean steady;
	private volatile Throwable failure;
	private final Thread thread;

	private Warmup(final Supplier<Job> jobs, final long maxMillis) {
		this.jobs = jobs;
		this.maxNanos = TimeUnit.MILLISECONDS.toNanos(maxMillis);
		thread = new Thread(this::run, "parallel-locate-warmup");
		thread.setDaemon(true);
		thread.setPriority(Thread.MIN_PRIORITY);
	}

	/**
	 * Starts warming on a daemon thread.
	 *
	 * @param jobs what to warm, asked before every image (null: keep the last; none yet: wait)
	 * @param maxMillis the longest it may run
	 */
	public static Warmup start(final Supplier<Job> jobs, final long maxMillis) {
		final Warmup w = new Warmup(jobs, maxMillis);
		w.thread.start();
		return w;
	}

	/** Starts warming for one fixed job. */
	public static Warmup start(final Job job, final long maxMillis) {
		return start(() -> job, maxMillis);
	}

	/** Whether warm-ups are on: unless the system property {@value #PROPERTY} is {@code false}. */
	public static boolean isEnabled() {
		return !"false".equalsIgnoreCase(System.getProperty(PROPERTY));
	}

	/** Stops after the current image; returns at once. */
	public void cancel() {
		cancelled = true;
	}

	/** Whether the thread has ended (cancelled, time up, warm, or nothing to do). */
	public boolean isDone() {
		return done.getCount() == 0;
	}

	/** Waits up to {@code millis} for the thread to end; true if it has. */
	public boolean await(final long millis) throws InterruptedException {
		return done.await(millis, TimeUnit.MILLISECONDS);
	}

	/** Images located so far. */
	public int images() {
		return images;
	}

	/** Whether it ended because the time per image stopped improving (or the kind was already warm). */
	public boolean reachedSteadyState() {
		return steady;
	}

	/** What stopped it early, if it failed (a warm-up failure is never reported to the user). */
	public Throwable failure() {
		return failure;
	}

	/** Whether this kind of job was already warmed to a steady state in this JVM. */
	public static boolean isWarm(final Job job) {
		synchronized (WARMED) {
			return WARMED.contains(job.kind());
		}
	}

	private void run() {
		try {
			warm();
		}
		catch (final Throwable t) { // a warm-up must never disturb anything: it just stops
			failure = t;
		}
		finally {
			done.countDown();
		}
	}

	private void warm() throws InterruptedException {
		final long start = System.nanoTime();
		Job job = null, refused = null;
		String kind = null;
		Image[] images = null;
		// per image size, as a run has one per worker: the exact parameters, without the filters, minmass at the median mass
		FeatureLocator[] exact = null, all = null, half = null;
		double[] medianMass = null;
		long best = Long.MAX_VALUE, lastImprovement = start, lastCompilation = start, compiled = compilationMillis();
		int count = 0, sinceSwitch = 0;
		while (!cancelled && System.nanoTime() - start < maxNanos) {
			final Job next = ask();
			if (next != null && !next.equals(job) && !next.equals(refused)) {
				final String k = next.kind();
				final Image[] imgs = !k.equals(kind) || !sameShapeNeeds(job, next) ? synthetic(next) : images;
				boolean fits = true;
				try {
					for (final Image i : imgs)
						next.parameters().requireFits(i);
					new FeatureLocator(next.parameters()); // refuses a diameter below 3 (typed on the way to 11, say)
					unfiltered(next.parameters());
				}
				catch (final IllegalArgumentException e) {
					fits = false; // wait for other parameters
				}
				if (!k.equals(kind)) {
					best = Long.MAX_VALUE;
					lastImprovement = System.nanoTime();
					sinceSwitch = 0;
				}
				job = fits ? next : null;
				refused = fits ? null : next; // not asked again until the fields change
				kind = k;
				images = fits ? imgs : null;
				exact = new FeatureLocator[imgs.length];
				all = new FeatureLocator[imgs.length];
				half = new FeatureLocator[imgs.length];
				medianMass = new double[imgs.length];
			}
			if (job != null && isWarm(job)) {
				steady = true;
				return;
			}
			if (images == null) {
				Thread.sleep(20); // nothing valid yet
				continue;
			}
			final int i = sinceSwitch % images.length;
			final LocateParameters p = job.parameters();
			if (sinceSwitch % (4 * images.length) < images.length) {
				// a run starts with new locators, whose buffers are allocated on their first image: keep that path profiled too
				exact[i] = new FeatureLocator(p);
				all[i] = new FeatureLocator(unfiltered(p));
				half[i] = null;
			}
			final long t0 = System.nanoTime();
			exact[i].locate(images[i]);
			final List<Feature> unfiltered = all[i].locate(images[i]);
			if (half[i] == null) {
				medianMass[i] = medianMass(unfiltered);
				half[i] = new FeatureLocator(p.toBuilder().minmass(medianMass[i]).maxIterations(1).build());
				// the work of one image split in parts, as a run of few or large images splits it (here all on this thread)
				half[i].setExecutor(Runnable::run, 2);
			}
			half[i].locate(images[i]);
			final long t = System.nanoTime() - t0;
			this.images = count += 3;
			sinceSwitch++;
			if (i == 0) { // time the same image each time
				if (t < best) {
					if (t < 0.9 * best)
						lastImprovement = System.nanoTime();
					best = t;
				}
			}
			final long c = compilationMillis();
			if (c != compiled) {
				compiled = c;
				lastCompilation = System.nanoTime();
			}
			if (sinceSwitch * 3 >= MIN_IMAGES && System.nanoTime() - lastImprovement > QUIET_NANOS
				&& System.nanoTime() - lastCompilation > COMPILER_QUIET_NANOS) {
				synchronized (WARMED) {
					WARMED.add(kind);
				}
				steady = true;
				return;
			}
		}
	}

	/** Total time the JIT compilers have spent so far (ms; 0 where the JVM does not tell). */
	private static long compilationMillis() {
		return JIT != null && JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : 0;
	}

	/** The median mass of some features (0 if none). */
	static double medianMass(final List<Feature> features) {
		if (features.isEmpty())
			return 0;
		final double[] m = new double[features.size()];
		for (int i = 0; i < m.length; i++)
			m[i] = features.get(i).mass();
		java.util.Arrays.sort(m);
		return m[m.length / 2];
	}

	private Job ask() {
		try {
			return jobs.get();
		}
		catch (final RuntimeException e) {
			return null;
		}
	}

	/** Whether the synthetic image made for {@code a} also serves {@code b} (same type, dimensions, diameter, invert). */
	private static boolean sameShapeNeeds(final Job a, final Job b) {
		return a != null && a.type() == b.type() && a.ndim() == b.ndim() && a.parameters().invert() == b.parameters().invert()
			&& a.parameters().diameter().equals(b.parameters().diameter());
	}

	/** The parameters without the filters that could reject every synthetic spot. */
	static LocateParameters unfiltered(final LocateParameters p) {
		final LocateParameters.Builder b = p.toBuilder();
		b.set(LocateParameter.MINMASS, (Object) null);
		b.set(LocateParameter.MAXSIZE, (Object) null);
		b.set(LocateParameter.TOPN, (Object) null);
		return b.build();
	}

	/**
	 * Seeded synthetic images for a job, of a few sizes (so that the loops
	 * see several lengths, widths that are multiples of 64 and others, and
	 * one image has more maxima than a locator's first buffers hold; each
	 * size gets its own locators, renewed now and then so that a run's first
	 * image, which allocates a locator's buffers, is profiled too): Gaussian
	 * spots (σ = diameter / 5 per axis; half of them bright, 0.3 to 1.5 times
	 * the nominal amplitude, half faint, which {@code minmass} rejects) at
	 * uniformly random positions, two in a box of twice the diameter (so that
	 * close pairs are found and removed as duplicates), on a background with
	 * Gaussian noise; dark spots on a bright background when the job
	 * inverts. These are the branches real data take and a uniform warm-up
	 * would not: without them C2's code, compiled from the warm-up's
	 * profile, traps on the first real frame and is compiled again
	 * (measured: half the gain lost). A plane spans 6 to 24 diameters a side
	 * (at least 48 pixels, at most 256 or 3 diameters), a volume 0.6 times
	 * that (at least 12 slices and 40 pixels, at most 128 or 3 diameters), so
	 * that an image is quick to locate even interpreted: the warm-up stops
	 * soon after it is cancelled.
	 */
	static Image[] synthetic(final Job job) {
		final SplittableRandom random = new SplittableRandom(15);
		// rows and columns in diameters; a negative number of columns: rounded up to a multiple of 64 pixels
		final double[][] scales = { { 8, 8 }, { 10, -12 }, { 24, -24 }, { 6, 7 } };
		final int[] pairs = { 2, 0, 1, 0 }; // a pair of equal features at the centre: none, in one row (1), on a slant (2)
		final Image[] images = new Image[scales.length];
		for (int i = 0; i < scales.length; i++)
			images[i] = synthetic(job, scales[i][0], scales[i][1], pairs[i], random);
		return images;
	}

	private static Image synthetic(final Job job, final double rows, final double columns, final int pair, final SplittableRandom random) {
		final int ndim = job.ndim();
		final PerAxis d = job.parameters().diameter();
		final double[] dia = new double[3];
		final int[] shape = { 1, 1, 1 }; // z, y, x
		for (int i = 0; i < ndim; i++) {
			final int axis = 3 - ndim + i;
			dia[axis] = d.isScalar() ? d.get(0) : d.get(i);
			final int least = axis == 0 ? 12 : ndim == 2 ? 48 : 40;
			final double scale = Math.abs(axis == 2 ? columns : axis == 1 ? rows : (rows + Math.abs(columns)) / 3) * (ndim == 3 ? 0.6 : 1);
			// at most 256 pixels a side (128 in a volume), or 3 diameters: an image costs ~1 ms compiled, some tens interpreted
			final int most = (int) Math.max(ndim == 2 ? 256 : 128, Math.ceil(3 * dia[axis]));
			int n = (int) Math.min(most, Math.max(least, Math.ceil(scale * dia[axis])));
			if (axis == 2 && columns < 0)
				n = (n + 63) / 64 * 64; // image widths are often multiples of 64: a case of the noise estimate's bit rows
			shape[axis] = n;
		}
		if (pair > 0 && ndim == 2)
			shape[1] |= 1; // an odd number of rows: the centre row is its own mirror image
		final int depth = shape[0], height = shape[1], width = shape[2];
		final double cy = (height - 1) / 2.0, cx = (width - 1) / 2.0, clear = 1.5 * dia[2];
		final double[] v = new double[depth * height * width];
		final PixelType type = job.type();
		final double background = type == PixelType.UINT8 ? 30 : type == PixelType.UINT16 ? 300 : 0.1;
		final double amplitude = type == PixelType.UINT8 ? 120 : type == PixelType.UINT16 ? 1500 : 0.6;
		final double noise = type == PixelType.FLOAT32 ? 0.02 : Math.sqrt(background);
		java.util.Arrays.fill(v, background);
		final double[] sigma = new double[3];
		double cell = 1;
		for (int axis = 3 - ndim; axis < 3; axis++) {
			sigma[axis] = Math.max(0.7, dia[axis] / 5);
			cell *= 2 * dia[axis];
		}
		final int spots = (int) Math.max(8, Math.round(2 * v.length / cell));
		for (int s = 0; s < spots; s++) {
			double z0 = ndim == 3 ? random.nextDouble(depth) : 0, y0 = random.nextDouble(height), x0 = random.nextDouble(width);
			if (pair > 0 && ndim == 2 && s < 2) { // the pair's first spot; the mirror image makes the second
				y0 = pair == 1 ? cy : cy - 0.2 * dia[1];
				x0 = pair == 1 ? cx - 0.3 * dia[2] : cx + 0.3 * dia[2]; // in a row the left one comes first, on this slant the right one
			}
			else if (pair > 0 && ndim == 2 && Math.abs(y0 - cy) < clear && Math.abs(x0 - cx) < clear)
				continue; // keep the pair alone
			// half bright spots, half faint ones that minmass rejects, as in real data
			final double a = amplitude * (s % 2 == 0 ? random.nextDouble(0.3, 1.5) : random.nextDouble(0.02, 0.3));
			final int rz = ndim == 3 ? (int) Math.ceil(3 * sigma[0]) : 0, ry = (int) Math.ceil(3 * sigma[1]), rx = (int) Math.ceil(3 * sigma[2]);
			for (int z = Math.max(0, (int) z0 - rz); z <= Math.min(depth - 1, (int) z0 + rz); z++)
				for (int y = Math.max(0, (int) y0 - ry); y <= Math.min(height - 1, (int) y0 + ry); y++)
					for (int x = Math.max(0, (int) x0 - rx); x <= Math.min(width - 1, (int) x0 + rx); x++) {
						final double dz = ndim == 3 ? (z - z0) / sigma[0] : 0, dy = (y - y0) / sigma[1], dx = (x - x0) / sigma[2];
						v[(z * height + y) * width + x] += a * Math.exp(-0.5 * (dz * dz + dy * dy + dx * dx));
					}
		}
		final boolean invert = job.parameters().invert();
		final int n = v.length;
		final Object pixels;
		switch (type) {
			case UINT8: {
				final byte[] p = new byte[n];
				for (int i = 0; i < n; i++) {
					final long q = Math.max(0, Math.min(255, Math.round(v[i] + noise * random.nextGaussian())));
					p[i] = (byte) (invert ? 255 - q : q);
				}
				pixels = p;
				break;
			}
			case UINT16: {
				final short[] p = new short[n];
				for (int i = 0; i < n; i++) {
					final long q = Math.max(0, Math.min(65535, Math.round(v[i] + noise * random.nextGaussian())));
					p[i] = (short) (invert ? 65535 - q : q);
				}
				pixels = p;
				break;
			}
			default: {
				final float[] p = new float[n];
				for (int i = 0; i < n; i++) {
					final double q = v[i] + noise * random.nextGaussian();
					p[i] = (float) (invert ? 1 - q : q);
				}
				pixels = p;
			}
		}
		if (pair > 0 && ndim == 2)
			symmetric(pixels, n);
		return ndim == 2 ? Plane.of(pixels, width, height) : Volume.of(pixels, width, height, depth);
	}

	/**
	 * Makes a plane symmetric about its centre (pixel {@code i} = pixel
	 * {@code n - 1 - i}): two mirror-image spots near the centre are then two
	 * maxima of equal value within {@code separation}, which duplicate
	 * removal judges by mass, equal too, and then by position. Real movies
	 * have such ties (integer images); a warm-up without them leaves that
	 * branch unprofiled, and the compiled duplicate removal traps on the
	 * first real frame.
	 */
	private static void symmetric(final Object pixels, final int n) {
		for (int i = 0; i < n / 2; i++)
			if (pixels instanceof byte[] b)
				b[n - 1 - i] = b[i];
			else if (pixels instanceof short[] sh)
				sh[n - 1 - i] = sh[i];
			else
				((float[]) pixels)[n - 1 - i] = ((float[]) pixels)[i];
	}

	/** For tests: the features of each of a job's synthetic images with its exact parameters. */
	static List<List<Feature>> locateSynthetic(final Job job) {
		final List<List<Feature>> all = new java.util.ArrayList<>();
		for (final Image i : synthetic(job))
			all.add(new FeatureLocator(job.parameters()).locate(i));
		return all;
	}
}
