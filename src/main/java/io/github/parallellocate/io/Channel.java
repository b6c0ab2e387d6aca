package io.github.parallellocate.io;

import java.io.Serializable;
import java.util.Locale;

/**
 * Which channel of a colour (RGB) or multi-channel image is located, as
 * ImageJ numbers them: 1 = red, 2 = green, 3 = blue, or any 1-based channel
 * number of a multi-channel image. {@link #NONE} means "no choice": a colour
 * or multi-channel input is then refused rather than guessed; {@link #ALL}
 * means every channel (where a front door can locate them all, e.g. the
 * ImageJ plugin on a hyperstack; a file read by the command line has to
 * choose one).
 * <p>
 * The one channel grammar of every front door (command line, macro keys,
 * SciJava command, Spark), {@link #parse(String)}: {@code red}, {@code green},
 * {@code blue} or {@code r}, {@code g}, {@code b} (any case), a 1-based
 * number, {@code all} (or {@code 0}), and an absent or empty text or
 * {@code none} for no choice.
 * </p>
 */
public final class Channel implements Serializable {

	private static final long serialVersionUID = 1L;
	private static final String[] COLOURS = { "red", "green", "blue" };

	/** No channel chosen. */
	public static final Channel NONE = new Channel(-1);
	/** Every channel. */
	public static final Channel ALL = new Channel(-2);
	/** What {@link #parse(String)} accepts, for messages. */
	public static final String GRAMMAR = "all, red, green, blue (r, g, b) or a channel number from 1";

	private final int index;
	/** Whether the channel was given as a colour name (red, green, blue). */
	private final boolean named;

	private Channel(final int index) {
		this(index, false);
	}

	private Channel(final int index, final boolean named) {
		this.index = index;
		this.named = named;
	}

	/** The channel with the given 1-based number. */
	public static Channel of(final int number) {
		if (number < 1)
			throw new IllegalArgumentException("channel must be " + GRAMMAR + ", got " + number);
		return new Channel(number - 1);
	}

	/**
	 * Parses {@code red|green|blue|r|g|b} (any case) or a 1-based number;
	 * {@code all} or {@code 0} give {@link #ALL}; {@code null}, empty or
	 * {@code none} give {@link #NONE}.
	 *
	 * @throws IllegalArgumentException with a one-line message otherwise
	 */
	public static Channel parse(final String text) {
		if (text == null)
			return NONE;
		final String s = text.trim().toLowerCase(Locale.ROOT);
		if (s.isEmpty() || s.equals("none"))
			return NONE;
		if (s.equals("all"))
			return ALL;
		for (int i = 0; i < COLOURS.length; i++)
			if (s.equals(COLOURS[i]) || s.equals(COLOURS[i].substring(0, 1)))
				return new Channel(i, true);
		final int n;
		try {
			n = Integer.parseInt(s);
		}
		catch (final NumberFormatException e) {
			throw new IllegalArgumentException("channel must be " + GRAMMAR + ", got " + text.trim());
		}
		return n == 0 ? ALL : of(n);
	}

	public boolean isNone() {
		return index == -1;
	}

	public boolean isAll() {
		return index == -2;
	}

	/** Whether the channel was given as a colour name (red, green, blue) rather than a number. */
	public boolean isColourName() {
		return named;
	}

	/** The 0-based channel index; -1 for {@link #NONE} and {@link #ALL}. */
	public int index() {
		return Math.max(-1, index);
	}

	/** The 1-based channel number; 0 for {@link #NONE} and {@link #ALL} (ImageJ's "all channels"). */
	public int number() {
		return index() + 1;
	}

	/**
	 * Checks that this channel exists in an image with {@code channels}
	 * channels and returns its 0-based index; a single-channel image needs no
	 * choice (and accepts channel 1).
	 *
	 * @param what the image, for messages ("movie.tif")
	 * @param rgb whether the channels are red, green, blue
	 * @throws IllegalArgumentException if no channel was chosen for a
	 *           multi-channel image, or the channel does not exist
	 */
	public int select(final String what, final int channels, final boolean rgb) {
		if (isNone() || isAll()) {
			if (channels == 1)
				return 0;
			final String all = isAll() ? " (all channels: only in the ImageJ plugin)" : "";
			throw new IllegalArgumentException(rgb ? what + " is RGB" + all + ": choose a channel with --channel red|green|blue|N"
				: what + " has " + channels + " channels" + all + ": choose one with --channel N");
		}
		if (index >= channels)
			throw new IllegalArgumentException("channel " + this + " is out of range: " + what + " has " + channels
				+ (channels == 1 ? " channel" : " channels"));
		return index;
	}

	/**
	 * Checks this channel against a CMYK image: channels are numbered 1 to 4
	 * (cyan, magenta, yellow, black); a colour name is refused rather than
	 * mapped to an ink.
	 *
	 * @throws IllegalArgumentException if no channel or a colour name was given
	 */
	public int selectCmyk(final String what, final int channels) {
		if (isNone() || isAll() || named)
			throw new IllegalArgumentException(what + " is CMYK: choose an ink with --channel 1|2|3|4 (cyan, magenta, yellow, black)"
				+ (named ? ", not " + COLOURS[index] : ""));
		return select(what, channels, false);
	}

	@Override
	public String toString() {
		return isNone() ? "none" : isAll() ? "all" : Integer.toString(number());
	}

	@Override
	public boolean equals(final Object o) {
		return o instanceof Channel && ((Channel) o).index == index;
	}

	@Override
	public int hashCode() {
		return index;
	}
}
