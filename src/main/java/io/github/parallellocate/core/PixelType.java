package io.github.parallellocate.core;

/**
 * The pixel types the locator accepts, mirroring the numpy dtypes trackpy sees
 * when it is given an 8-bit, 16-bit or 32-bit float ImageJ plane.
 */
public enum PixelType {
	/** Unsigned 8-bit integers ({@code numpy.uint8}). */
	UINT8(255, true),
	/** Unsigned 16-bit integers ({@code numpy.uint16}). */
	UINT16(65535, true),
	/** 32-bit IEEE floats ({@code numpy.float32}). */
	FLOAT32(255, false);

	private final int gamut;
	private final boolean integer;

	PixelType(final int gamut, final boolean integer) {
		this.gamut = gamut;
		this.integer = integer;
	}

	/**
	 * The largest value of the integer type the bandpassed image is rescaled
	 * to: the type's own maximum for integer images, 255 (uint8) for floats,
	 * as trackpy does.
	 */
	public int gamut() {
		return gamut;
	}

	/** Whether this is an integer type. */
	public boolean isInteger() {
		return integer;
	}
}
