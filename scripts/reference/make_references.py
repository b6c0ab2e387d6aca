#!/usr/bin/env python3
"""Generates the trackpy reference cases of TrackpyCasesTest.

Writes, below ``src/test/resources/reference/``:

* ``images/<image>.tif``: small 8-bit, 16-bit and 32-bit float inputs (ImageJ
  TIFFs, one page per frame), derived from ``../shared`` (bulk water crops) or
  synthesised here (Gaussian spots on noise, degenerate planes);
* ``cases/<case>.csv``: trackpy's ``locate`` output per case, one call per
  frame, columns ``frame,y,x,mass,...`` as pandas writes them (round-trip
  exact floats);
* ``manifest.tsv``: one line per case: name, image, its numpy dtype,
  parameters (trackpy keyword arguments), expected outcome, engine, notes.

Expected outcomes: ``table`` (compare with cases/<case>.csv), ``error``
(trackpy raises; we must refuse with a clear message) and ``error-deviation``
(trackpy returns a table, kept in cases/ for the record, but we deliberately
refuse; see the README).

trackpy is imported as an installed package and is never part of the project.
Run it with Debian's python (numpy, scipy, pandas, tifffile, numba from apt)
and a trackpy checkout on PYTHONPATH, from the project root:

    apt-get install -y python3-numpy python3-scipy python3-pandas \\
        python3-tifffile python3-yaml python3-numba
    PYTHONPATH=/path/to/trackpy-checkout /usr/bin/python3 \\
        scripts/reference/make_references.py [--shared ../shared]

(trackpy imports ``looseversion``; where that package is missing, any module
named ``looseversion`` with a comparable ``LooseVersion`` class will do.)

Every case is run with both of trackpy's refinement engines. The reference is
the numba engine's output (as for ../shared/reference) unless numba fails,
then the python engine's; differences between the engines are recorded in the
notes column.
"""
import os

# numpy's AVX512F float64 exp differs from the C library's by one ulp for many
# arguments, which moves trackpy's Gaussian kernel and, through truncation to
# integers, whole features. Our core (and ../shared/reference) follow libm:
# make numpy use it too. Must be set before numpy is imported.
os.environ.setdefault('NPY_DISABLE_CPU_FEATURES',
                      'AVX512F AVX512CD AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL')

import argparse  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import tifffile  # noqa: E402

import trackpy as tp  # noqa: E402

COLUMNS = ['y', 'x', 'mass', 'size', 'ecc', 'signal', 'raw_mass', 'ep']


# --------------------------------------------------------------------------
# Input images: name -> (frames, y, x) array of uint8, uint16 or float32

def bulk_water_crops(shared):
    """Frames 0, 25, 49 of the bulk water movie, rows 100:228, columns 200:392."""
    stack = tifffile.imread(os.path.join(shared, 'data', 'bulk_water_red_50.tif'))
    return np.ascontiguousarray(stack[[0, 25, 49], 100:228, 200:392])


def gaussian_spots(rng, shape, spots, background=20., noise=4.):
    """Float image (0..255 scale): Gaussian spots (y, x, amplitude, sigma) on noise."""
    yy, xx = np.mgrid[0:shape[0], 0:shape[1]].astype(float)
    img = background + rng.normal(0, noise, shape)
    for (y, x, a, s) in spots:
        img += a * np.exp(-((yy - y) ** 2 + (xx - x) ** 2) / (2 * s * s))
    return img


def synthetic_frames(rng):
    """Two 96x112 frames: isolated spots, spots touching or crossing the
    margins, and overlapping pairs (closer than the default separation)."""
    frames = []
    for f in range(2):
        spots = []
        # isolated spots, sub-pixel positions
        for (y, x) in [(20.3, 30.7), (48.6, 56.2), (70.1, 85.5), (30.9, 80.4)]:
            spots.append((y + f * 0.37, x - f * 0.21, 150 - 20 * f, 1.8))
        # at and beyond the margins
        spots += [(1.2, 40.5, 140, 1.8), (50.5, 0.4, 130, 1.8), (94.6, 60.3, 135, 1.8),
                  (45.2, 110.8, 145, 1.8), (2.7, 2.9, 120, 1.6), (-1.5, 95.0, 160, 2.0),
                  (7.4, 106.6, 110, 1.7)]
        # overlapping pairs: 4, 6 and 9 px apart, unequal and equal amplitudes
        spots += [(80.2, 20.1, 150, 1.7), (80.4, 24.2, 100, 1.7),
                  (15.3, 60.2, 120, 1.7), (21.1, 61.8, 120, 1.7),
                  (60.0, 20.0, 90, 1.7), (60.0, 29.0, 140, 1.7)]
        frames.append(gaussian_spots(rng, (96, 112), spots))
    return np.array(frames)


def check_exp_is_libm():
    """Refuses to run when numpy's float64 exp is not the C library's."""
    import math
    xs = np.linspace(-50, 50, 20001)
    if not np.array_equal(np.exp(xs), np.array([math.exp(v) for v in xs])):
        sys.exit('numpy.exp differs from libm exp on this machine even with '
                 'NPY_DISABLE_CPU_FEATURES=%s: references would not be portable'
                 % os.environ.get('NPY_DISABLE_CPU_FEATURES'))


def make_images(shared):
    rng = np.random.default_rng(20240611)
    bw8 = bulk_water_crops(shared)
    noise16 = rng.integers(0, 257, bw8.shape)
    bw16 = np.minimum(bw8.astype(np.int64) * 257 + noise16, 65535).astype(np.uint16)
    bwf = np.clip(bw8 / 255. + rng.normal(0, 0.002, bw8.shape), 0, 1).astype(np.float32)
    syn = synthetic_frames(rng)
    syn8 = np.clip(np.round(syn), 0, 255).astype(np.uint8)
    syn16 = np.clip(np.round(syn * 200), 0, 65535).astype(np.uint16)
    synf = (syn / 255.).astype(np.float32)

    shape = (1, 48, 56)
    single8 = np.zeros(shape, np.uint8)
    single8[0, 24, 30] = 255
    single16 = np.zeros(shape, np.uint16)
    single16[0, 20, 27] = 40000
    singlef = np.zeros(shape, np.float32)
    singlef[0, 25, 26] = 1.
    tiny8 = np.zeros((1, 9, 9), np.uint8)
    tiny8[0, 4, 4] = 200
    return {
        'bw8': bw8, 'bw16': bw16, 'bwf': bwf,
        'syn8': syn8, 'syn16': syn16, 'synf': synf,
        'black8': np.zeros(shape, np.uint8),
        'black16': np.zeros(shape, np.uint16),
        'blackf': np.zeros(shape, np.float32),
        'const8': np.full(shape, 77, np.uint8),
        'const16': np.full(shape, 30000, np.uint16),
        'constf': np.full(shape, 0.5, np.float32),
        'single8': single8, 'single16': single16, 'singlef': singlef,
        'tiny8': tiny8,
    }


# --------------------------------------------------------------------------
# Cases: (name, image, trackpy keyword arguments, expected outcome)

def cases():
    c = []

    def add(name, image, expected='table', **kw):
        c.append((name, image, kw, expected))

    # bulk water, 8-bit (dark particles: invert)
    add('bw8_d11_mm20', 'bw8', diameter=11, invert=True, minmass=20)
    for d in (3, 5, 7, 9, 15):
        add('bw8_d%d' % d, 'bw8', diameter=d, invert=True)
    add('bw8_d11_mm100', 'bw8', diameter=11, invert=True, minmass=100)
    add('bw8_d11_maxsize', 'bw8', diameter=11, invert=True, maxsize=2.5)
    add('bw8_d11_sep5.5', 'bw8', diameter=11, invert=True, separation=5.5)
    add('bw8_d11_sep8.3', 'bw8', diameter=11, invert=True, separation=8.3)
    add('bw8_d11_sep15', 'bw8', diameter=11, invert=True, separation=15)
    add('bw8_d11_noise0', 'bw8', diameter=11, invert=True, noise_size=0)
    add('bw8_d11_noise1.5', 'bw8', diameter=11, invert=True, noise_size=1.5)
    add('bw8_d11_noise2', 'bw8', diameter=11, invert=True, noise_size=2)
    add('bw8_d11_smooth15', 'bw8', diameter=11, invert=True, smoothing_size=15)
    add('bw8_d11_smooth21', 'bw8', diameter=11, invert=True, smoothing_size=21)
    add('bw8_d9_smooth3', 'bw8', diameter=9, invert=True, smoothing_size=3)
    add('bw8_d11_thr5', 'bw8', diameter=11, invert=True, threshold=5)
    add('bw8_d11_thr0.5', 'bw8', diameter=11, invert=True, threshold=0.5)
    add('bw8_d11_thr0', 'bw8', diameter=11, invert=True, threshold=0)
    # negative thresholds keep negative bandpass values (clipped to 0 when rescaled)
    add('bw8_d11_thr-3', 'bw8', diameter=11, invert=True, threshold=-3)
    add('bw16_d11_thr-200', 'bw16', diameter=11, invert=True, threshold=-200)
    add('bwf_d11_thr-0.01', 'bwf', diameter=11, invert=True, threshold=-0.01)
    # dilation boxes of side 2 and 1 (no 4-neighbour pre-test of the maxima)
    add('bw8_d11_sep2', 'bw8', diameter=11, invert=True, separation=2)
    add('bw8_d11_sep1', 'bw8', diameter=11, invert=True, separation=1)
    add('bw8_d11_noinvert', 'bw8', diameter=11)
    add('bw8_d11_pct0', 'bw8', diameter=11, invert=True, percentile=0)
    add('bw8_d11_pct50', 'bw8', diameter=11, invert=True, percentile=50)
    add('bw8_d11_pct90', 'bw8', diameter=11, invert=True, percentile=90)
    add('bw8_d11_topn1', 'bw8', diameter=11, invert=True, topn=1)
    add('bw8_d11_topn5', 'bw8', diameter=11, invert=True, topn=5)
    add('bw8_d11_mm20_topn5', 'bw8', diameter=11, invert=True, minmass=20, topn=5)
    add('bw8_d11_nopre', 'bw8', diameter=11, invert=True, preprocess=False)
    add('bw8_d11_nopre_pct90', 'bw8', diameter=11, invert=True, preprocess=False, percentile=90)
    add('bw8_d11_iter0', 'bw8', diameter=11, invert=True, max_iterations=0)
    add('bw8_d11_iter1', 'bw8', diameter=11, invert=True, max_iterations=1)
    add('bw8_d11_iter3', 'bw8', diameter=11, invert=True, max_iterations=3)
    add('bw8_d11_nochar', 'bw8', diameter=11, invert=True, characterize=False)
    add('bw8_d11_nochar_mm20', 'bw8', diameter=11, invert=True, minmass=20, characterize=False)

    # bulk water, 16-bit (x257 plus noise)
    add('bw16_d11', 'bw16', diameter=11, invert=True)
    add('bw16_d11_mm5000', 'bw16', diameter=11, invert=True, minmass=5000)
    add('bw16_d7', 'bw16', diameter=7, invert=True)
    add('bw16_d11_noise0', 'bw16', diameter=11, invert=True, noise_size=0)
    add('bw16_d11_thr300', 'bw16', diameter=11, invert=True, threshold=300)
    add('bw16_d11_sep7.5', 'bw16', diameter=11, invert=True, separation=7.5)
    add('bw16_d11_pct90', 'bw16', diameter=11, invert=True, percentile=90)
    add('bw16_d11_topn5', 'bw16', diameter=11, invert=True, topn=5)
    add('bw16_d11_nopre', 'bw16', diameter=11, invert=True, preprocess=False)
    add('bw16_d11_iter3', 'bw16', diameter=11, invert=True, max_iterations=3)
    add('bw16_d11_nochar', 'bw16', diameter=11, invert=True, characterize=False)

    # bulk water, float in [0, 1]
    add('bwf_d11', 'bwf', diameter=11, invert=True)
    add('bwf_d11_mm0.1', 'bwf', diameter=11, invert=True, minmass=0.1)
    add('bwf_d9', 'bwf', diameter=9, invert=True)
    add('bwf_d11_thr0.02', 'bwf', diameter=11, invert=True, threshold=0.02)
    add('bwf_d11_noise2', 'bwf', diameter=11, invert=True, noise_size=2)
    add('bwf_d11_smooth15', 'bwf', diameter=11, invert=True, smoothing_size=15)
    add('bwf_d11_sep6.5', 'bwf', diameter=11, invert=True, separation=6.5)
    add('bwf_d11_pct50', 'bwf', diameter=11, invert=True, percentile=50)
    add('bwf_d11_topn5', 'bwf', diameter=11, invert=True, topn=5)
    add('bwf_d11_nopre', 'bwf', diameter=11, invert=True, preprocess=False)
    add('bwf_d11_iter1', 'bwf', diameter=11, invert=True, max_iterations=1)
    add('bwf_d11_maxsize', 'bwf', diameter=11, invert=True, maxsize=2.5)
    add('bwf_d11_nochar', 'bwf', diameter=11, invert=True, characterize=False)
    add('bwf_d11_noinvert', 'bwf', diameter=11)

    # synthetic spots: margins, overlaps (duplicates removed), three types
    for im in ('syn8', 'syn16', 'synf'):
        add(im + '_d7', im, diameter=7)
        add(im + '_d9', im, diameter=9)
        add(im + '_d5_sep3', im, diameter=5, separation=3)
        add(im + '_d7_sep12', im, diameter=7, separation=12)
        add(im + '_d7_pct0', im, diameter=7, percentile=0)
        add(im + '_d7_nopre', im, diameter=7, preprocess=False)
        add(im + '_d7_topn1', im, diameter=7, topn=1)
    add('syn8_d15', 'syn8', diameter=15)
    add('syn8_d7_sep0', 'syn8', diameter=7, separation=0)
    add('syn8_d7_smooth9_noise1.5', 'syn8', diameter=7, smoothing_size=9, noise_size=1.5)
    add('synf_d7_maxsize', 'synf', diameter=7, maxsize=1.6)
    add('synf_d7_invert', 'synf', diameter=7, invert=True)

    # degenerate planes
    for im in ('black8', 'black16', 'blackf', 'const8', 'const16', 'constf'):
        add(im + '_d11', im, diameter=11)
    add('const8_d11_thr0', 'const8', diameter=11, threshold=0)
    add('constf_d11_thr0', 'constf', diameter=11, threshold=0)
    add('const8_d11_nopre', 'const8', diameter=11, preprocess=False)
    add('black8_d11_invert', 'black8', diameter=11, invert=True)
    for im in ('single8', 'single16', 'singlef'):
        add(im + '_d11', im, diameter=11)
        add(im + '_d3', im, diameter=3)
        add(im + '_d11_nochar', im, diameter=11, characterize=False)
    add('single8_d11_nopre', 'single8', diameter=11, preprocess=False)
    add('single8_d11_nopre_pct0', 'single8', diameter=11, preprocess=False, percentile=0)
    add('singlef_d11_nopre', 'singlef', diameter=11, preprocess=False)
    add('tiny8_d9', 'tiny8', diameter=9)

    # parameters trackpy refuses
    add('err_d1', 'single8', 'error', diameter=1)
    add('err_d10', 'single8', 'error', diameter=10)
    add('err_smooth12', 'single8', 'error', diameter=11, smoothing_size=12)
    add('err_noise_ge_smooth', 'single8', 'error', diameter=5, noise_size=5)
    # trackpy returns a table, we deliberately refuse (see the README)
    add('dev_d1_noise0.5', 'single8', 'error-deviation', diameter=1, noise_size=0.5)
    add('dev_d11_larger_than_image', 'tiny8', 'error-deviation', diameter=11)
    return c


# --------------------------------------------------------------------------

def locate_all(frames, kw, engine):
    out = []
    for i, fr in enumerate(frames):
        f = tp.locate(fr, engine=engine, **kw)
        f = f.reset_index(drop=True)
        f.insert(0, 'frame', i)
        out.append(f)
    df = pd.concat(out, ignore_index=True)
    cols = ['frame'] + [c for c in COLUMNS if c in df.columns]
    return df[cols]


def compare_engines(a, b):
    """Short description of how table b differs from table a ('' if identical)."""
    if len(a) != len(b):
        return 'python engine: %d features, numba %d' % (len(b), len(a))
    notes = []
    for c in a.columns[1:]:
        x, y = a[c].values.astype(float), b[c].values.astype(float)
        same = (x == y) | (np.isnan(x) & np.isnan(y))
        if not same.all():
            rel = np.nanmax(np.abs(x - y) / np.maximum(np.abs(x), np.abs(y)))
            notes.append('%s %.1e' % (c, rel))
    return ('python engine differs (max rel): ' + ', '.join(notes)) if notes else ''


def fmt_value(v):
    if isinstance(v, bool):
        return 'True' if v else 'False'
    return repr(v)


def run_case(frames, kw):
    """(table, engine, note) or (None, None, error message)."""
    results = {}
    for engine in ('numba', 'python'):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter('ignore')
                results[engine] = locate_all(frames, kw, engine)
        except Exception as e:  # noqa: BLE001 - recording trackpy's outcome
            results[engine] = '%s: %s' % (type(e).__name__, e)
    n, p = results['numba'], results['python']
    if isinstance(n, str) and isinstance(p, str):
        return None, None, 'trackpy: ' + p
    if isinstance(n, str):
        return p, 'python', 'numba engine fails (%s)' % n
    if isinstance(p, str):
        return n, 'numba', 'python engine fails (%s)' % p
    return n, 'numba', compare_engines(n, p)


# --------------------------------------------------------------------------
# N-dimensional mode (--nd): volumes and per-axis parameters
#
# Writes below ``<out>/nd/``: ``images/<image>.tif`` (ImageJ hyperstacks,
# TZYX for volumes, one page per plane for planes), ``cases/<case>.csv``
# (columns ``frame`` then trackpy's, as trackpy names them) and
# ``manifest.tsv`` (case, image path relative to <out>, ndim, dtype,
# parameters with per-axis values written ``z,y,x``, expected, engine,
# notes). Expected outcomes: ``table``; ``error`` (trackpy raises, we refuse
# too); ``refuse`` (we refuse whatever trackpy does: its outcome is in the
# notes).
#
# trackpy bug #609: with per-axis ep (anisotropic diameter or noise_size)
# trackpy joins the ep columns on a fresh index after filtering, so rows come
# out misaligned. The references carry each feature's own ep (trackpy with
# the join fixed: the ep frame takes the features' index); the notes count
# the rows trackpy's own join gets wrong.

def nd_spot_grid(shape, centres, amplitudes, sigma, background=10):
    """uint8 image: identical Gaussian spots at integer centres (exactly tied masses)."""
    img = np.full(shape, float(background))
    grids = np.indices(shape)
    for c, a in zip(centres, amplitudes):
        r2 = sum((g - ci) ** 2 for g, ci in zip(grids, c))
        img += a * np.exp(-r2 / (2 * sigma * sigma))
    return np.clip(np.round(img), 0, 255).astype(np.uint8)


def nd_images(shared):
    vol = os.path.join(shared, 'data', 'volumes')
    iso8 = tifffile.imread(os.path.join(vol, 'iso8.tif'))        # (4, 40, 96, 96) uint8
    aniso16 = tifffile.imread(os.path.join(vol, 'aniso16.tif'))  # (4, 24, 128, 128) uint16
    iso8c = np.ascontiguousarray(iso8[:2, 4:24, 8:64, 8:64])
    aniso16c = np.ascontiguousarray(aniso16[:2, 2:16, 0:64, 0:64])
    anisof = np.ascontiguousarray((aniso16[2:3, 2:16, 32:96, 32:96] / 65535.).astype(np.float32))
    # ties: 6 x 6 identical spots in three amplitudes (2D), 3 x 5 x 5 in two (3D)
    c2 = [(12 + 14 * i, 12 + 14 * j) for i in range(6) for j in range(6)]
    a2 = [(120, 90, 60)[(i * 7) % 3] for i in range(len(c2))]
    ties2d = nd_spot_grid((96, 96), c2, a2, 1.6)[np.newaxis]
    c3 = [(6 + 8 * k, 8 + 8 * i, 8 + 8 * j) for k in range(3) for i in range(5) for j in range(5)]
    a3 = [(150, 100)[(i * 5) % 2] for i in range(len(c3))]
    ties3d = nd_spot_grid((28, 48, 48), c3, a3, 1.3)[np.newaxis]
    return {'iso8c': iso8c, 'aniso16c': aniso16c, 'anisof': anisof, 'ties2d': ties2d, 'ties3d': ties3d}


def nd_cases():
    c = []

    def add(name, image, expected='table', **kw):
        c.append((name, image, kw, expected))

    # anisotropic 2D: bulk water crops of the 2D cases (images/bw*.tif)
    add('bw8_d9_11', 'bw8', diameter=(9, 11), invert=True)
    add('bw8_d11_9_mm20', 'bw8', diameter=(11, 9), invert=True, minmass=20)
    add('bw8_d9_11_sep_smooth', 'bw8', diameter=(9, 11), invert=True, separation=(6, 14), smoothing_size=(11, 15))
    add('bw8_d11_noise1_1.5', 'bw8', diameter=11, invert=True, noise_size=(1, 1.5))
    add('bw8_d7_sep5_9', 'bw8', diameter=7, invert=True, separation=(5, 9))
    add('bw8_d9_11_topn5', 'bw8', diameter=(9, 11), invert=True, topn=5)
    add('bw8_d9_11_nochar', 'bw8', diameter=(9, 11), invert=True, characterize=False)
    add('bw8_d9_11_nopre', 'bw8', diameter=(9, 11), invert=True, preprocess=False)
    add('bw8_d9_11_iter1', 'bw8', diameter=(9, 11), invert=True, max_iterations=1)
    add('bw16_d9_11', 'bw16', diameter=(9, 11), invert=True)
    add('bwf_d9_11', 'bwf', diameter=(9, 11), invert=True)
    add('bwf_d9_11_nopre', 'bwf', diameter=(9, 11), invert=True, preprocess=False)
    # volumes, 8-bit
    add('iso8c_d7', 'iso8c', diameter=(7, 7, 7), minmass=1000)
    add('iso8c_d7_scalar', 'iso8c', diameter=7)
    add('iso8c_d5_7_7', 'iso8c', diameter=(5, 7, 7))
    add('iso8c_d7_sep_noise_smooth', 'iso8c', diameter=(7, 7, 7), separation=(5, 8, 8),
        noise_size=(1, 1.5, 1.5), smoothing_size=(9, 11, 11))
    add('iso8c_d7_noise0z', 'iso8c', diameter=7, noise_size=(0, 1, 1))
    # a dilation box of side int(2 * 0.5 / sqrt(3)) = 0 along z (scipy: as 1); separation 0: no duplicates removed
    add('iso8c_d7_sep0.5_8_8', 'iso8c', diameter=7, separation=(0.5, 8, 8))
    add('iso8c_d7_sep0_8_8', 'iso8c', diameter=7, separation=(0, 8, 8))
    add('iso8c_d7_nochar', 'iso8c', diameter=7, characterize=False)
    add('iso8c_d7_topn5', 'iso8c', diameter=7, topn=5)
    add('iso8c_d7_nopre', 'iso8c', diameter=7, preprocess=False)
    add('iso8c_d7_pct90', 'iso8c', diameter=7, percentile=90)
    add('iso8c_d7_thr5', 'iso8c', diameter=7, threshold=5)
    add('iso8c_d7_iter1', 'iso8c', diameter=7, max_iterations=1)
    add('iso8c_d7_invert', 'iso8c', diameter=7, invert=True)
    add('iso8c_d7_maxsize', 'iso8c', diameter=7, maxsize=2.1)
    # volumes, 16-bit and float
    add('aniso16c_d5_9_9', 'aniso16c', diameter=(5, 9, 9))
    add('aniso16c_d5_9_9_mm5000', 'aniso16c', diameter=(5, 9, 9), minmass=5000)
    add('aniso16c_d5_9_9_nochar', 'aniso16c', diameter=(5, 9, 9), characterize=False)
    add('aniso16c_d3_7_7_sep', 'aniso16c', diameter=(3, 7, 7), separation=(3, 6, 6))
    add('anisof_d5_9_9', 'anisof', diameter=(5, 9, 9))
    add('anisof_d5_9_9_nopre', 'anisof', diameter=(5, 9, 9), preprocess=False)
    add('anisof_d5_9_9_topn4', 'anisof', diameter=(5, 9, 9), topn=4)
    # topn on exactly tied masses: numpy's introsort picks the rows
    add('ties2d_d7_topn5', 'ties2d', diameter=7, topn=5)
    add('ties2d_d7_topn20', 'ties2d', diameter=7, topn=20)
    add('ties2d_d7_topn0', 'ties2d', diameter=7, topn=0)
    add('ties2d_d7_9_topn7', 'ties2d', diameter=(7, 9), topn=7)
    add('ties3d_d5_topn7', 'ties3d', diameter=5, topn=7)
    add('ties3d_d5_topn40', 'ties3d', diameter=5, topn=40)
    add('ties3d_d5_7_7_topn3', 'ties3d', diameter=(5, 7, 7), topn=3)
    # parameters trackpy refuses, and what we refuse
    add('err_even_axis', 'iso8c', 'error', diameter=(5, 8, 9))
    add('err_maxsize_aniso', 'iso8c', 'error', diameter=(5, 9, 9), maxsize=3)
    add('err_two_values_on_volume', 'iso8c', 'error', diameter=(5, 9))
    add('err_three_values_on_plane', 'bw8', 'error', diameter=(5, 9, 9))
    add('err_separation_count', 'iso8c', 'error', diameter=7, separation=(8, 8))
    add('err_noise_ge_smooth_axis', 'iso8c', 'error', diameter=(7, 7, 7), noise_size=(3, 1, 1), smoothing_size=(3, 9, 9))
    add('refuse_larger_than_volume', 'iso8c', 'refuse', diameter=(21, 7, 7))
    return c


def nd_fmt_value(v):
    if isinstance(v, tuple):
        return ','.join(repr(x) for x in v)
    return fmt_value(v)


def nd_locate_all(frames, kw, engine, fix_609=True):
    import trackpy.feature as tpf
    original = tpf.pandas_concat

    def fixed(objs, *a, **k):
        if k.get('axis') == 1 and len(objs) == 2:
            objs = [objs[0], objs[1].set_index(objs[0].index)]
        return original(objs, *a, **k)

    tpf.pandas_concat = fixed if fix_609 else original
    try:
        out = []
        for i, fr in enumerate(frames):
            f = tp.locate(fr, engine=engine, **kw)
            f = f.reset_index(drop=True)
            f.insert(0, 'frame', i)
            out.append(f)
        return pd.concat(out, ignore_index=True)
    finally:
        tpf.pandas_concat = original


def nd_run_case(frames, kw):
    results = {}
    for engine in ('numba', 'python'):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter('ignore')
                results[engine] = nd_locate_all(frames, kw, engine)
        except Exception as e:  # noqa: BLE001 - recording trackpy's outcome
            results[engine] = '%s: %s' % (type(e).__name__, e)
    n, p = results['numba'], results['python']
    if isinstance(n, str) and isinstance(p, str):
        return None, None, 'trackpy: ' + p
    if isinstance(n, str):
        table, engine, note = p, 'python', 'numba engine fails (%s)' % n
    elif isinstance(p, str):
        table, engine, note = n, 'numba', 'python engine fails (%s)' % p
    else:
        table, engine, note = n, 'numba', compare_engines(n, p) if list(n.columns) == list(p.columns) else 'engines differ in columns'
    eps = [c for c in table.columns if c.startswith('ep_')]
    if eps:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            raw = nd_locate_all(frames, kw, engine, fix_609=False)
        wrong = len(table) if len(raw) != len(table) else int(
            (~np.isclose(raw[eps].values, table[eps].values, equal_nan=True)).any(axis=1).sum())
        note += '; trackpy\'s own ep join (#609) gets %d of %d rows wrong' % (wrong, len(table))
    return table, engine, note


def argsort_input(n, k, nan):
    """Deterministic float64 input with many ties (k distinct values), NaN at every 11th if nan."""
    v = np.array([float(((i * 7919 + 13) % 1009) % k) for i in range(n)])
    if nan:
        v[::11] = np.nan
    return v


def write_argsorts(out):
    """numpy's argsort (quicksort = introsort, and heapsort) of tie-rich inputs, for NumpySortTest."""
    with open(os.path.join(out, 'argsort.tsv'), 'w') as f:
        f.write('# numpy %s argsort of argsort_input(n, k, nan) (scripts/reference/make_references.py)\n' % np.__version__)
        f.write('kind\tn\tk\tnan\tindices\n')
        for kind in ('quicksort', 'heapsort'):
            for n in (1, 2, 5, 16, 17, 18, 40, 100, 300, 1000):
                for k in ((3,) if n > 300 else (1, 2, 3, 10, 1009)):
                    for nan in (False, True):
                        idx = np.argsort(argsort_input(n, k, nan), kind=kind)
                        f.write('%s\t%d\t%d\t%s\t%s\n' % (kind, n, k, nan, ','.join(map(str, idx))))


def main_nd(args):
    out = os.path.join(args.out, 'nd')
    os.makedirs(os.path.join(out, 'images'), exist_ok=True)
    os.makedirs(os.path.join(out, 'cases'), exist_ok=True)
    write_argsorts(out)
    images = {}
    for name, arr in nd_images(args.shared).items():
        path = os.path.join(out, 'images', name + '.tif')
        if name.startswith('ties2d'):
            tifffile.imwrite(path, arr, imagej=True)
        else:
            tifffile.imwrite(path, arr, imagej=True, metadata={'axes': 'TZYX'})
        back = tifffile.imread(path).reshape(arr.shape)
        assert back.dtype == arr.dtype and np.array_equal(back, arr), name
        images[name] = ('nd/images/%s.tif' % name, back)
    for name in ('bw8', 'bw16', 'bwf'):
        images[name] = ('images/%s.tif' % name, tifffile.imread(os.path.join(args.out, 'images', name + '.tif')))
    rows = []
    for name, image, kw, expected in nd_cases():
        rel, frames = images[image]
        table, engine, note = nd_run_case(frames, kw)
        if expected == 'error' and table is not None:
            sys.exit('%s: expected trackpy to fail, it returned %d features' % (name, len(table)))
        if expected == 'table' and table is None:
            sys.exit('%s: trackpy failed: %s' % (name, note))
        if table is not None:
            table.to_csv(os.path.join(out, 'cases', name + '.csv'), index=False)
            note = ('%d features; ' % len(table)) + note
        ndim = frames.ndim - 1
        params = ' '.join('%s=%s' % (k, nd_fmt_value(v)) for k, v in kw.items())
        rows.append((name, rel, str(ndim), str(frames.dtype), params, expected, engine or '-', note.strip('; ')))
        print('%-30s %-8s %s' % (name, expected, note))
    with open(os.path.join(out, 'manifest.tsv'), 'w') as f:
        f.write('# trackpy %s (%s), numpy %s, scipy %s, pandas %s, numba %s\n' % (
            tp.__version__, trackpy_commit(), np.__version__, __import__('scipy').__version__,
            pd.__version__, numba_version()))
        f.write('# generated by scripts/reference/make_references.py --nd, NPY_DISABLE_CPU_FEATURES=%s\n'
                % os.environ.get('NPY_DISABLE_CPU_FEATURES'))
        f.write('case\timage\tndim\tpixels\tparameters\texpected\tengine\tnotes\n')
        for r in rows:
            f.write('\t'.join(r) + '\n')



def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--shared', default='../shared')
    ap.add_argument('--out', default='src/test/resources/reference')
    ap.add_argument('--nd', action='store_true',
                    help='the N-dimensional cases (volumes, per-axis parameters) into <out>/nd/')
    args = ap.parse_args()
    check_exp_is_libm()
    if args.nd:
        main_nd(args)
        return

    os.makedirs(os.path.join(args.out, 'images'), exist_ok=True)
    os.makedirs(os.path.join(args.out, 'cases'), exist_ok=True)
    images = make_images(args.shared)
    for name, arr in images.items():
        path = os.path.join(args.out, 'images', name + '.tif')
        tifffile.imwrite(path, arr, imagej=True)
        back = tifffile.imread(path).reshape(arr.shape)
        assert back.dtype == arr.dtype and np.array_equal(back, arr), name
        images[name] = back

    rows = []
    for name, image, kw, expected in cases():
        table, engine, note = run_case(images[image], kw)
        if expected == 'error' and table is not None:
            sys.exit('%s: expected trackpy to fail, it returned %d features' % (name, len(table)))
        if expected != 'error' and table is None:
            sys.exit('%s: trackpy failed: %s' % (name, note))
        if table is not None:
            table.to_csv(os.path.join(args.out, 'cases', name + '.csv'), index=False)
            note = ('%d features; ' % len(table)) + note
        params = ' '.join('%s=%s' % (k, fmt_value(v)) for k, v in kw.items())
        rows.append((name, image, str(images[image].dtype), params, expected, engine or '-', note.strip('; ')))
        print('%-28s %-16s %s' % (name, expected, note))

    with open(os.path.join(args.out, 'manifest.tsv'), 'w') as f:
        f.write('# trackpy %s (%s), numpy %s, scipy %s, pandas %s, numba %s\n' % (
            tp.__version__, trackpy_commit(), np.__version__, __import__('scipy').__version__,
            pd.__version__, numba_version()))
        f.write('# generated by scripts/reference/make_references.py, NPY_DISABLE_CPU_FEATURES=%s\n'
                % os.environ.get('NPY_DISABLE_CPU_FEATURES'))
        f.write('case\timage\tpixels\tparameters\texpected\tengine\tnotes\n')
        for r in rows:
            f.write('\t'.join(r) + '\n')


def trackpy_commit():
    """The commit of the trackpy checkout, if it is a git work tree; else 'unknown'."""
    src = os.path.dirname(os.path.dirname(os.path.abspath(tp.__file__)))
    commit = os.environ.get('TRACKPY_COMMIT')
    if commit:
        return commit
    try:
        return subprocess.check_output(['git', '-C', src, 'rev-parse', 'HEAD'],
                                       stderr=subprocess.DEVNULL, text=True).strip()
    except (OSError, subprocess.CalledProcessError):
        return 'commit unknown'


def numba_version():
    try:
        import numba
        return numba.__version__
    except ImportError:
        return 'absent'


if __name__ == '__main__':
    main()
