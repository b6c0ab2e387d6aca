package io.github.parallellocate.io;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.parallellocate.core.Feature;
import io.github.parallellocate.parallel.FeatureSink;

/**
 * A {@link FeatureSink} that writes {@link FeatureCsv} rows, formatting the
 * frames on a few threads of its own (formatting numbers as Python does
 * costs several milliseconds per frame, too much for the one thread that
 * receives the frames in order) and writing them strictly in frame order.
 * At most {@code 4 × threads} formatted frames wait to be written.
 * <pre>
 * try (CsvFeatureSink sink = new CsvFeatureSink(writer, characterize, threads)) {
 *     engine.run(source, sink);
 *     sink.finish();
 * }
 * </pre>
 */
public final class CsvFeatureSink implements FeatureSink, AutoCloseable {

	private static final AtomicInteger POOLS = new AtomicInteger();

	private final Writer out;
	private final boolean characterize;
	private final ExecutorService pool;
	private final ArrayDeque<Future<String>> pending = new ArrayDeque<>();
	private final int maxPending;

	/**
	 * Writes the header at once.
	 *
	 * @param threads formatting threads (at least 1)
	 */
	public CsvFeatureSink(final Writer out, final boolean characterize, final int threads) throws IOException {
		this.out = out;
		this.characterize = characterize;
		final int n = Math.max(1, threads);
		final int id = POOLS.incrementAndGet();
		final AtomicInteger count = new AtomicInteger();
		pool = Executors.newFixedThreadPool(n, r -> {
			final Thread t = new Thread(r, "parallel-locate-csv-" + id + "-" + count.incrementAndGet());
			t.setDaemon(true);
			return t;
		});
		maxPending = 4 * n;
		out.write(FeatureCsv.header(characterize));
		out.write('\n');
	}

	@Override
	public void accept(final int frame, final List<Feature> features) throws IOException, InterruptedException {
		pending.add(pool.submit(() -> format(frame, features)));
		writeReady(false);
	}

	private String format(final int frame, final List<Feature> features) {
		final StringBuilder sb = new StringBuilder(features.size() * 120);
		for (final Feature f : features)
			FeatureCsv.appendRow(sb, frame, f, characterize);
		return sb.toString();
	}

	/** Writes the formatted frames at the head of the queue: those done, or all. */
	private void writeReady(final boolean all) throws IOException, InterruptedException {
		while (!pending.isEmpty() && (all || pending.size() > maxPending || pending.peek().isDone())) {
			try {
				out.write(pending.poll().get());
			}
			catch (final ExecutionException e) {
				throw new IOException("cannot format the CSV: " + e.getCause(), e.getCause());
			}
		}
	}

	/** Writes every frame received so far and flushes the writer. */
	public void finish() throws IOException, InterruptedException {
		writeReady(true);
		out.flush();
	}

	/** Stops the formatting threads (frames not yet written by {@link #finish()} are dropped). */
	@Override
	public void close() {
		pool.shutdownNow();
	}
}
