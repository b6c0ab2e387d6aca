package io.github.parallellocate.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.CollectionAccumulator;

import io.github.parallellocate.core.FeatureColumns;
import io.github.parallellocate.core.LocateParameter;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.io.Channel;

/**
 * Parallel Locate as a Spark library: trackpy's {@code locate} on every frame
 * of movies on any Hadoop file system, as a {@code Dataset<Row>} with
 * trackpy's columns. For notebooks and other jobs:
 * <pre>
 * Dataset&lt;Row&gt; features = ParallelLocateSpark.locate(spark, List.of("hdfs:///movies/*.tif"),
 *     LocateParameters.builder(11).invert(true).minmass(20.).build());
 * features.write().parquet("hdfs:///features/run1");
 * </pre>
 * From PySpark, through the JVM gateway:
 * <pre>
 * from pyspark.sql import DataFrame
 * jdf = spark._jvm.io.github.parallellocate.spark.ParallelLocateSpark.locate(
 *     spark._jsparkSession, ["hdfs:///movies/bulk_water.tif"], {"diameter": 11, "invert": True, "minmass": 20})
 * features = DataFrame(jdf, spark)
 * </pre>
 * The inputs are resolved and indexed on the driver when {@code locate} is
 * called (a missing path fails there, in one line); the frames are located
 * by the executors when an action runs, in tasks of contiguous frames of one
 * movie. Columns: those of {@link FeatureColumns} (trackpy's names and
 * order: {@code y, x, mass, size, ecc, signal, raw_mass, ep}), then
 * {@code frame} (0-based within its movie, as {@code trackpy.batch}), then
 * {@code source} (the movie: a multi-page file's URI, or the directory of a
 * sequence of images) when there are several movies. With a diameter of
 * three values (z,y,x), {@link #volumes(boolean)} or {@link #slices(int)},
 * the frames are volumes (the Z slices of each time point of an ImageJ
 * hyperstack) and the columns start {@code z, y, x}. A failed frame fails
 * the action with a {@link BatchFailedException} naming its movie, frame and
 * file, unless {@link #skipBadFrames(boolean)}, which leaves its rows out and
 * lists it in {@link #summary()}.
 */
public final class ParallelLocateSpark {

	/** The frame column's name (trackpy's). */
	public static final String FRAME = "frame";
	/** The column naming each row's movie when there are several. */
	public static final String SOURCE = "source";
	/** The most frames per task when chosen automatically: per-task cost (~2 ms) stays under 1% of the work. */
	public static final int MAX_FRAMES_PER_TASK = 32;
	/** Automatic task size: at least this many tasks per core, for balance. */
	static final int TASKS_PER_CORE = 3;

	private final SparkSession spark;
	private Channel channel = Channel.NONE;
	private int framesPerTask;
	private boolean skipBadFrames;
	private boolean concatenate;
	private boolean volumes;
	private int slices;

	private CollectionAccumulator<BatchResult> results;
	private List<String> inputFiles = List.of();
	private int frames;
	private int tasks;

	public ParallelLocateSpark(final SparkSession spark) {
		this.spark = spark;
	}

	/**
	 * Locates features in every frame of the movies at {@code paths}.
	 *
	 * @param paths files, directories or globs on any Hadoop file system
	 * @throws IOException one line naming an input that is missing or unreadable
	 * @throws IllegalArgumentException one line naming an invalid parameter
	 */
	public static Dataset<Row> locate(final SparkSession spark, final List<String> paths, final LocateParameters parameters)
			throws IOException {
		return new ParallelLocateSpark(spark).locate(paths, parameters);
	}

	/**
	 * The same with the parameters by trackpy's names, values as numbers,
	 * booleans, lists (one value per axis) or text in the shared grammar
	 * ({@code "5,9,9"}, {@code "None"}): what a Python dict gives.
	 */
	public static Dataset<Row> locate(final SparkSession spark, final List<String> paths, final Map<String, ?> parameters)
			throws IOException {
		return locate(spark, paths, parameters(parameters));
	}

	/**
	 * Parameters from trackpy's names and values.
	 *
	 * @throws IllegalArgumentException one line naming an unknown or invalid parameter
	 */
	public static LocateParameters parameters(final Map<String, ?> values) {
		final Map<String, String> text = new HashMap<>();
		for (final Map.Entry<String, ?> e : values.entrySet()) {
			if (LocateParameter.forKey(e.getKey()) == null) {
				final StringJoiner known = new StringJoiner(", ");
				for (final LocateParameter p : LocateParameter.values())
					known.add(p.key());
				throw new IllegalArgumentException("unknown parameter '" + e.getKey() + "' (trackpy's locate parameters: " + known + ")");
			}
			text.put(e.getKey(), asText(e.getValue()));
		}
		return LocateParameters.fromText(text);
	}

	private static String asText(final Object v) {
		if (v == null)
			return "None";
		if (v instanceof Collection<?> c) {
			final StringJoiner j = new StringJoiner(",");
			for (final Object o : c)
				j.add(String.valueOf(o));
			return j.toString();
		}
		if (v instanceof Object[] a)
			return asText(List.of(a));
		return String.valueOf(v);
	}

	/** Channel of colour or multi-channel images ({@code red}, {@code green}, {@code blue} or a number from 1). */
	public ParallelLocateSpark channel(final String text) {
		channel = Channel.parse(text);
		return this;
	}

	/** Contiguous frames per task; 0 (the default) chooses: at most 32, at least 3 tasks per core. */
	public ParallelLocateSpark framesPerTask(final int n) {
		if (n < 0)
			throw new IllegalArgumentException("frames-per-task must be at least 1, got " + n);
		framesPerTask = n;
		return this;
	}

	/** Leave out the rows of frames that cannot be read or located, instead of failing (listed in {@link #summary()}). */
	public ParallelLocateSpark skipBadFrames(final boolean skip) {
		skipBadFrames = skip;
		return this;
	}

	/** Read all inputs as one movie, in the order given (as the command line does): no {@code source} column. */
	public ParallelLocateSpark concatenate(final boolean on) {
		concatenate = on;
		return this;
	}

	/**
	 * Locate volumes (3D) rather than planes; also implied by a diameter of
	 * three values (z,y,x) or {@link #slices(int)}. The volumes are the Z
	 * slices of each time point of an ImageJ hyperstack.
	 */
	public ParallelLocateSpark volumes(final boolean on) {
		volumes = on;
		return this;
	}

	/** Z slices per volume for inputs that are not ImageJ hyperstacks: every N consecutive pages form a volume (0: the hyperstack's). */
	public ParallelLocateSpark slices(final int n) {
		if (n < 0)
			throw new IllegalArgumentException("slices must be at least 1, got " + n);
		slices = n;
		return this;
	}

	/**
	 * Locates features in every frame of the movies at {@code paths}: see the class comment.
	 *
	 * @throws IOException one line naming an input that is missing or unreadable
	 * @throws IllegalArgumentException one line naming an invalid parameter or channel
	 */
	public Dataset<Row> locate(final List<String> paths, final LocateParameters parameters) throws IOException {
		final HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
		final List<Movie> movies = HadoopInputs.movies(paths, channel, concatenate, conf.get());
		final int ndim = ndim(parameters);
		final int[] depth = new int[movies.size()];
		for (int i = 0; i < movies.size(); i++)
			depth[i] = ndim == 3 ? depth(movies.get(i), parameters) : 1;
		final boolean withSource = movies.size() > 1;
		final java.util.Set<String> files = new java.util.LinkedHashSet<>();
		for (final Movie m : movies)
			for (final MovieFrame f : m.frames())
				files.add(f.file());
		inputFiles = List.copyOf(files);
		int total = 0;
		final List<FrameList> lists = new ArrayList<>();
		for (int i = 0; i < movies.size(); i++) {
			lists.add(HadoopFrameList.of(conf, channel, movies.get(i), ndim, depth[i]));
			total += lists.get(i).size();
		}
		final int perTask = framesPerTask > 0 ? framesPerTask : autoFramesPerTask(total, spark.sparkContext().defaultParallelism());
		final List<FrameBatch> batches = new ArrayList<>();
		for (int i = 0; i < movies.size(); i++)
			batches(batches, withSource ? movies.get(i).source() : null, lists.get(i), perTask);
		results = spark.sparkContext().collectionAccumulator("Parallel Locate batches");
		frames = total;
		tasks = batches.size();
		final JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(batches, Math.max(1, batches.size()))
			.flatMap(new LocateTask(allAsText(parameters), ndim, withSource, skipBadFrames, results));
		return spark.createDataFrame(rows, schema(parameters, ndim, withSource));
	}

	/** Every parameter as text by trackpy name, for the executors. */
	private static Map<String, String> allAsText(final LocateParameters p) {
		final Map<String, String> m = new LinkedHashMap<>();
		for (final LocateParameter q : LocateParameter.values())
			m.put(q.key(), q.type() == LocateParameter.Type.FLAG || p.get(q) != null ? LocateParameter.format(p.get(q)) : "None");
		return m;
	}

	/** The schema of the features: {@link FeatureColumns} (doubles), {@code frame} (long), {@code source} (string) if asked. */
	public static StructType schema(final LocateParameters parameters, final int ndim, final boolean withSource) {
		final List<StructField> fields = new ArrayList<>();
		for (final String name : FeatureColumns.of(parameters, ndim).names())
			fields.add(DataTypes.createStructField(name, DataTypes.DoubleType, false));
		fields.add(DataTypes.createStructField(FRAME, DataTypes.LongType, false));
		if (withSource)
			fields.add(DataTypes.createStructField(SOURCE, DataTypes.StringType, false));
		return DataTypes.createStructType(fields);
	}

	/** Frames per task when not given: at most {@link #MAX_FRAMES_PER_TASK}, and {@link #TASKS_PER_CORE} tasks per core if there are enough frames. */
	static int autoFramesPerTask(final int frames, final int cores) {
		final long perTask = (frames + (long) TASKS_PER_CORE * cores - 1) / ((long) TASKS_PER_CORE * Math.max(1, cores));
		return (int) Math.max(1, Math.min(MAX_FRAMES_PER_TASK, perTask));
	}

	/** Why the job locates volumes, for messages. */
	private String why(final LocateParameters p) {
		return p.axesGiven() == 3 ? "diameter " + p.diameter() + " has 3 values (z,y,x)" : slices > 0 ? "slices " + slices : "volumes";
	}

	/**
	 * 3 if the job locates volumes, else 2.
	 *
	 * @throws IllegalArgumentException if volumes are asked for with parameters of two values per axis
	 */
	private int ndim(final LocateParameters p) {
		if (!volumes && slices == 0 && p.axesGiven() != 3)
			return 2;
		if (p.axesGiven() == 2)
			throw new IllegalArgumentException(why(p) + " asks for volumes but the parameters have 2 values (y,x): give z,y,x");
		return 3;
	}

	/** The Z slices of a movie's volumes. */
	private int depth(final Movie m, final LocateParameters p) {
		final String name = m.firstName();
		final int s = slices > 0 ? slices : m.slices();
		if (s == 0)
			throw new IllegalArgumentException(why(p) + " but " + name + " has planes, not volumes: give slices N (Z slices per volume) "
				+ "or an ImageJ hyperstack with Z slices");
		if (m.frames().size() % s != 0)
			throw new IllegalArgumentException(name + ": " + m.frames().size() + " pages are not a whole number of volumes of " + s + " slices");
		return s;
	}

	/** Appends the batches of one movie. */
	static void batches(final List<FrameBatch> out, final String source, final FrameList frames, final int perTask) {
		for (int from = 0; from < frames.size(); from += perTask)
			out.add(new FrameBatch(out.size(), source, from, frames.slice(from, Math.min(frames.size(), from + perTask))));
	}

	/**
	 * What the last {@link #locate(List, LocateParameters)} did, after an
	 * action ran on its rows.
	 *
	 * @param frames frames in the inputs
	 * @param tasks Spark tasks
	 * @param located frames located
	 * @param features rows
	 * @param skipped messages of skipped frames, in task order
	 */
	public record Summary(int frames, int tasks, int located, long features, List<String> skipped) {}

	/** The files the last {@code locate} reads (fully qualified URIs). */
	public List<String> inputFiles() {
		return inputFiles;
	}

	/** What the last {@code locate} did (counts of the tasks that ran: call it after an action). */
	public Summary summary() {
		if (results == null)
			throw new IllegalStateException("locate has not been called");
		final TreeMap<Integer, BatchResult> byBatch = new TreeMap<>();
		for (final BatchResult r : results.value())
			byBatch.put(r.index(), r);
		int located = 0;
		long features = 0;
		final List<String> skipped = new ArrayList<>();
		for (final BatchResult r : byBatch.values()) {
			located += r.located();
			features += r.features();
			skipped.addAll(r.skipped());
		}
		return new Summary(frames, tasks, located, features, List.copyOf(skipped));
	}
}
