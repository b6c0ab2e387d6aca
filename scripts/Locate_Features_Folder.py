#@ File (label = "Input folder", style = "directory") input
#@ File (label = "Output folder", style = "directory") output
#@ String (label = "Locate Features options", value = "diameter=11 minmass=20 invert") options
"""Locate features in every TIFF of a folder (Fiji, Jython).

Writes one trackpy-compatible CSV per image (<name>.csv) and summary.csv
(image, planes, features, planes_per_second). Uses the Java API, so it needs
no user interface: it runs the same in Fiji's script editor, headless
(ImageJ-linux64 --headless --run Locate_Features_Folder.py
'input="/data/in",output="/data/out",options="diameter=11 minmass=20 invert"')
and in any Jython with ImageJ 1.x and Parallel_Locate on the class path.
The options are the macro keys of Plugins > Tracking > Locate Features...
"""
import os

from ij import IJ
from io.github.parallellocate.imagej import Locator


def locate_folder(in_dir, out_dir, opts):
    names = sorted(n for n in os.listdir(in_dir) if n.lower().endswith(('.tif', '.tiff')))
    lines = ['image,planes,features,planes_per_second']
    for name in names:
        imp = IJ.openImage(os.path.join(in_dir, name))
        csv = os.path.join(out_dir, os.path.splitext(name)[0] + '.csv')
        result = Locator.run(imp, '%s overlay=false csv=[%s]' % (opts, csv))
        lines.append('%s,%d,%d,%.1f' % (name, imp.getStackSize(), result.rows().size(),
                                        result.summary().framesPerSecond()))
        imp.close()
    summary = open(os.path.join(out_dir, 'summary.csv'), 'w')
    try:
        summary.write('\n'.join(lines) + '\n')
    finally:
        summary.close()
    return len(names)


count = locate_folder(input.getPath(), output.getPath(), options)
print('Locate_Features_Folder.py: %d images, summary in %s' % (count, os.path.join(output.getPath(), 'summary.csv')))
