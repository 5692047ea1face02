#!/usr/bin/env python3
"""Medians and means of the measured iterations per server in a PostAgentProfileBenchmark output."""
import re, statistics, sys

for path in sys.argv[1:]:
    runs, server = {}, None
    for line in open(path):
        m = re.match(r"# Parameters: \(profile = (\w+), server = (\w+)\)", line)
        if m:
            server = m.group(2)
        m = re.match(r"Iteration\s+\d+: ([\d.]+) ops/s", line)
        if m and server:
            runs.setdefault(server, []).append(float(m.group(1)))
    print(path)
    for s, xs in runs.items():
        print(f"  {s}: n={len(xs)} median {statistics.median(xs):.1f} mean {statistics.mean(xs):.1f} "
              f"min {min(xs):.1f} max {max(xs):.1f} ops/s")
    if "fake" in runs and "wiremock" in runs:
        f, w = runs["fake"], runs["wiremock"]
        print(f"  fake/wiremock: medians {statistics.median(f)/statistics.median(w):.2f}x, "
              f"means {statistics.mean(f)/statistics.mean(w):.2f}x")
