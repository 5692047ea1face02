# usage: python3 summary.py get-json.txt [get-ion.txt ...]
# Per benchmark and dataset: mean ± 99.9% error, the measured iterations and their median; then the
# ratios asked by target 2 against encodeOnly of the same run (error of a ratio from the two
# intervals: (m1-e1)/(m2+e2) .. (m1+e1)/(m2-e2), unbounded when an interval reaches 0).
import re, sys, statistics
rows = {}
for path in sys.argv[1:]:
    bench = params = None; its = []
    for line in open(path):
        m = re.match(r"# Benchmark: .*GetProfileBenchmark\.(\w+)", line)
        if m: bench = m.group(1); its = []; continue
        m = re.match(r"# Parameters: \(dataset = ([\w-]+), format = (\w+)\)", line)
        if m: params = (m.group(1), m.group(2)); continue
        m = re.match(r"Iteration\s+\d+: ([\d.]+) ms/op", line)
        if m: its.append(float(m.group(1))); continue
        m = re.match(r"GetProfileBenchmark\.(\w+)\s+([\w-]+)\s+(\w+)\s+avgt\s+\d+\s+([\d.]+) ±\s+([\d.]+)\s+ms/op", line)
        if m: rows[(m.group(1), m.group(2), m.group(3))] = [float(m.group(4)), float(m.group(5)), None]
        if line.startswith("Result ") and bench: rows.setdefault(("_its", bench, params), its[:])
for (b, d, f), v in list(rows.items()):
    if b != "_its":
        v[2] = rows.get(("_its", b, (d, f)))
def fmt(k):
    m, e, its = rows[k]
    return f"{m:9.3f} ± {e:8.3f}  median {statistics.median(its):9.3f}  its {', '.join(f'{x:.2f}' for x in its)}"
keys = sorted(k for k in rows if k[0] != "_its")
for k in keys: print(f"{k[0]:28s} {k[1]:11s} {k[2]:5s} {fmt(k)}")
def ratio(a, b):
    (m1, e1, i1), (m2, e2, i2) = rows[a], rows[b]
    lo = (m1 - e1) / (m2 + e2); hi = "unbounded" if m2 - e2 <= 0 else f"{(m1 + e1) / (m2 - e2):.2f}"
    return f"{m1/m2:6.2f}x of means (interval {max(lo,0):.2f} .. {hi}), {statistics.median(i1)/statistics.median(i2):6.2f}x of medians"
print()
for f in ("JSON", "ION"):
    for d in ("1k-hourly", "10k-hourly"):
        for b in ("getProfile", "getProfileAfterPost", "getProfileAfterPostInRange"):
            if (b, d, f) in rows and ("encodeOnly", d, f) in rows:
                print(f"{b:28s} / encodeOnly   {d:11s} {f:5s} {ratio((b, d, f), ('encodeOnly', d, f))}")
    for b in ("encodeOnly", "getProfile", "getProfileAfterPost", "getProfileAfterPostInRange"):
        if (b, "1k-hourly", f) in rows and (b, "10k-hourly", f) in rows:
            print(f"{b:28s} 10k / 1k growth     {f:5s} {ratio((b, '10k-hourly', f), (b, '1k-hourly', f))}")
