#!/usr/bin/env python3
"""Generates the trackpy reference of a located selection (ImageJ plugin tests).

A rectangle selected in ImageJ is located exactly as trackpy locates
``image[y:y+h, x:x+w]``: the bandpass sees the crop's borders, not the whole
image's, so this cannot be derived from a full-frame reference. This script
runs trackpy on such crops of the first frames of the shared bulk water movie
and writes the features in the whole image's pixel coordinates (trackpy's
positions on the crop plus ``y`` and ``x`` of the rectangle), as the plugin
reports them:

    src/test/resources/reference/crop/bulk_water_crop_<x>_<y>_<w>_<h>_d11_mm20.csv

Columns ``frame,y,x,mass,size,ecc,signal,raw_mass,ep`` (pandas' round-trip
floats). trackpy is imported from a checkout on PYTHONPATH, never part of the
project; numpy, scipy, pandas and tifffile come from Debian:

    apt-get install -y python3-numpy python3-scipy python3-pandas python3-tifffile
    PYTHONPATH=/path/to/trackpy-checkout /usr/bin/python3 \\
        scripts/reference/make_crop_reference.py [--shared ../shared]
"""
import os

# as make_references.py: numpy's exp as libm computes it (see there)
os.environ.setdefault('NPY_DISABLE_CPU_FEATURES',
                      'AVX512F AVX512CD AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL')

import argparse  # noqa: E402

import pandas as pd  # noqa: E402
import tifffile  # noqa: E402

import trackpy as tp  # noqa: E402

COLUMNS = ['y', 'x', 'mass', 'size', 'ecc', 'signal', 'raw_mass', 'ep']
FRAMES = 5
# (x, y, width, height): ImageJ's makeRectangle order
CROPS = [(100, 60, 300, 200), (333, 211, 151, 97)]
PARAMS = dict(diameter=11, invert=True, minmass=20)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--shared', default=os.path.join('..', 'shared'))
    ap.add_argument('--out', default=os.path.join('src', 'test', 'resources', 'reference', 'crop'))
    args = ap.parse_args()
    movie = tifffile.imread(os.path.join(args.shared, 'data', 'bulk_water_red_50.tif'))
    os.makedirs(args.out, exist_ok=True)
    for (x, y, w, h) in CROPS:
        parts = []
        for i in range(FRAMES):
            f = tp.locate(movie[i][y:y + h, x:x + w], engine='numba', **PARAMS)
            f = f[COLUMNS].copy()
            f['y'] += y
            f['x'] += x
            f.insert(0, 'frame', i)
            parts.append(f)
        table = pd.concat(parts, ignore_index=True)
        name = 'bulk_water_crop_%d_%d_%d_%d_d11_mm20.csv' % (x, y, w, h)
        table.to_csv(os.path.join(args.out, name), index=False)
        print(name, len(table), 'features')


if __name__ == '__main__':
    main()
