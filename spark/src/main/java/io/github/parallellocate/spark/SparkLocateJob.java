package io.github.parallellocate.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

import io.github.parallellocate.io.csv.PythonFloat;

/**
 * Writes located features with Spark's own writers and committer: Parquet
 * (the default) or CSV with trackpy's header, optionally partitioned by
 * movie ({@code source=...} directories). The output directory is complete
 * (Spark's {@code _SUCCESS} marker and part files) or absent: Spark's
 * committer publishes the parts only when every task succeeded, and a failed
 * or killed job (SIGTERM) removes the directory it was writing.
 */
public final class SparkLocateJob {

	/** Output formats. */
	public enum Format {
		/** Apache Parquet: doubles exact, {@code pd.read_parquet(dir)}. */
		PARQUET,
		/** CSV with trackpy's header; numbers as pandas writes them; one header per part file. */
		CSV;

		/** The format named (case-insensitive). */
		public static Format parse(final String text) {
			for (final Format f : values())
				if (f.name().equalsIgnoreCase(text.trim()))
					return f;
			throw new IllegalArgumentException("format must be parquet or csv, got '" + text + "'");
		}
	}

	private SparkLocateJob() {}

	/**
	 * Refuses an output that exists (unless {@code overwrite}) or that holds
	 * (or is) one of the inputs: call it before the job starts, so that
	 * nothing is done in vain.
	 */
	static void checkOutput(final Path output, final boolean overwrite, final List<String> inputFiles, final Configuration conf)
			throws IOException {
		final FileSystem fs = output.getFileSystem(conf);
		final String out = fs.makeQualified(output).toString();
		for (final String in : inputFiles)
			if (in.equals(out) || in.startsWith(out.endsWith("/") ? out : out + "/"))
				throw new IOException("the output " + output + " would replace the input " + in);
		if (!overwrite && fs.exists(output))
			throw new IOException(output + " already exists (use --overwrite to replace it)");
	}

	/**
	 * Writes the features to {@code output} (a directory on any Hadoop file system).
	 *
	 * @throws BatchFailedException a frame failed (its one-line message)
	 * @throws IOException the output cannot be written (one line)
	 */
	static void write(final Dataset<Row> features, final Path output, final Format format, final boolean partitionBySource,
		final boolean overwrite, final Configuration conf) throws IOException, BatchFailedException
	{
		write(features, output, format, partitionBySource, overwrite, conf, m -> {});
	}

	/** The message when the JVM is stopped (SIGTERM) before the output is committed. */
	static String stoppedMessage(final Path output) {
		return "stopped before the output was committed: nothing written to " + output;
	}

	/**
	 * The same; {@code onStop} gets {@link #stoppedMessage} if the JVM is
	 * stopped before the commit (from a shutdown hook: the calling thread may
	 * never get to report it).
	 */
	static void write(final Dataset<Row> features, final Path output, final Format format, final boolean partitionBySource,
		final boolean overwrite, final Configuration conf, final java.util.function.Consumer<String> onStop) throws IOException,
		BatchFailedException
	{
		final FileSystem fs = output.getFileSystem(conf);
		final boolean existed = fs.exists(output);
		final boolean[] committed = { false };
		// after Spark's context stops (priority 50), before Hadoop closes its file systems (10)
		final Runnable cleanup = () -> {
			if (committed[0])
				return;
			if (!existed)
				deleteQuietly(fs, output);
			onStop.accept(stoppedMessage(output));
		};
		ShutdownHookManager.get().addShutdownHook(cleanup, 30);
		try {
			final Dataset<Row> rows = format == Format.CSV ? pandasNumbers(features) : features;
			DataFrameWriter<Row> w = rows.write().mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists);
			if (partitionBySource && List.of(features.columns()).contains(ParallelLocateSpark.SOURCE))
				w = w.partitionBy(ParallelLocateSpark.SOURCE);
			if (format == Format.CSV)
				w.option("header", "true").csv(output.toString());
			else
				w.parquet(output.toString());
			committed[0] = true;
		}
		catch (final Exception e) { // SparkException and AnalysisException are undeclared in Spark's Java API
			if (!existed)
				deleteQuietly(fs, output);
			final BatchFailedException frame = frameFailure(e);
			if (frame != null)
				throw new BatchFailedException(frame.getMessage(), e);
			if (ShutdownHookManager.get().isShutdownInProgress())
				throw new IOException(stoppedMessage(output), e);
			throw new IOException("cannot write " + output + " (" + HadoopInputs.oneLine(rootCause(e)) + ")", e);
		}
		finally {
			if (!ShutdownHookManager.get().isShutdownInProgress())
				ShutdownHookManager.get().removeShutdownHook(cleanup);
		}
	}

	/** The failed frame behind a Spark failure, if a frame failed. */
	static BatchFailedException frameFailure(final Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause())
			if (t instanceof BatchFailedException b)
				return b;
		// a cause Spark could not ship back: its text only
		for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
			final String m = t.getMessage();
			final String tag = BatchFailedException.class.getName() + ": ";
			final int at = m == null ? -1 : m.indexOf(tag);
			if (at >= 0)
				return new BatchFailedException(m.substring(at + tag.length()).lines().findFirst().orElse("").trim(), null);
		}
		return null;
	}

	private static Throwable rootCause(final Throwable e) {
		Throwable t = e;
		while (t.getCause() != null && t.getCause() != t)
			t = t.getCause();
		return t;
	}

	private static void deleteQuietly(final FileSystem fs, final Path p) {
		try {
			fs.delete(p, true);
		}
		catch (final IOException | RuntimeException e) {
			// nothing more to do: the committer never published it
		}
	}

	/** The double columns as text as pandas writes them ({@link PythonFloat}; NaN empty), so that the CSV is trackpy's. */
	static Dataset<Row> pandasNumbers(final Dataset<Row> features) {
		final UserDefinedFunction repr = functions.udf((UDF1<Double, String>) v -> v == null || v.isNaN() ? null : PythonFloat.repr(v),
			DataTypes.StringType);
		final List<Column> cols = new ArrayList<>();
		for (final StructField f : features.schema().fields())
			cols.add(f.dataType() == DataTypes.DoubleType ? repr.apply(features.col(f.name())).as(f.name()) : features.col(f.name()));
		return features.select(cols.toArray(Column[]::new));
	}

	/** The summary line's numbers. */
	static String describe(final ParallelLocateSpark.Summary s, final String master, final long nanos) {
		return String.format(Locale.ROOT, "%d features in %d of %d frames (%d tasks on %s), %.1f s, %.1f frames/s", s.features(), s.located(),
			s.frames(), s.tasks(), master, nanos / 1e9, nanos == 0 ? 0 : s.located() * 1e9 / nanos);
	}
}
