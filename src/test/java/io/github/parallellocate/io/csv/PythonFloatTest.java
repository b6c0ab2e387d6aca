package io.github.parallellocate.io.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * PythonFloat against values printed by CPython's repr (hex literal, repr),
 * and against {@link ReprReference} (exact, from the definition) on every
 * binary exponent, powers of ten, and millions of random values.
 */
class PythonFloatTest {

	private static final String[][] CASES = {
{"0x1.999999999999ap-4", "0.1"},
{"0x1.0000000000000p+0", "1.0"},
{"0x1.18b8000000000p+13", "8983.0"},
{"0x1.4f8b588e368f1p-17", "1e-05"},
{"0x1.f75104d551d69p-17", "1.5e-05"},
{"0x1.a36e2eb1c432dp-14", "0.0001"},
{"0x1.02e4b6ce5dc68p-13", "0.00012345"},
{"0x1.c12218377de40p+46", "123456789012345.0"},
{"0x1.18b54f22aeb00p+50", "1234567890123456.0"},
{"0x1.1c37937e08000p+53", "1e+16"},
{"0x1.5eddb25e04800p+53", "1.2345e+16"},
{"0x1.3cbcf3135cf32p+2", "4.949032563123"},
{"-0x1.4000000000000p+1", "-2.5"},
{"0x1.56e1fc2f8f359p-997", "1e-300"},
{"0x0.0000000000001p-1022", "5e-324"},
{"0x1.38b944861f19fp-4", "0.07634856002"},
{"0x1.0f0cf064dd592p+73", "1e+22"},
{"0x1.9000000000000p+6", "100.0"},
{"0x1.81cd6c8b43958p+13", "12345.678"},
{"-0x1.f3caf59d0f39dp+28", "-524070745.81621724"},
{"-0x1.135b41e8ef8b1p+36", "-73915440782.97145"},
{"-0x1.eee3b750eb645p+28", "-518929269.0574687"},
{"-0x1.2a90f8ad22877p-27", "-8.689422815203739e-09"},
{"0x1.f30bc003cba2bp+22", "8176368.003706495"},
{"-0x1.8a463df5996c4p-5", "-0.04812919713439848"},
{"-0x1.c09245170d60dp+45", "-61651179200940.1"},
{"-0x1.a694babbf656ep+55", "-5.947298495510411e+16"},
{"0x1.f04fc99f71060p+9", "992.6233405401108"},
{"0x1.d2a29f842c255p-16", "2.781362810883239e-05"},
{"-0x1.c1c29f3952f66p-15", "-5.3615598924665675e-05"},
{"0x1.18cbd95b6f27ap+26", "73609061.42865935"},
{"-0x1.2e8a25b64461bp-29", "-2.2012655822557426e-09"},
{"0x1.701a7484cfebdp-22", "3.428229507391851e-07"},
{"-0x1.9606e3b4c11edp+32", "-6812001204.754376"},
{"-0x1.03e4f3eefb359p+53", "-9144219413210802.0"},
{"-0x1.e03e7496953dep-1", "-0.9379764970605"},
{"-0x1.8c8d8e3d0852bp+45", "-54501822669066.336"},
{"0x1.06990f22e8418p+13", "8403.132390799045"},
{"0x1.4e93cb1f2d713p+15", "42825.89672224051"},
{"-0x1.2a882e9a5c8b4p+54", "-2.1007319199851216e+16"},
{"0x1.0210e61abe5b6p-16", "1.538193292114294e-05"},
{"0x1.fc8197df9b87fp-18", "7.577333206760833e-06"},
{"-0x1.1b45b6be2adbcp+23", "-9282267.371420734"},
{"-0x1.497876d40a503p+42", "-5660261175337.253"},
{"-0x1.dba1938f92435p+36", "-127676266745.14143"},
{"0x1.15851db4b5a7ap+16", "71045.1160386595"},
{"0x1.21b8278762b35p+7", "144.85967658119048"},
{"0x1.1a5fd3d28830ap+27", "148045470.57912475"},
{"0x1.95aa3a906dd81p+30", "1701482148.1072695"},
{"-0x1.ac2e7fcb28debp+5", "-53.5227046844337"},
{"0x1.f43a8b4f3aed4p-29", "3.639642732699333e-09"},
{"0x1.098a0367f59e4p+36", "71280113279.35114"},
{"0x1.672fc8646b158p-12", "0.00034254708432503644"},
{"0x1.3dc90f7c20a44p+5", "39.72317406630148"},
{"0x1.14f15c8117327p+33", "9292658946.181227"},
{"0x1.924234742a165p+43", "13821500694864.697"},
{"0x1.21a98334decfcp+38", "311022374199.7029"},
{"0x1.8b4eb58d7792ep+32", "6632158605.467085"},
{"-0x1.389d0451a02c2p-18", "-4.658301877236746e-06"},
	};

	@Test
	void matchesPythonRepr() {
		for (final String[] c : CASES) {
			final double v = Double.parseDouble(c[0]);
			assertEquals(c[1], PythonFloat.repr(v), c[0]);
			assertEquals(c[1], ReprReference.repr(v), c[0]);
		}
	}

	@Test
	void specialValues() {
		assertEquals("", PythonFloat.repr(Double.NaN));
		assertEquals("", PythonFloat.repr(Double.longBitsToDouble(0xfff8_0000_0000_0001L)));
		assertEquals("inf", PythonFloat.repr(Double.POSITIVE_INFINITY));
		assertEquals("-inf", PythonFloat.repr(Double.NEGATIVE_INFINITY));
		assertEquals("0.0", PythonFloat.repr(0.0));
		assertEquals("-0.0", PythonFloat.repr(-0.0));
		assertEquals("1.7976931348623157e+308", PythonFloat.repr(Double.MAX_VALUE));
		assertEquals("2.2250738585072014e-308", PythonFloat.repr(Double.MIN_NORMAL));
		assertEquals("-5e-324", PythonFloat.repr(-Double.MIN_VALUE));
		assertEquals("9007199254740992.0", PythonFloat.repr(0x1p53));
		assertEquals("1.8014398509481984e+16", PythonFloat.repr(0x1p54));
		assertEquals("9.223372036854776e+18", PythonFloat.repr(0x1p63));
		assertEquals("2e+23", PythonFloat.repr(2e23));
	}

	/** Every decimal scale: the smallest, next and largest significand of every binary exponent, positive and negative. */
	@Test
	void everyExponentAsTheReference() {
		for (long biased = 0; biased < 0x7ff; biased++)
			for (final long fraction : new long[] { 0, 1, 2, 3, 0xf_ffff_ffff_fffeL, 0xf_ffff_ffff_ffffL })
				ReprReference.check(Double.longBitsToDouble(biased << 52 | fraction));
	}

	/** Powers of ten and their neighbours, and decimals with 1 to 17 digits at every exponent. */
	@Test
	void powersOfTenAndShortDecimalsAsTheReference() {
		final SplittableRandom r = new SplittableRandom(7);
		for (int e = -325; e <= 309; e++) {
			final double p = Double.parseDouble("1e" + e);
			ReprReference.check(p);
			ReprReference.check(Math.nextUp(p));
			ReprReference.check(Math.nextDown(p));
			for (int digits = 1; digits <= 17; digits++)
				ReprReference.check(Double.parseDouble(ReprReference.randomDigits(r, digits) + "e" + e));
		}
	}

	/** Random values of every kind (millions in {@link PythonFloatReferenceIT}). */
	@Test
	void randomValuesAsTheReference() {
		ReprReference.checkRandom(1, 30_000, 30_000);
	}
}
