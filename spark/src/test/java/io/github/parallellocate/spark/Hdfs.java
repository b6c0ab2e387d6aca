package io.github.parallellocate.spark;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/** A real HDFS (a NameNode and a DataNode) in this JVM, under a local directory. */
final class Hdfs implements AutoCloseable {

	private final MiniDFSCluster cluster;

	Hdfs(final Path baseDir) throws IOException {
		final Configuration conf = new Configuration();
		conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toAbsolutePath().toString());
		cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
		cluster.waitActive();
	}

	/** {@code hdfs://localhost:PORT}. */
	String uri() {
		return "hdfs://localhost:" + cluster.getNameNodePort();
	}

	/** A URI on this HDFS. */
	String uri(final String path) {
		return uri() + (path.startsWith("/") ? "" : "/") + path;
	}

	FileSystem fs() throws IOException {
		return cluster.getFileSystem();
	}

	/** Copies a local file to HDFS; returns its URI. */
	String put(final Path local, final String path) throws IOException {
		fs().copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()), new org.apache.hadoop.fs.Path(path));
		return uri(path);
	}

	@Override
	public void close() {
		cluster.shutdown(true);
	}
}
