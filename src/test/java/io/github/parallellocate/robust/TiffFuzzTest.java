package io.github.parallellocate.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.parallellocate.core.PixelType;
import io.github.parallellocate.core.Plane;
import io.github.parallellocate.io.Channel;
import io.github.parallellocate.io.FileFrameSource;
import io.github.parallellocate.parallel.PlaneReader;

/**
 * Seeded fuzzing of TIFF headers and directories, bounded in time: valid
 * files of several layouts get random bytes, extreme counts and offsets in
 * their header and directory entries, or are cut short; opening and reading
 * every page must then either succeed or fail with an {@link IOException}
 * (or a channel {@link IllegalArgumentException}) whose one-line message
 * names the file: no hang, no other exception, no OutOfMemoryError.
 */
class TiffFuzzTest {

	private static final long SEED = 20261201L;
	private static final long BUDGET_NANOS = 20_000_000_000L;
	private static final long[] EXTREMES = { 0, 1, 2, 7, 0xff, 0xffff, 0x7fff_ffffL, 0xffff_ffffL, 0x8000_0000L, 1 << 20, 65536 };

	@TempDir
	Path tmp;

	@Test
	void mutatedHeadersAndDirectoriesNeverHangCrashOrExhaustMemory() throws Exception {
		final List<byte[]> bases = bases();
		final Random rnd = new Random(SEED);
		final long end = System.nanoTime() + BUDGET_NANOS;
		int runs = 0, refused = 0;
		final java.util.Map<String, String> kinds = new java.util.TreeMap<>();
		while (System.nanoTime() < end) {
			final byte[] base = bases.get(rnd.nextInt(bases.size()));
			final byte[] mutant = mutate(base, rnd);
			final String name = "fuzz" + runs + ".tif";
			final Path file = Files.write(tmp.resolve(name), mutant);
			final Throwable failure = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> readAll(file), name + " hangs");
			if (failure != null) {
				refused++;
				final String m = String.valueOf(failure.getMessage());
				assertTrue(failure instanceof IOException || failure instanceof IllegalArgumentException,
					name + ": unexpected " + failure.getClass().getName() + ": " + m + " (" + trace(failure) + ")");
				assertFalse(m.contains("\n"), name + ": one line: " + m);
				assertTrue(m.contains(name), name + ": the message names the file: " + m);
				kinds.putIfAbsent(m.replace(name, "F").replaceAll("[0-9]+", "N").replaceAll("\\(.*", ""), m);
			}
			Files.delete(file);
			runs++;
		}
		System.out.println("TiffFuzzTest: " + runs + " mutants, " + refused + " refused, " + (runs - refused) + " read; kinds of refusal:");
		kinds.values().forEach(m -> System.out.println("  " + m));
		assertTrue(runs > 200, "enough mutants in the time: " + runs);
		assertTrue(refused > 0 && refused < runs, "some refused, some still readable");
	}

	private static String trace(final Throwable t) {
		final StackTraceElement[] s = t.getStackTrace();
		return s.length == 0 ? "" : s[0].toString();
	}

	/** Opens and reads every page; the failure, or null. */
	private static Throwable readAll(final Path file) {
		try {
			final FileFrameSource s = FileFrameSource.open(List.of(file.toString()), Channel.NONE);
			try (PlaneReader r = s.newReader()) {
				for (int i = 0; i < s.size(); i++)
					r.read(i);
			}
			return null;
		}
		catch (final IOException | RuntimeException e) {
			return e;
		}
		catch (final OutOfMemoryError e) {
			throw new AssertionError(file.getFileName() + " exhausted the heap", e);
		}
	}

	private static List<byte[]> bases() throws IOException {
		final List<byte[]> l = new ArrayList<>();
		final List<Plane> p8 = TiffCorpus.planes(PixelType.UINT8, 1);
		final List<Plane> p16 = TiffCorpus.planes(PixelType.UINT16, 2);
		final List<Plane> pf = TiffCorpus.planes(PixelType.FLOAT32, 3);
		l.add(TiffCorpus.plain(p8));
		l.add(TiffCorpus.grey(PixelType.UINT8, p8, b -> {
			b.compression = TiffBuilder.LZW;
			b.rowsPerStrip = 8;
		}).build());
		l.add(TiffCorpus.grey(PixelType.UINT16, p16, b -> {
			b.compression = TiffBuilder.DEFLATE;
			b.predictor = 2;
			b.tileWidth = 16;
			b.tileLength = 16;
		}).build());
		l.add(TiffCorpus.grey(PixelType.FLOAT32, pf, b -> {
			b.compression = TiffBuilder.DEFLATE;
			b.predictor = 3;
			b.order = ByteOrder.BIG_ENDIAN;
		}).build());
		l.add(TiffCorpus.grey(PixelType.UINT8, p8, b -> {
			b.compression = TiffBuilder.PACKBITS;
			b.rowsPerStrip = 5;
			b.shuffle = new Random(1);
		}).build());
		l.add(TiffCorpus.grey(PixelType.UINT8, p8, b -> b.description = "ImageJ=1.54p\nimages=3\nslices=3\nunit=micron\nspacing=2.5\n").build());
		return l;
	}

	/** One to three mutations, mostly in the header and the directories. */
	static byte[] mutate(final byte[] base, final Random rnd) {
		byte[] b = base.clone();
		final int n = 1 + rnd.nextInt(3);
		for (int k = 0; k < n; k++) {
			final int kind = rnd.nextInt(10);
			if (kind == 0 && b.length > 8) { // cut short
				b = java.util.Arrays.copyOf(b, 8 + rnd.nextInt(b.length - 8));
				continue;
			}
			final List<int[]> entries = entries(b);
			if (kind <= 6 && !entries.isEmpty()) { // an extreme or random value in an entry's type, count or value
				final int[] e = entries.get(rnd.nextInt(entries.size()));
				final ByteBuffer bb = ByteBuffer.wrap(b).order(b[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
				final int field = rnd.nextInt(4);
				final long v = rnd.nextBoolean() ? EXTREMES[rnd.nextInt(EXTREMES.length)] : rnd.nextInt(b.length + 100);
				if (e[0] + 12 > b.length)
					continue;
				switch (field) {
					case 0:
						bb.putShort(e[0], (short) (rnd.nextBoolean() ? rnd.nextInt(400) + 200 : v));
						break;
					case 1:
						bb.putShort(e[0] + 2, (short) rnd.nextInt(20));
						break;
					case 2:
						bb.putInt(e[0] + 4, (int) v);
						break;
					default:
						bb.putInt(e[0] + 8, (int) v);
				}
				continue;
			}
			// random bytes: the header, a directory, or anywhere
			final int at = kind == 7 ? rnd.nextInt(Math.min(8, b.length))
				: kind == 8 && !entries.isEmpty() ? entries.get(rnd.nextInt(entries.size()))[0] - 2 + rnd.nextInt(16) : rnd.nextInt(b.length);
			if (at >= 0 && at < b.length)
				b[at] = (byte) rnd.nextInt(256);
		}
		return b;
	}

	/** Positions of the entries of the (classic, intact so far) directories, walking at most 8. */
	private static List<int[]> entries(final byte[] b) {
		final List<int[]> l = new ArrayList<>();
		if (b.length < 8)
			return l;
		final ByteBuffer bb = ByteBuffer.wrap(b).order(b[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
		long ifd = bb.getInt(4) & 0xffffffffL;
		for (int page = 0; page < 8 && ifd >= 8 && ifd + 2 <= b.length; page++) {
			final int n = bb.getShort((int) ifd) & 0xffff;
			if (ifd + 2 + 12L * n + 4 > b.length)
				break;
			for (int i = 0; i < n; i++)
				l.add(new int[] { (int) ifd + 2 + 12 * i });
			ifd = bb.getInt((int) ifd + 2 + 12 * n) & 0xffffffffL;
		}
		return l;
	}

	@Test
	void mutationsAreSeeded() {
		final byte[] base = TiffCorpus.plain(TiffCorpus.planes(PixelType.UINT8, 1));
		assertEquals(java.util.Arrays.toString(mutate(base, new Random(5))), java.util.Arrays.toString(mutate(base, new Random(5))));
	}
}
