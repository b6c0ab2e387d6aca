#!/usr/bin/env python3
"""trackpy's own speed on the benchmark's files: the "trackpy numba, ms/frame"
column of docs/performance.md.

For every case of the Java benchmark (``scripts/benchmark.sh --generate``
writes the synthetic inputs and prints each case's file and options), this
reads the file with tifffile, converts the benchmark's command-line options
(``--diameter 5,9,9 --minmass 5000 --invert``) to trackpy's keywords and times
``trackpy.locate(frame, engine='numba', **keywords)`` one frame (or volume)
at a time, as the Java benchmark does: one thread, frames in memory, warm (a
first call compiles numba's code and is not timed), best and median of
``--rounds`` rounds over all frames.

trackpy is not part of the project: put a checkout of soft-matter/trackpy on
PYTHONPATH and use Debian's python with its numpy, scipy, pandas, numba and
tifffile (apt-get install python3-numpy python3-scipy python3-pandas
python3-numba python3-tifffile), from the project root:

    PYTHONPATH=/path/to/trackpy-checkout /usr/bin/python3 \\
        scripts/trackpy-timing/trackpy_timing.py [CASE...] [--rounds 5]

or give a file and options of your own:

    ... trackpy_timing.py --file movie.tif --diameter 11 --invert --minmass 20

trackpy imports ``looseversion``; where that package is missing, this script
provides a small stand-in (a version comparison on the numeric parts).

As for the references (scripts/reference/make_references.py), numpy's
AVX512F float64 exp is turned off (NPY_DISABLE_CPU_FEATURES), so that trackpy
finds the same features as our core; ``--numpy-default`` keeps numpy's own
choice.
"""
import os
import sys

# One thread for everything that could use more (numba, BLAS, OpenMP). Must be
# set before numpy/numba are imported.
for _var in ('NUMBA_NUM_THREADS', 'OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS'):
    os.environ.setdefault(_var, '1')
if '--numpy-default' not in sys.argv:
    os.environ.setdefault('NPY_DISABLE_CPU_FEATURES',
                          'AVX512F AVX512CD AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL')

import argparse  # noqa: E402
import platform  # noqa: E402
import re  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
import types  # noqa: E402
import warnings  # noqa: E402


def _looseversion_stand_in():
    """A module 'looseversion' whose LooseVersion compares the numeric parts."""
    module = types.ModuleType('looseversion')

    class LooseVersion:
        def __init__(self, text):
            self.parts = tuple(int(p) for p in re.findall(r'\d+', str(text))[:4])

        def __lt__(self, other):
            return self.parts < LooseVersion(other).parts if isinstance(other, str) else self.parts < other.parts

        def __le__(self, other):
            return not LooseVersion.__gt__(self, other)

        def __gt__(self, other):
            return self.parts > LooseVersion(other).parts if isinstance(other, str) else self.parts > other.parts

        def __ge__(self, other):
            return not LooseVersion.__lt__(self, other)

        def __eq__(self, other):
            return self.parts == (LooseVersion(other).parts if isinstance(other, str) else other.parts)

    module.LooseVersion = LooseVersion
    return module


try:
    import looseversion  # noqa: F401
except ImportError:
    sys.modules['looseversion'] = _looseversion_stand_in()

import numpy as np  # noqa: E402
import tifffile  # noqa: E402

import trackpy as tp  # noqa: E402

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))


def cases_from_benchmark():
    """{case: (file, options)} from ``scripts/benchmark.sh --generate`` (writes missing files)."""
    out = subprocess.run([os.path.join(ROOT, 'scripts', 'benchmark.sh'), '--generate'], cwd=ROOT,
                         check=True, capture_output=True, text=True).stdout
    cases = {}
    for line in out.splitlines():
        fields = line.split('\t')
        if len(fields) >= 3:
            path = fields[1] if os.path.isabs(fields[1]) else os.path.join(ROOT, fields[1])
            cases[fields[0]] = (path, fields[2].split())
    return cases


def keywords(options):
    """trackpy keywords from the command line's options: --noise-size 1 -> noise_size=1, --no-X -> X=False."""
    kw = {}
    i = 0
    while i < len(options):
        opt = options[i]
        if not opt.startswith('--'):
            raise SystemExit('trackpy_timing: error: unexpected ' + opt)
        name = opt[2:].replace('-', '_')
        if name.startswith('no_'):
            kw[name[3:]] = False
        elif name in ('invert', ):
            kw[name] = True
        else:
            i += 1
            text = options[i]
            if ',' in text:
                kw[name] = tuple(int(v) if float(v).is_integer() and name in ('diameter', 'smoothing_size') else float(v)
                                 for v in text.split(','))
            elif name in ('diameter', 'smoothing_size', 'topn', 'max_iterations'):
                kw[name] = int(text)
            else:
                kw[name] = float(text)
        i += 1
    return kw


def frames_of(path, ndim):
    """The frames (2D) or volumes (3D) of a file, as a list of arrays."""
    stack = tifffile.imread(path)
    if ndim == 2:
        if stack.ndim == 2:
            return [stack]
        return [np.ascontiguousarray(f) for f in stack.reshape((-1,) + stack.shape[-2:])]
    if stack.ndim == 3:
        return [stack]
    return [np.ascontiguousarray(v) for v in stack.reshape((-1,) + stack.shape[-3:])]


def time_case(name, path, kw, rounds, max_frames):
    ndim = len(kw['diameter']) if isinstance(kw['diameter'], tuple) else 2
    frames = frames_of(path, ndim)
    if max_frames:
        frames = frames[:max_frames]
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        tp.locate(frames[0], engine='numba', **kw)  # numba compiles here
        totals = []
        cpu = []
        features = 0
        for _ in range(rounds):
            t0 = time.perf_counter()
            c0 = time.process_time()
            features = 0
            for f in frames:
                # rows with a position: with a per-axis diameter trackpy (bug #609) appends rows of
                # NaN positions when it joins the per-axis ep columns
                features += int(tp.locate(f, engine='numba', **kw)['x'].notna().sum())
            totals.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
    n = len(frames)
    best = min(totals) * 1e3 / n
    median = statistics.median(totals) * 1e3 / n
    unit = 'volume' if ndim == 3 else 'frame'
    print('%s: %d %ss %s %s, %s: best %.1f, median %.1f ms/%s (%d rounds; CPU time best %.1f, median %.1f), %d features'
          % (name, n, unit, 'x'.join(map(str, frames[0].shape)), frames[0].dtype, kw, best, median, unit, rounds,
             min(cpu) * 1e3 / n, statistics.median(cpu) * 1e3 / n, features), flush=True)
    print('TRACKPY\t%s\t%.2f\t%.2f\t%d\t%.2f' % (name, best, median, features, min(cpu) * 1e3 / n), flush=True)


def cpu_model():
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('model name'):
                    return line.split(':', 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or 'CPU model unknown'


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('cases', nargs='*', help='benchmark cases (default: all)')
    parser.add_argument('--rounds', type=int, default=5, help='timed rounds over all frames (default 5)')
    parser.add_argument('--frames', type=int, default=0, help='only the first N frames')
    parser.add_argument('--file', help='time this file instead of the cases (then give the locate options)')
    parser.add_argument('--numpy-default', action='store_true', help="keep numpy's AVX512 exp")
    args, locate_options = parser.parse_known_args()
    import numba
    print('trackpy %s (%s), numpy %s, numba %s, python %s; %d cores, %s; one thread, numba engine; NPY_DISABLE_CPU_FEATURES=%s; load average %s'
          % (tp.__version__, os.path.dirname(tp.__file__), np.__version__, numba.__version__, platform.python_version(),
             os.cpu_count(), cpu_model(), os.environ.get('NPY_DISABLE_CPU_FEATURES', ''), '%.2f %.2f %.2f' % os.getloadavg()),
          flush=True)
    if args.file:
        time_case(os.path.basename(args.file), args.file, keywords(locate_options), args.rounds, args.frames)
        return
    if locate_options:
        parser.error('locate options only with --file (the cases have their own): ' + ' '.join(locate_options))
    cases = cases_from_benchmark()
    for name in args.cases or list(cases):
        if name not in cases:
            parser.error('unknown case %s (cases: %s)' % (name, ', '.join(cases)))
        path, options = cases[name]
        time_case(name, path, keywords(options), args.rounds, args.frames)
    print('load average at the end: %.2f %.2f %.2f' % os.getloadavg())


if __name__ == '__main__':
    main()
