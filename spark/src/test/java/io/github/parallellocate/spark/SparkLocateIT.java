package io.github.parallellocate.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.parallellocate.testutil.FeatureTable;
import io.github.parallellocate.testutil.Parity;
import io.github.parallellocate.testutil.SharedData;

/** The Spark front door end to end in local mode, against trackpy's references. */
class SparkLocateIT {

	@TempDir
	Path tmp;

	@BeforeAll
	static void localSpark() {
		System.setProperty("spark.master", "local[2]");
		System.setProperty("spark.ui.enabled", "false");
		System.setProperty("spark.driver.host", "127.0.0.1");
		System.setProperty("spark.driver.bindAddress", "127.0.0.1");
	}

	@Test
	void multiPageTiff() throws Exception {
		final Path out = tmp.resolve("spark.csv");
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		final int code = LocateSpark.run(new PrintStream(err, true, StandardCharsets.UTF_8), SharedData.bulkWaterTiff().toString(),
			"--diameter", "11", "--invert", "--minmass", "20", "--frames-per-task", "7", "--output", out.toString());
		System.out.print(err.toString(StandardCharsets.UTF_8));
		assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
		final Parity p = Parity.compare(FeatureTable.readCsv(SharedData.file("reference/bulk_water_d11_mm20.csv")), FeatureTable.readCsv(out));
		System.out.println(p.summary());
		p.assertParity();
	}
}
