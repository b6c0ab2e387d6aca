package io.github.parallellocate.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputResolverTest {

	@TempDir
	Path tmp;

	private List<String> names(final List<Path> paths) {
		return paths.stream().map(p -> p.getFileName().toString()).collect(Collectors.toList());
	}

	private void touch(final String... names) throws IOException {
		for (final String n : names)
			Files.write(tmp.resolve(n), new byte[] { 1 });
	}

	@Test
	void naturalOrder() {
		final List<String> l = new ArrayList<>(List.of("file10.png", "file2.png", "File1.png", "file02b.png", "a.png", "file2a.png"));
		l.sort(InputResolver.NATURAL_ORDER);
		assertEquals(List.of("a.png", "File1.png", "file2.png", "file2a.png", "file02b.png", "file10.png"), l);
	}

	@Test
	void directoryListsImagesInNaturalOrder() throws IOException {
		touch("img_10.png", "img_9.png", "img_100.tif", "notes.txt", "img_1.JPG");
		Files.createDirectory(tmp.resolve("sub.png"));
		assertEquals(List.of("img_1.JPG", "img_9.png", "img_10.png", "img_100.tif"), names(InputResolver.resolve(List.of(tmp.toString()))));
	}

	@Test
	void globsAndConcatenation() throws IOException {
		touch("b_10.png", "b_2.png", "a.tif", "c.txt");
		assertEquals(List.of("b_2.png", "b_10.png"), names(InputResolver.resolve(List.of(tmp + "/b_*.png"))));
		assertEquals(List.of("a.tif", "b_2.png", "b_10.png", "a.tif"),
			names(InputResolver.resolve(List.of(tmp + "/a.tif", tmp + "/*.png", tmp + "/a.tif"))));
		assertEquals(List.of("a.tif", "b_2.png", "b_10.png"), names(InputResolver.resolve(List.of(tmp + "/*"))));
	}

	@Test
	void errors() throws IOException {
		Files.createDirectory(tmp.resolve("empty"));
		assertEquals("no such file or directory: " + tmp + "/missing.tif",
			assertThrows(IOException.class, () -> InputResolver.resolve(List.of(tmp + "/missing.tif"))).getMessage());
		assertEquals("directory " + tmp + "/empty contains no image files (bmp, gif, jpeg, jpg, png, tif, tiff)",
			assertThrows(IOException.class, () -> InputResolver.resolve(List.of(tmp + "/empty"))).getMessage());
		assertEquals("no image files match " + tmp + "/*.gif",
			assertThrows(IOException.class, () -> InputResolver.resolve(List.of(tmp + "/*.gif"))).getMessage());
		assertTrue(assertThrows(IOException.class, () -> InputResolver.resolve(List.of())).getMessage().contains("no input"));
	}

	@Test
	void channelParsing() {
		assertEquals(0, Channel.parse("red").index());
		assertEquals(1, Channel.parse("G").index());
		assertEquals(2, Channel.parse("b").index());
		assertEquals(4, Channel.parse("5").index());
		assertTrue(Channel.parse("none").isNone());
		assertTrue(Channel.parse(null).isNone());
		assertEquals("channel must be all, red, green, blue (r, g, b) or a channel number from 1, got purple",
			assertThrows(IllegalArgumentException.class, () -> Channel.parse("purple")).getMessage());
		assertTrue(Channel.parse("all").isAll(), "the ImageJ plugin's 'all channels'");
		assertTrue(Channel.parse("0").isAll(), "ImageJ's channel 0 = all");
		assertEquals(0, Channel.parse("ALL").number());
		assertEquals("channel must be all, red, green, blue (r, g, b) or a channel number from 1, got -1",
			assertThrows(IllegalArgumentException.class, () -> Channel.parse("-1")).getMessage());
	}
}
