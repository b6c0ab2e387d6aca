package io.github.parallellocate.spark;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import io.github.parallellocate.cli.TrackpyOptions;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.io.csv.FeatureCsv;
import io.github.parallellocate.parallel.FrameFailedException;
import io.github.parallellocate.parallel.LocateEngine;
import io.github.parallellocate.parallel.PlaneSource;
import io.github.parallellocate.parallel.RunSummary;


/**
 * Runs on an executor: locates one {@link FrameBatch} with the same engine
 * and core as every other front door, writes its rows to the batch's part
 * file (movie frame numbers, trackpy's CSV format) and returns only counts.
 * The engine uses as many threads as the task was given cores
 * ({@code spark.task.cpus}, default 1).
 */
final class LocateTask implements Function<FrameBatch, BatchResult> {

	private static final long serialVersionUID = 1L;

	private final TrackpyOptions options;
	private final PartDirectory parts;
	private final boolean skipBadFrames;

	LocateTask(final TrackpyOptions options, final PartDirectory parts, final boolean skipBadFrames) {
		this.options = options;
		this.parts = parts;
		this.skipBadFrames = skipBadFrames;
	}

	@Override
	public BatchResult call(final FrameBatch batch) throws Exception {
		final LocateParameters params = options.parameters();
		final PlaneSource source = batch.frames().open();
		final LocateEngine engine = new LocateEngine(params).threads(taskCores()).skipBadFrames(skipBadFrames);
		final int first = batch.firstFrame();
		final RunSummary summary;
		try {
			summary = parts.writePart(batch.index(), out -> engine.run(source,
				(frame, features) -> FeatureCsv.writeFrame(out, first + frame, features, params.characterize())));
		}
		catch (final FrameFailedException e) {
			final String message = inMovieTerms(e.frame(), first, e.getMessage());
			parts.writeFailure(batch.index(), message);
			throw new BatchFailedException(message, e.getCause());
		}
		final List<String> skipped = new ArrayList<>();
		for (final RunSummary.SkippedFrame s : summary.skipped())
			skipped.add(inMovieTerms(s.frame(), first, s.message()));
		return new BatchResult(batch.index(), summary.located(), summary.features(), skipped);
	}

	/** The engine numbers frames within the batch: say which frame of the movie failed. */
	private static String inMovieTerms(final int frame, final int first, final String message) {
		final String local = "frame " + frame + " ";
		return message.startsWith(local) ? "frame " + (first + frame) + " " + message.substring(local.length()) : message;
	}

	private static int taskCores() {
		final TaskContext tc = TaskContext.get();
		return tc == null ? 1 : Math.max(1, tc.cpus());
	}
}
