package io.github.parallellocate.spark;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import io.github.parallellocate.cli.TrackpyOptions;
import io.github.parallellocate.io.AtomicOutput;
import io.github.parallellocate.io.csv.FeatureCsv;


/**
 * The driver's side of a Spark run. Cuts the frame list into contiguous
 * batches ({@link #framesPerTask(int)} frames each), one Spark task per batch;
 * each task writes its rows to a part file and returns counts only; then the
 * parts are concatenated in frame order, after the header, into the output
 * file (complete or not at all: {@link AtomicOutput}). The result is the very
 * file the command line writes for the same input and parameters.
 */
public final class SparkLocateJob {

	/** Default frames per task: per-task overhead (~2 ms) stays under 1% of the work. */
	public static final int DEFAULT_FRAMES_PER_TASK = 32;

	private final TrackpyOptions options;
	private int framesPerTask = DEFAULT_FRAMES_PER_TASK;
	private boolean skipBadFrames;

	/**
	 * What a run did.
	 *
	 * @param frames frames in the input
	 * @param tasks Spark tasks (batches)
	 * @param located frames located
	 * @param features rows written
	 * @param skipped messages of skipped frames, in frame order
	 * @param nanos wall time from the first task to the committed file
	 */
	public record Summary(int frames, int tasks, int located, long features, List<String> skipped, long nanos) {

		public double framesPerSecond() {
			return nanos == 0 ? 0 : located * 1e9 / nanos;
		}
	}

	public SparkLocateJob(final TrackpyOptions options) {
		this.options = options;
	}

	public SparkLocateJob framesPerTask(final int n) {
		if (n < 1)
			throw new IllegalArgumentException("frames-per-task must be at least 1, got " + n);
		framesPerTask = n;
		return this;
	}

	public SparkLocateJob skipBadFrames(final boolean skip) {
		skipBadFrames = skip;
		return this;
	}

	/**
	 * Refuses an output that is a directory or exists (without overwrite):
	 * call it before starting Spark, so that nothing is done in vain.
	 */
	public static void checkOutput(final Path output, final boolean overwrite) throws IOException {
		if (Files.isDirectory(output))
			throw new IOException(output + " is a directory");
		if (!overwrite && Files.exists(output))
			throw new FileAlreadyExistsException(output + " already exists (use --overwrite to replace it)");
	}

	/** Cuts {@code frames} into contiguous batches of at most {@code perTask} frames. */
	public static List<FrameBatch> batches(final FrameList frames, final int perTask) {
		final List<FrameBatch> out = new ArrayList<>();
		for (int from = 0; from < frames.size(); from += perTask)
			out.add(new FrameBatch(out.size(), from, frames.slice(from, Math.min(frames.size(), from + perTask))));
		return out;
	}

	/**
	 * Locates all frames and writes the CSV.
	 *
	 * @throws IllegalArgumentException invalid parameters (one-line message)
	 * @throws FileAlreadyExistsException output exists and overwrite is off
	 * @throws BatchFailedException a frame failed (skip-bad-frames off)
	 * @throws IOException the output or part files cannot be written
	 * @throws org.apache.spark.SparkException (undeclared, as everywhere in
	 *           Spark's Java API) if the job failed otherwise
	 */
	public Summary run(final JavaSparkContext sc, final FrameList frames, final Path output, final boolean overwrite)
			throws IOException, BatchFailedException {
		final boolean characterize = options.parameters().characterize();
		checkOutput(output, overwrite);
		final List<FrameBatch> batches = batches(frames, framesPerTask);
		final long start = System.nanoTime();
		final PartDirectory parts = PartDirectory.createBeside(output);
		// Ctrl-C, scancel, bkill: no part directory is left behind either
		final Thread cleanup = new Thread(parts::deleteQuietly, "parallel-locate-spark-cleanup");
		Runtime.getRuntime().addShutdownHook(cleanup);
		try {
			sc.setJobDescription("Parallel Locate: " + frames.size() + " frames in " + batches.size() + " tasks");
			final List<BatchResult> results = new ArrayList<>(sc.parallelize(batches, Math.max(1, batches.size()))
				.map(new LocateTask(options, parts, skipBadFrames)).collect());
			results.sort(Comparator.comparingInt(BatchResult::index));
			try (AtomicOutput out = AtomicOutput.open(output, overwrite)) {
				out.writer().write(FeatureCsv.header(characterize) + "\n");
				parts.concatenate(batches.size(), out.writer());
				out.commit();
			}
			int located = 0;
			long features = 0;
			final List<String> skipped = new ArrayList<>();
			for (final BatchResult r : results) {
				located += r.located();
				features += r.features();
				skipped.addAll(r.skipped());
			}
			return new Summary(frames.size(), batches.size(), located, features, List.copyOf(skipped), System.nanoTime() - start);
		}
		catch (final Exception e) { // e.g. SparkException, undeclared as in all of Spark's Java API
			// the first failed frame, in frame order, as the command line reports it
			final String failure = parts.firstFailure();
			if (failure != null)
				throw new BatchFailedException(failure, e);
			throw e;
		}
		finally {
			parts.delete();
			try {
				Runtime.getRuntime().removeShutdownHook(cleanup);
			}
			catch (final IllegalStateException e) {
				// already shutting down: the hook deletes nothing more
			}
		}
	}
}
