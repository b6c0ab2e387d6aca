package io.github.parallellocate.io.csv;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable buffer of ASCII text (one byte per character), for writing CSV
 * without a String per number and without a charset encoder.
 */
public final class AsciiBuffer {

	private byte[] bytes;
	private int length;

	public AsciiBuffer(final int capacity) {
		bytes = new byte[Math.max(capacity, PythonFloat.MAX_LENGTH)];
	}

	/** Appends {@code repr(v)} as {@link PythonFloat} writes it. */
	public AsciiBuffer appendRepr(final double v) {
		ensure(PythonFloat.MAX_LENGTH);
		length = PythonFloat.write(v, bytes, length);
		return this;
	}

	/** Appends an ASCII character. */
	public AsciiBuffer append(final char c) {
		ensure(1);
		bytes[length++] = (byte) c;
		return this;
	}

	/** Appends an ASCII string. */
	public AsciiBuffer append(final String s) {
		ensure(s.length());
		for (int i = 0; i < s.length(); i++)
			bytes[length++] = (byte) s.charAt(i);
		return this;
	}

	/** Appends an integer in decimal. */
	public AsciiBuffer append(final int v) {
		ensure(11);
		long m = v;
		if (m < 0) {
			bytes[length++] = '-';
			m = -m;
		}
		final int len = m == 0 ? 1 : PythonFloat.length(m);
		PythonFloat.writeDigits(m, bytes, length, len);
		length += len;
		return this;
	}

	private void ensure(final int more) {
		if (length + more > bytes.length)
			bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + more));
	}

	public int length() {
		return length;
	}

	/** Drops everything after the first {@code n} characters. */
	public void setLength(final int n) {
		length = Math.min(length, Math.max(0, n));
	}

	/** Writes the content to a byte stream. */
	public void writeTo(final OutputStream out) throws IOException {
		out.write(bytes, 0, length);
	}

	@Override
	public String toString() {
		return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
	}
}
