package io.github.parallellocate.io.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class AsciiBufferTest {

	@Test
	void integersCharactersAndNumbersAsStrings() throws Exception {
		final AsciiBuffer b = new AsciiBuffer(1);
		final StringBuilder expected = new StringBuilder();
		final SplittableRandom r = new SplittableRandom(3);
		for (int i = 0; i < 10_000; i++) {
			final int v = i < 4 ? new int[] { 0, 9, Integer.MIN_VALUE, Integer.MAX_VALUE }[i] : i % 2 == 0 ? r.nextInt(1000) : r.nextInt();
			final double d = r.nextDouble() * 100;
			b.append(v).append(',').appendRepr(d).append("\n");
			expected.append(v).append(',').append(PythonFloat.repr(d)).append('\n');
		}
		assertEquals(expected.toString(), b.toString());
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		b.writeTo(out);
		assertEquals(expected.toString(), out.toString(StandardCharsets.US_ASCII));
		b.setLength(3);
		assertEquals(expected.substring(0, 3), b.toString());
	}
}
