package io.github.parallellocate.core;

/**
 * One located feature, with trackpy's columns and coordinate convention (the
 * origin is the centre of pixel (0, 0); ImageJ's ROI coordinates are these
 * plus 0.5). Without characterisation, {@code size}, {@code ecc},
 * {@code signal}, {@code rawMass} and {@code ep} are {@code NaN}.
 *
 * @param y sub-pixel row
 * @param x sub-pixel column
 * @param mass integrated brightness in the bandpassed image (in input units)
 * @param size radius of gyration of the brightness
 * @param ecc eccentricity (0 = circular)
 * @param signal peak brightness in the bandpassed image (in input units)
 * @param rawMass integrated brightness in the raw (possibly inverted) image
 * @param ep static position uncertainty estimate
 */
public record Feature(double y, double x, double mass, double size, double ecc, double signal, double rawMass, double ep) {
}
