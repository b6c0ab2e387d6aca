package io.github.parallellocate.ij;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.core.Warmup;
import io.github.parallellocate.imagej.FeatureOverlay;
import io.github.parallellocate.imagej.FeatureRow;
import io.github.parallellocate.imagej.FeatureTables;
import io.github.parallellocate.imagej.PlanePosition;

/**
 * The other half of the first click's warm-up, next to the locator's
 * ({@link Warmup}): what the plugin does with the features once they are
 * located, on made-up rows, on a daemon thread while the dialog is open.
 * Measured on the bulk-water movie (29,325 features), a fresh Fiji spends
 * longer publishing than locating: the Features table (filling it, and the
 * formatting of every cell when it is shown) and the overlay of one outline
 * per feature took about 1.6 s and 1.2 s on the first click against 0.3 s
 * each warm, in code (ImageJ's number formatting, the outlines' names) that
 * a warm-up of the locator never runs.
 * <p>
 * It only builds throwaway objects: a {@link ResultsTable} that is never
 * shown (filled by {@link FeatureTables}, every row formatted as the table
 * window formats it, cloned as {@code show} clones it) and an overlay that is
 * never set on the image ({@link FeatureOverlay#create}, which only reads the
 * image's dimensions). Nothing the user sees or the run uses changes. It
 * stops when cancelled (after the batch it is on, a few milliseconds), after
 * {@link #BATCHES} batches or when its time is up.
 * </p>
 */
final class OutputWarmup {

	/** Rows per batch. */
	static final int ROWS = 1000;
	/** Batches at most: enough for C2 to compile the loops (the work of a few warm clicks). */
	static final int BATCHES = 200;

	/** Whether a warm-up ran all its batches in this JVM: later dialogs then skip it. */
	private static volatile boolean completed;

	private final ImagePlus imp;
	private final Supplier<Warmup.Job> jobs;
	private final long maxNanos;
	private final Thread thread;
	private volatile boolean cancelled;
	private volatile int batches;
	private volatile Throwable failure;

	private OutputWarmup(final ImagePlus imp, final Supplier<Warmup.Job> jobs, final long maxMillis) {
		this.imp = imp;
		this.jobs = jobs;
		this.maxNanos = TimeUnit.MILLISECONDS.toNanos(maxMillis);
		thread = new Thread(this::run, "parallel-locate-warmup-outputs");
		thread.setDaemon(true);
		thread.setPriority(Thread.MIN_PRIORITY);
	}

	/** Starts warming the outputs for {@code imp} on a daemon thread. */
	static OutputWarmup start(final ImagePlus imp, final Supplier<Warmup.Job> jobs, final long maxMillis) {
		final OutputWarmup w = new OutputWarmup(imp, jobs, maxMillis);
		w.thread.start();
		return w;
	}

	/** Stops after the current batch; returns at once. */
	void cancel() {
		cancelled = true;
	}

	/** Waits up to {@code millis} for the thread to end. */
	boolean await(final long millis) throws InterruptedException {
		thread.join(millis);
		return !thread.isAlive();
	}

	int batches() {
		return batches;
	}

	Throwable failure() {
		return failure;
	}

	private void run() {
		final long start = System.nanoTime();
		try {
			List<FeatureRow> rows = null;
			Warmup.Job last = null;
			while (!cancelled && !completed && batches < BATCHES && System.nanoTime() - start < maxNanos) {
				final Warmup.Job job = jobs.get();
				if (job != null && (last == null || job.ndim() != last.ndim()
					|| job.parameters().isAnisotropic() != last.parameters().isAnisotropic())) {
					rows = rows(job);
					last = job;
				}
				if (rows == null) {
					Thread.sleep(20);
					continue;
				}
				final LocateParameters p = last.parameters();
				final ResultsTable rt = FeatureTables.toTable(rows, p.characterize(), imp.getCalibration());
				final int n = rt.size();
				for (int i = 0; i < n; i++)
					rt.getRowAsString(i);
				rt.clone();
				FeatureOverlay.create(imp, rows, p.diameter());
				batches++;
			}
			if (batches == BATCHES)
				completed = true;
		}
		catch (final Throwable t) { // never disturbs anything: it just stops
			failure = t;
		}
	}

	/** Made-up rows like a run's: positions over the image, values in a run's ranges, a few planes. */
	static List<FeatureRow> rows(final Warmup.Job job) {
		final SplittableRandom r = new SplittableRandom(15);
		final boolean aniso = job.parameters().isAnisotropic();
		final int ndim = job.ndim();
		final List<FeatureRow> rows = new ArrayList<>(ROWS);
		for (int i = 0; i < ROWS; i++) {
			final int frame = i * 5 / ROWS;
			final double y = r.nextDouble(0, 400), x = r.nextDouble(0, 600), z = r.nextDouble(0, 10);
			final double mass = r.nextDouble(20, 2000), size = r.nextDouble(1.5, 3.5), ecc = r.nextDouble(0, 0.5);
			final double signal = r.nextDouble(5, 60), raw = r.nextDouble(1e3, 1e5), ep = r.nextDouble(0.01, 0.3);
			final Feature f;
			if (ndim == 2 && !aniso)
				f = new Feature(y, x, mass, size, ecc, signal, raw, ep);
			else {
				final double[] pos = ndim == 3 ? new double[] { z, y, x } : new double[] { y, x };
				final double[] sizes = aniso ? (ndim == 3 ? new double[] { size, size, size } : new double[] { size, size }) : new double[] { size };
				final double[] eps = job.parameters().isEpPerAxis() ? (ndim == 3 ? new double[] { ep, ep, ep } : new double[] { ep, ep })
					: new double[] { ep };
				f = Feature.of(pos, mass, sizes, ndim == 3 ? Double.NaN : ecc, signal, raw, eps);
			}
			rows.add(new FeatureRow(new PlanePosition(frame + 1, frame, 1, 1), f));
		}
		return rows;
	}
}
