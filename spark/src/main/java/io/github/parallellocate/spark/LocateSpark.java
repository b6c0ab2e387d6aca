package io.github.parallellocate.spark;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import io.github.parallellocate.core.LocateParameter;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.io.TrackpyArgs;
import io.github.parallellocate.parallel.FrameFailedException;

/**
 * Parallel Locate on Apache Spark, from the command line: movies on any
 * Hadoop file system in, a Parquet (or CSV) dataset out.
 * <pre>
 * spark-submit --class io.github.parallellocate.spark.LocateSpark parallel-locate-spark-cluster.jar \
 *     hdfs:///movies/*.tif --diameter 11 --invert --output hdfs:///features/run1
 * java -jar parallel-locate-spark.jar movie.tif --diameter 11 --output features   # local[*]
 * </pre>
 * trackpy's parameters are options named and described by
 * {@link LocateParameter} ({@code --diameter}, {@code --noise-size},
 * {@code --no-preprocess}, ...). The master comes from {@code spark-submit} or
 * {@code -Dspark.master=...}; without one the run is local on all cores.
 */
@Command(name = LocateSpark.NAME, mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
	version = "Parallel Locate on Spark", description = {
		"Locates features in every frame of movies, exactly as trackpy's locate does, on an Apache Spark cluster,",
		"and writes them with Spark's writers: a Parquet dataset (default) or CSV with trackpy's header",
		"(y,x,mass,size,ecc,signal,raw_mass,ep,frame, then source when there are several movies).",
		"Inputs: paths on any Hadoop file system (file://, hdfs://, s3a://...): multi-page TIFFs, image files,",
		"directories of images, globs. Each multi-page file is a movie; the images of one directory are one movie.",
		"A diameter z,y,x (or --3d, --slices) locates volumes: the Z slices of each time point of ImageJ hyperstacks.",
		"The master comes from spark-submit or -Dspark.master; without one, local[*]." }, footer = { "",
			"Exit status: 0 success (also when --skip-bad-frames skipped frames, listed on stderr); 1 runtime failure",
			"(input missing or unreadable, output exists or not writable, a frame failed); 2 invalid command line.",
			"Failed runs leave no output behind." })
public final class LocateSpark implements Callable<Integer> {

	/** The command's name, the prefix of its messages. */
	static final String NAME = "parallel-locate-spark";

	/** Exit statuses (those of the command line). */
	static final int OK = 0, FAILURE = 1, USAGE = 2;

	/** A log4j2 configuration that keeps Spark quiet unless --debug. */
	static final String QUIET_LOGGING = "parallel-locate-spark-log4j2.properties";

	@Spec
	CommandSpec spec;

	@Parameters(arity = "0..*", paramLabel = "INPUT", description = "Multi-page TIFF or image files, directories of images or globs, on any Hadoop file system.")
	List<String> inputs = new ArrayList<>();

	@Option(names = "--channel", paramLabel = "red|green|blue|N", description = "Channel of colour or multi-channel images.")
	String channel;

	@Option(names = { "-o", "--output" }, required = true, paramLabel = "DIR", description = "Output directory (a Hadoop path), written by Spark.")
	String output;

	@Option(names = "--format", paramLabel = "parquet|csv", description = "Output format (default: ${DEFAULT-VALUE}).")
	String format = "parquet";

	@Option(names = "--partition-by-source", description = "One sub-directory per movie (source=...), when there are several.")
	boolean partitionBySource;

	@Option(names = "--concatenate", description = "Read all inputs as one movie, in order (frames numbered on), as the command line does.")
	boolean concatenate;

	@Option(names = "--3d", description = "Locate volumes: the Z slices of each time point of ImageJ hyperstacks (also implied by a diameter z,y,x).")
	boolean volumes;

	@Option(names = "--slices", paramLabel = "N", description = "Z slices per volume for inputs that are not ImageJ hyperstacks: every N pages form a volume.")
	int slices;

	@Option(names = "--overwrite", description = "Replace the output directory if it exists.")
	boolean overwrite;

	@Option(names = "--skip-bad-frames", description = "Skip frames that cannot be read or located (reported) instead of stopping.")
	boolean skipBadFrames;

	@Option(names = "--frames-per-task", paramLabel = "N", description = "Contiguous frames per Spark task (default: at most 32, 3 tasks per core).")
	int framesPerTask;

	@Option(names = "--debug", description = "Spark's log and stack traces on errors.")
	boolean debug;

	private final PrintStream err;
	/** Whether the one error line has been printed (by a shutdown hook when the run is stopped). */
	private final java.util.concurrent.atomic.AtomicBoolean reported = new java.util.concurrent.atomic.AtomicBoolean();

	/** trackpy's parameters as given (set by picocli through the options of {@link #addParameterOptions}). */
	private TrackpyArgs trackpy = new TrackpyArgs();

	LocateSpark(final PrintStream err) {
		this.err = err;
	}

	public static void main(final String... args) {
		System.exit(run(System.err, args));
	}

	/** Runs the command; returns the exit status (0 success, 1 failure, 2 invalid command line). */
	public static int run(final PrintStream err, final String... args) {
		final LocateSpark command = new LocateSpark(err);
		final CommandLine cl = new CommandLine(command);
		command.trackpy = addParameterOptions(cl.getCommandSpec());
		cl.setErr(new PrintWriter(err, true));
		cl.setParameterExceptionHandler((e, a) -> command.fail(e, USAGE));
		cl.setExecutionExceptionHandler((e, line, parsed) -> command.fail(e, e instanceof IllegalArgumentException ? USAGE : FAILURE));
		return cl.execute(args);
	}

	/**
	 * trackpy's parameters as options, from their specification, by the same
	 * builder as the command line ({@link TrackpyArgs#addOptionsTo}): the same
	 * names, help, labels and messages.
	 */
	static TrackpyArgs addParameterOptions(final CommandSpec spec) {
		final TrackpyArgs args = new TrackpyArgs();
		args.addOptionsTo(spec, 100);
		return args;
	}

	@Override
	public Integer call() throws Exception {
		if (!debug)
			quietLogging();
		if (inputs.isEmpty())
			throw new IllegalArgumentException("no INPUT given (see --help)");
		// everything that can be checked is checked before Spark starts
		final LocateParameters params = trackpy.parameters();
		final SparkLocateJob.Format fmt = SparkLocateJob.Format.parse(format);
		if (framesPerTask < 0 || spec.commandLine().getParseResult().hasMatchedOption("--frames-per-task") && framesPerTask < 1)
			throw new IllegalArgumentException("frames-per-task must be at least 1, got " + framesPerTask);
		if (slices < 0 || spec.commandLine().getParseResult().hasMatchedOption("--slices") && slices < 1)
			throw new IllegalArgumentException("slices must be at least 1, got " + slices);
		final Path out = new Path(output);
		// a session that exists (a job calling main, a test) is used and left running
		final boolean ours = SparkSession.getDefaultSession().isEmpty();
		final SparkSession spark = SparkSession.builder().config(conf()).getOrCreate();
		try {
			if (!debug)
				spark.sparkContext().setLogLevel("WARN");
			final ParallelLocateSpark locate = new ParallelLocateSpark(spark).channel(channel).framesPerTask(framesPerTask)
				.skipBadFrames(skipBadFrames).concatenate(concatenate).volumes(volumes).slices(slices);
			final long start = System.nanoTime();
			final Dataset<Row> features = locate.locate(inputs, params);
			SparkLocateJob.checkOutput(out, overwrite, locate.inputFiles(), spark.sparkContext().hadoopConfiguration());
			spark.sparkContext().setJobDescription("Parallel Locate: " + locate.summary().frames() + " frames -> " + output);
			SparkLocateJob.write(features, out, fmt, partitionBySource, overwrite, spark.sparkContext().hadoopConfiguration(), m -> {
				if (reported.compareAndSet(false, true))
					err.println(NAME + ": error: " + m);
			});
			final long nanos = System.nanoTime() - start;
			final ParallelLocateSpark.Summary s = locate.summary();
			for (final String skipped : s.skipped())
				err.println(NAME + ": skipped " + skipped);
			if (!s.skipped().isEmpty())
				err.println(NAME + ": " + s.skipped().size() + " of " + s.frames() + " frames skipped");
			err.println(NAME + ": " + SparkLocateJob.describe(s, spark.sparkContext().master(), nanos) + " -> " + output);
		}
		finally {
			if (ours)
				spark.stop();
		}
		return OK;
	}

	/** The Spark configuration: spark-submit's or -D's, else local on all cores, loopback only, no UI. */
	static SparkConf conf() {
		final SparkConf conf = new SparkConf().setAppName("Parallel Locate");
		conf.setIfMissing("spark.master", "local[*]");
		if (conf.get("spark.master").startsWith("local")) {
			conf.setIfMissing("spark.ui.enabled", "false");
			conf.setIfMissing("spark.driver.host", "127.0.0.1");
			conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
		}
		return conf;
	}

	/** Uses our quiet log4j2 configuration unless the user or cluster has one. */
	private static void quietLogging() {
		if (System.getProperty("log4j2.configurationFile") == null
			&& LocateSpark.class.getClassLoader().getResource("log4j2.properties") == null
			&& LocateSpark.class.getClassLoader().getResource("log4j2.xml") == null)
			System.setProperty("log4j2.configurationFile", QUIET_LOGGING);
	}

	/** One line on stderr naming the problem (after the stack trace with --debug). */
	private int fail(final Exception e, final int exitCode) {
		if (debug)
			e.printStackTrace(err);
		if (reported.compareAndSet(false, true))
			err.println(NAME + ": error: " + firstLine(e));
		return exitCode;
	}

	/** The first line of an exception's message (Spark's carry whole stack traces). */
	static String firstLine(final Throwable e) {
		final String m = e.getMessage() == null ? null : e.getMessage().lines().findFirst().orElse(null);
		return m == null || m.isBlank() ? FrameFailedException.messageOf(e) : m.trim();
	}
}
