#!/usr/bin/env python3
"""Shares of the fake's server-thread CPU samples by what they do, from
`jfr print --json --events jdk.ExecutionSample <file.jfr>` (as Round 2's categories.py, with the
quota check's new methods, and the decode split out)."""
import collections, json, sys

d = json.load(open(sys.argv[1]))
c = collections.Counter(); top = collections.Counter(); n = 0; total = 0
for e in d["recording"]["events"]:
    v = e["values"]; total += 1
    th = v["sampledThread"]["javaName"] or ""
    if not th.startswith("fakeguru-http"):
        continue
    st = v["stackTrace"]
    fr = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in st["frames"]]
    n += 1; top[fr[0]] += 1
    s = " ".join(fr)
    if "requireFits" in s or "nodesNeeded" in s or "nodesAtMost" in s:
        k = "quota and overflow checks (requireFits, nodesAtMost/nodesNeeded, totals)"
    elif "jackson" in s and "ProfileReader" in s:
        k = "decode: Jackson (tokens, names, numbers)"
    elif "ProfileReader" in s or "ProfileDecoder" in s or "TokenStreams" in s or "PostedProfile" in s:
        k = "decode: the reader and the post's tree (ProfileReader, DecodedTree, MergeTree)"
    elif "Group.add" in s or "MergeTree" in s or "ProfileAggregator" in s:
        k = "merge into buckets (Group.add, MergeTree.mergeInto)"
    elif "Journal" in s or "Recordings" in s:
        k = "record (Journal, Recordings)"
    else:
        k = "transport and the rest (Jetty, Conversation, Dispatch, handler)"
    c[k] += 1
print(f"execution samples {total}, on fakeguru-http threads {n}")
for k, x in c.most_common():
    print(f"{100 * x / n:5.1f}%  {k}")
print("-- top frames, fakeguru-http threads")
for k, x in top.most_common(20):
    print(f"{100 * x / n:5.1f}%  {k}")
