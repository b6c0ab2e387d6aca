package io.github.parallellocate.io.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import io.github.parallellocate.core.Feature;


/** The sink's bytes are exactly the rows FeatureCsv writes frame by frame (header first, NaN as empty). */
class CsvFeatureSinkTest {

	@Test
	void sameBytesAsSequentialWriting() throws Exception {
		final Random r = new Random(3);
		final List<List<Feature>> frames = new ArrayList<>();
		for (int f = 0; f < 300; f++) {
			final List<Feature> l = new ArrayList<>();
			for (int i = r.nextInt(40); i > 0; i--)
				l.add(new Feature(r.nextDouble() * 400, r.nextDouble() * 600, r.nextDouble() * 300, 2 + r.nextDouble(), r.nextDouble(),
					r.nextDouble() * 20, 9000 + r.nextInt(1000), f % 7 == 0 ? Double.NaN : r.nextDouble()));
			frames.add(l);
		}
		for (final boolean characterize : new boolean[] { true, false }) {
			final StringWriter expected = new StringWriter();
			expected.write(FeatureCsv.header(characterize) + "\n");
			for (int f = 0; f < frames.size(); f++)
				FeatureCsv.writeFrame(expected, f, frames.get(f), characterize);
			final ByteArrayOutputStream got = new ByteArrayOutputStream();
			final CsvFeatureSink sink = new CsvFeatureSink(got, characterize);
			for (int f = 0; f < frames.size(); f++)
				sink.accept(f, frames.get(f));
			sink.finish();
			assertEquals(expected.toString(), got.toString(StandardCharsets.US_ASCII));
		}
	}
}
