package io.github.parallellocate.imagej;

/**
 * Where a plane sits in an ImageJ image.
 *
 * @param stackIndex 1-based index in the ImageStack
 * @param frame 0-based time frame, as trackpy counts frames (for a plain
 *          stack: the plane's 0-based index)
 * @param slice 1-based z slice, as ImageJ shows it
 * @param channel 1-based channel, as ImageJ shows it (for RGB: 1 = red, 2 =
 *          green, 3 = blue)
 */
public record PlanePosition(int stackIndex, int frame, int slice, int channel) {
}
