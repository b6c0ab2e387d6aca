#@ Img (label="Image") img
#@ String (label="diameter", description="odd, or one per axis (z,y,x or y,x)", value="11") diameter
#@ Double (label="minmass", value=0) minmass
#@ Boolean (label="invert", value=false) invert
#@ CommandService command
#@output ij.measure.ResultsTable features
#@output Integer count
#
# Locate Features on an ImgLib2 image (in Fiji: the active image as an Img)
# through the SciJava command, and return its outputs: the features table
# (trackpy's columns, then frame) and the number of features.

from io.github.parallellocate.fiji import LocateFeaturesCommand

module = command.run(LocateFeaturesCommand, True,
	{"img": img, "diameter": diameter, "minmass": minmass, "invert": invert}).get()
if module.isCanceled():
	raise ValueError(module.getCancelReason())
features = module.getOutput("features")
count = module.getOutput("count")
