#@ ImagePlus (label="Image") imp
#@ String (label="diameter", description="odd, or one per axis (z,y,x or y,x)", value="11") diameter
#@ Double (label="minmass", value=0) minmass
#@ Boolean (label="invert", value=false) invert
#@ File (label="CSV", style="save", required=false) csv
#@ CommandService command
#@output ij.measure.ResultsTable features
#@output Integer count
#
# Locate Features on an ImageJ image (stack or hyperstack) through the
# SciJava command: circles on the image's overlay, optionally trackpy's CSV,
# and the outputs: the features table and the number of features.

from io.github.parallellocate.fiji import LocateFeaturesCommand

module = command.run(LocateFeaturesCommand, True,
	{"imp": imp, "diameter": diameter, "minmass": minmass, "invert": invert, "csv": csv}).get()
if module.isCanceled():
	raise ValueError(module.getCancelReason())
features = module.getOutput("features")
count = module.getOutput("count")
