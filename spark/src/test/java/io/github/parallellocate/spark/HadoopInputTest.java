package io.github.parallellocate.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HadoopInput}'s positioned reads and {@link HadoopInputs}' resolution, on Hadoop's local file system. */
class HadoopInputTest {

	@TempDir
	Path tmp;

	private final Configuration conf = new Configuration();

	@Test
	void positionedReadsHaveTheContractOfRandomAccessInput() throws IOException {
		final byte[] bytes = new byte[10_000];
		for (int i = 0; i < bytes.length; i++)
			bytes[i] = (byte) (i * 31);
		final Path f = Files.write(tmp.resolve("data.bin"), bytes);
		try (HadoopInput in = HadoopInput.open(new org.apache.hadoop.fs.Path(f.toUri()), conf)) {
			assertEquals(10_000, in.length());
			final byte[] buf = new byte[100];
			in.readFully(9_000, buf, 10, 50); // out of order, into an offset
			assertArrayEquals(Arrays.copyOfRange(bytes, 9_000, 9_050), Arrays.copyOfRange(buf, 10, 60));
			in.readFully(0, buf, 0, 100);
			assertArrayEquals(Arrays.copyOf(bytes, 100), buf);
			in.readFully(9_900, buf, 0, 100); // up to the last byte
			assertArrayEquals(Arrays.copyOfRange(bytes, 9_900, 10_000), buf);
			assertThrows(EOFException.class, () -> in.readFully(9_950, buf, 0, 100));
			// small reads through the read-ahead block, large ones straight: the same bytes
			final java.util.Random random = new java.util.Random(1);
			for (int k = 0; k < 2_000; k++) {
				final int n = random.nextBoolean() ? 1 + random.nextInt(16) : 1 + random.nextInt(3_000);
				final int at = random.nextInt(bytes.length - n + 1);
				final byte[] got = new byte[n + 3];
				in.readFully(at, got, 3, n);
				assertArrayEquals(Arrays.copyOfRange(bytes, at, at + n), Arrays.copyOfRange(got, 3, n + 3), at + "+" + n);
			}
		}
	}

	@Test
	void localFilesAreReadInPlaceEvenWithSpacesInTheirNames() throws IOException {
		final Path dir = Files.createDirectories(tmp.resolve("my movies"));
		final Path f = Files.writeString(dir.resolve("frame 1.png"), "x");
		final FileStatus s = HadoopInputs.resolve(dir.toString(), conf).get(0);
		try (LocalFiles local = new LocalFiles(conf)) {
			assertEquals(f, local.local(s.getPath().toString()));
		}
		assertTrue(Files.exists(f), "never deleted: it is the user's");
	}

	@Test
	void missingFileIsOneLine() {
		final String uri = tmp.resolve("nope.tif").toUri().toString();
		final IOException e = assertThrows(IOException.class, () -> HadoopInput.open(new org.apache.hadoop.fs.Path(uri), conf));
		assertEquals("no such file: " + new org.apache.hadoop.fs.Path(uri), e.getMessage());
	}

	@Test
	void directoriesAndGlobsListImagesInNaturalOrder() throws IOException {
		for (final String n : List.of("img_10.png", "img_2.png", "img_1.png", "notes.txt", "_SUCCESS", ".hidden.png"))
			Files.writeString(tmp.resolve(n), "x");
		final List<String> dir = HadoopInputs.resolve(tmp.toString(), conf).stream().map(s -> s.getPath().getName()).toList();
		assertEquals(List.of("img_1.png", "img_2.png", "img_10.png"), dir);
		final List<FileStatus> glob = HadoopInputs.resolve(tmp + "/img_*.png", conf);
		assertEquals(List.of("img_1.png", "img_2.png", "img_10.png"), glob.stream().map(s -> s.getPath().getName()).toList());
		assertEquals("file", glob.get(0).getPath().toUri().getScheme(), "fully qualified");
		final IOException none = assertThrows(IOException.class, () -> HadoopInputs.resolve(tmp + "/*.tif", conf));
		assertEquals("no files match " + tmp + "/*.tif", none.getMessage());
		final Path empty = Files.createDirectory(tmp.resolve("empty"));
		final IOException noImages = assertThrows(IOException.class, () -> HadoopInputs.resolve(empty.toString(), conf));
		assertEquals("directory " + empty + " contains no image files (bmp, gif, jpeg, jpg, png, tif, tiff)", noImages.getMessage());
	}
}
