"""Androguard's full analysis of one APK, as the dfslab benchmark's peer.

Usage: python3 bench/androguard-full.py <apk>
Runs AnalyzeAPK (manifest, resources, every DEX, the cross-reference Analysis) and then walks every
method's xrefs, like a scanner would. Prints one JSON line: seconds, peak RSS, counts.
"""
import json
import logging
import resource
import sys
import time

logging.disable(logging.CRITICAL)

t0 = time.perf_counter()
from androguard.misc import AnalyzeAPK  # noqa: E402

t_import = time.perf_counter() - t0
t1 = time.perf_counter()
a, d, dx = AnalyzeAPK(sys.argv[1])
t_analyze = time.perf_counter() - t1
t2 = time.perf_counter()
methods = 0
xrefs = 0
for m in dx.get_methods():
    methods += 1
    xrefs += len(list(m.get_xref_to()))
    xrefs += len(list(m.get_xref_from()))
t_xrefs = time.perf_counter() - t2
print(json.dumps({
    "importS": t_import,
    "analyzeS": t_analyze,
    "xrefsS": t_xrefs,
    "methods": methods,
    "xrefs": xrefs,
    "dex": len(d),
    "maxRssKiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
}))
