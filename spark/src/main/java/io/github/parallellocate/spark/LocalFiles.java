package io.github.parallellocate.spark;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.hadoop.conf.Configuration;

/**
 * Local paths for single-image files (PNG, JPEG, ...: one frame each, read
 * whole anyway) that {@code io}'s image reader opens by path: a
 * {@code file:} URI is its own path; a file on another file system (HDFS, an
 * object store) is fetched once per task, through {@link HadoopInput}'s
 * positioned reads, into a private temporary directory under its own name
 * (so messages name it as the user does), deleted on {@link #close()}.
 * TIFFs are never fetched: their pages are read where they are.
 */
final class LocalFiles implements Closeable {

	/** Bytes per positioned read when fetching a file. */
	private static final int CHUNK = 4 << 20;

	private final Configuration conf;
	private final Map<String, Path> local = new HashMap<>();
	private Path dir;

	LocalFiles(final Configuration conf) {
		this.conf = conf;
	}

	/** A local path holding the file's bytes. */
	Path local(final String uri) throws IOException {
		final Path known = local.get(uri);
		if (known != null)
			return known;
		final URI u = new org.apache.hadoop.fs.Path(uri).toUri(); // escapes spaces and the like
		final Path p;
		if ("file".equals(u.getScheme()))
			p = Path.of(u);
		else
			p = fetch(uri);
		local.put(uri, p);
		return p;
	}

	private Path fetch(final String uri) throws IOException {
		if (dir == null)
			dir = Files.createTempDirectory("parallel-locate-");
		final org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
		final Path sub = Files.createTempDirectory(dir, "f");
		final Path target = sub.resolve(path.getName());
		try (HadoopInput in = HadoopInput.open(path, conf); OutputStream out = Files.newOutputStream(target)) {
			final byte[] buffer = new byte[(int) Math.min(CHUNK, Math.max(1, in.length()))];
			for (long at = 0; at < in.length(); at += buffer.length) {
				final int n = (int) Math.min(buffer.length, in.length() - at);
				in.readFully(at, buffer, 0, n);
				out.write(buffer, 0, n);
			}
		}
		return target;
	}

	@Override
	public void close() throws IOException {
		if (dir == null)
			return;
		try (Stream<Path> s = Files.walk(dir)) {
			for (final Path p : s.sorted(Comparator.reverseOrder()).toList())
				Files.deleteIfExists(p);
		}
		dir = null;
		local.clear();
	}
}
