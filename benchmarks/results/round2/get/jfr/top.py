# usage: jfr print --json --events jdk.ExecutionSample X.jfr > s.json; python3 top.py s.json [thread-prefix ...]
# Top (self) frames and inclusive shares of the execution samples of the threads whose name starts
# with one of the prefixes (default: every thread).
import json, sys, collections
d = json.load(open(sys.argv[1])); prefixes = sys.argv[2:]
top = collections.Counter(); incl = collections.Counter(); n = 0; threads = collections.Counter()
for e in d["recording"]["events"]:
    v = e["values"]; th = v["sampledThread"]["javaName"] or ""
    threads[th.rstrip("0123456789")] += 1
    if prefixes and not any(th.startswith(p) for p in prefixes): continue
    st = v.get("stackTrace")
    if not st or not st["frames"]: continue
    fr = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in st["frames"]]
    n += 1; top[fr[0]] += 1
    for x in set(fr): incl[x] += 1
print("threads (all samples):", threads.most_common(10))
print(f"samples counted: {n}")
print("-- top (self) frames")
for k, c in top.most_common(25): print(f"{100*c/n:5.1f}%  {k}")
print("-- inclusive")
for k, c in incl.most_common(60): print(f"{100*c/n:5.1f}%  {k}")
