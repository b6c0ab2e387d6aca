package io.github.parallellocate.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.CollectionAccumulator;

import io.github.parallellocate.core.Feature;
import io.github.parallellocate.core.FeatureColumns;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.parallel.FrameFailedException;
import io.github.parallellocate.parallel.LocateEngine;
import io.github.parallellocate.parallel.RunSummary;


/**
 * Runs on an executor: locates one {@link FrameBatch} with the same engine
 * and core as every other front door and returns its rows (the columns of
 * {@link FeatureColumns}, then {@code frame}, then {@code source} if the job
 * names its movies), in frame order and trackpy's order within a frame. The
 * engine uses as many threads as the task was given cores
 * ({@code spark.task.cpus}, default 1). Counts and skipped frames go to the
 * driver through an accumulator (one {@link BatchResult} per batch).
 */
final class LocateTask implements FlatMapFunction<FrameBatch, Row> {

	private static final long serialVersionUID = 1L;

	/** The parameters as text by trackpy name ({@code LocateParameters} is not Serializable). */
	private final Map<String, String> parameters;
	private final int ndim;
	private final boolean withSource;
	private final boolean skipBadFrames;
	private final CollectionAccumulator<BatchResult> results;

	LocateTask(final Map<String, String> parameters, final int ndim, final boolean withSource, final boolean skipBadFrames,
		final CollectionAccumulator<BatchResult> results)
	{
		this.parameters = parameters;
		this.ndim = ndim;
		this.withSource = withSource;
		this.skipBadFrames = skipBadFrames;
		this.results = results;
	}

	@Override
	public Iterator<Row> call(final FrameBatch batch) throws Exception {
		final LocateParameters params = LocateParameters.fromText(parameters);
		final FeatureColumns columns = FeatureColumns.of(params, ndim);
		final int n = columns.count();
		final List<Row> rows = new ArrayList<>();
		final int first = batch.firstFrame();
		final RunSummary summary;
		try (FrameList.Opened source = batch.frames().open()) {
			final LocateEngine engine = new LocateEngine(params).threads(taskCores()).skipBadFrames(skipBadFrames);
			summary = engine.run(source, (frame, features) -> {
				final Long movieFrame = (long) (first + frame);
				for (final Feature f : features) {
					final Object[] values = new Object[n + (withSource ? 2 : 1)];
					for (int c = 0; c < n; c++)
						values[c] = columns.value(f, c);
					values[n] = movieFrame;
					if (withSource)
						values[n + 1] = batch.source();
					rows.add(RowFactory.create(values));
				}
			});
		}
		catch (final FrameFailedException e) {
			throw new BatchFailedException(inMovieTerms(batch, e.frame(), e.getMessage()), e.getCause());
		}
		catch (final java.io.IOException | RuntimeException e) { // the batch's first frame could not be opened
			final String frames = "frames " + first + "-" + (first + batch.frames().size() - 1) + ": ";
			throw new BatchFailedException(inMovieTerms(batch, -1, frames + FrameFailedException.messageOf(e)), e);
		}
		final List<String> skipped = new ArrayList<>();
		for (final RunSummary.SkippedFrame s : summary.skipped())
			skipped.add(inMovieTerms(batch, s.frame(), s.message()));
		results.add(new BatchResult(batch.index(), summary.located(), summary.features(), skipped));
		return rows.iterator();
	}

	/**
	 * The engine numbers frames within the batch: say which frame of the movie
	 * failed, and of which movie when the job names them.
	 */
	static String inMovieTerms(final FrameBatch batch, final int frame, final String message) {
		final String local = "frame " + frame + " ";
		final String m = message.startsWith(local) ? "frame " + (batch.firstFrame() + frame) + " " + message.substring(local.length()) : message;
		return batch.source() == null ? m : batch.source() + ": " + m;
	}

	private static int taskCores() {
		final TaskContext tc = TaskContext.get();
		return tc == null ? 1 : Math.max(1, tc.cpus());
	}
}
