package io.github.parallellocate.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.ItemIO;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;

import ij.measure.ResultsTable;
import io.github.parallellocate.core.LocateParameter;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.core.PerAxis;

/**
 * The command's inputs are the specification's parameters: SciJava
 * annotations need constants, so the command spells the names and help texts
 * out; this test makes a parameter added to, renamed in or re-described in
 * {@link LocateParameter} fail here until the command follows.
 */
class LocateFeaturesCommandSpecTest {

	private static Context context;
	private static CommandInfo info;

	@BeforeAll
	static void start() {
		context = new Context(CommandService.class);
		info = context.service(CommandService.class).getCommand(LocateFeaturesCommand.class);
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	private static CommandModule freshModule() throws Exception {
		return (CommandModule) info.createModule();
	}

	@Test
	void everyParameterOfTheSpecificationIsAnInputWithItsNameHelpAndDefault() throws Exception {
		final CommandModule module = freshModule();
		for (final LocateParameter p : LocateParameter.values()) {
			final ModuleItem<?> item = info.getInput(p.key());
			assertNotNull(item, "the command has no input " + p.key());
			assertEquals(p.key(), item.getLabel(), p.key());
			assertEquals(p.help(), item.getDescription(), p.key());
			assertEquals(p.isRequired(), item.isRequired(), p.key() + " required");
			assertEquals(false, item.isPersisted(), p.key() + " persisted");
			final Object initial = item.getValue(module);
			switch (p.type()) {
				case PER_AXIS -> {
					assertEquals(String.class, item.getType(), p.key());
					if (!p.isRequired())
						assertEquals(p.defaultValue(), initial == null || ((String) initial).isEmpty() ? null
							: p.parse((String) initial), p.key() + " default");
				}
				case NUMBER -> {
					assertTrue(item.getType() == Double.class || item.getType() == double.class, p.key());
					assertEquals(p.defaultValue(), Double.isNaN((Double) initial) ? null : initial, p.key() + " default");
				}
				case INTEGER -> {
					assertTrue(item.getType() == Integer.class || item.getType() == int.class, p.key());
					assertEquals(p.defaultValue(), initial, p.key() + " default");
				}
				case FLAG -> {
					assertEquals(boolean.class, item.getType(), p.key());
					assertEquals(p.defaultValue(), initial, p.key() + " default");
				}
			}
			if (p.isOptional())
				assertTrue(item.getType() == String.class || !item.getType().isPrimitive(),
					p.key() + " must be able to hold None");
		}
	}

	@Test
	void noOtherInputsThanTheImageTheSpecificationAndTheRunOptions() {
		final Set<String> expected = new LinkedHashSet<>(List.of("imp", "img"));
		for (final LocateParameter p : LocateParameter.values())
			expected.add(p.key());
		expected.addAll(List.of("channel", "threads", "csv", "overwrite", "volumes", "calibrated", "results", "overlay",
			"roi_manager"));
		final Set<String> inputs = new LinkedHashSet<>();
		for (final ModuleItem<?> item : info.inputs())
			if (!item.getType().getName().startsWith("org.scijava.")) // services
				inputs.add(item.getName());
		assertEquals(expected, inputs);
	}

	@Test
	void outputsAreTheTableAndTheCount() {
		final ModuleItem<?> features = info.getOutput("features");
		assertNotNull(features);
		assertEquals(ResultsTable.class, features.getType());
		assertEquals(ItemIO.OUTPUT, features.getIOType());
		final ModuleItem<?> count = info.getOutput("count");
		assertNotNull(count);
		assertEquals(Integer.class, count.getType());
		final Set<String> outputs = new LinkedHashSet<>();
		info.outputs().forEach(o -> outputs.add(o.getName()));
		assertEquals(Set.of("features", "count"), outputs);
	}

	@Test
	void noneSpellings() throws Exception {
		final CommandModule module = freshModule();
		module.setInput("diameter", "11");
		module.setInput("maxsize", 0.0);
		module.setInput("smoothing_size", "0");
		module.setInput("topn", 0);
		module.setInput("minmass", Double.NaN);
		module.setInput("threshold", null);
		assertEquals(LocateParameters.of(11), ((LocateFeaturesCommand) module.getCommand()).parameters());
		module.setInput("threshold", 0.0); // a real threshold
		module.setInput("smoothing_size", "13");
		final LocateParameters p = ((LocateFeaturesCommand) module.getCommand()).parameters();
		assertEquals(0.0, p.thresholdOrNull());
		assertEquals(PerAxis.of(13), p.smoothingSizeOrNull());
	}

	@Test
	void typedFieldsGiveTheSameParametersAsTheSpecificationsText() throws Exception {
		final CommandModule module = freshModule();
		module.setInput("diameter", "5,9,9");
		module.setInput("minmass", 1000.0);
		module.setInput("separation", "4,8,8");
		module.setInput("noise_size", "1,1.5,1.5");
		module.setInput("threshold", Double.NaN); // NaN is None
		module.setInput("invert", true);
		module.setInput("percentile", 50.0);
		module.setInput("topn", 7);
		module.setInput("max_iterations", 3);
		module.setInput("characterize", false);
		final LocateParameters fromFields = ((LocateFeaturesCommand) module.getCommand()).parameters();
		final LocateParameters expected = LocateParameters.fromText(java.util.Map.of("diameter", "5,9,9", "minmass",
			"1000", "separation", "4,8,8", "noise_size", "1,1.5,1.5", "invert", "true", "percentile", "50", "topn", "7",
			"max_iterations", "3", "characterize", "false"));
		assertEquals(expected, fromFields);
		assertEquals(PerAxis.axes(5, 9, 9), fromFields.diameter());
		assertEquals(null, fromFields.thresholdOrNull());
	}
}
