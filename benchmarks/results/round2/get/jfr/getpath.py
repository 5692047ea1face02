# usage: jfr print --json --events jdk.ExecutionSample X.jfr > s.json; python3 getpath.py s.json
# Splits the execution samples of a GetProfile benchmark by what they were doing: the server's
# GetProfile (merge of the buckets, building the immutable Profile, encoding, the rest of the
# handler and transport), the server's handling of the setup's posts (not measured by JMH), the
# benchmark thread (the SDK client: sending, receiving, parsing the answer) and the rest.
import json, sys, collections
d = json.load(open(sys.argv[1]))
c = collections.Counter(); n = 0
for e in d["recording"]["events"]:
    v = e["values"]; th = v["sampledThread"]["javaName"] or v["sampledThread"].get("osName") or "?"
    st = v.get("stackTrace")
    if not st or not st["frames"]: continue
    fr = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in st["frames"]]
    s = " ".join(fr); n += 1
    if th.startswith("fakeguru-http"):
        # JFR keeps the 64 innermost frames, so the handler may be cut off: judge by inner frames.
        if "postAgentProfile" in s or "ProfileDecoder" in s or "Group.add" in s: k = "server: setup's post (not measured)"
        elif "ProfileEncoder" in s: k = "server GetProfile: encode (ProfileEncoder)"
        elif "MergeTree.build" in s or "CallTreeNode$Builder" in s or "Profile$Builder" in s: k = "server GetProfile: build the immutable Profile (MergeTree.build)"
        elif "ProfileAggregator.aggregate" in s or "MergeTree" in s or "CombinedReads" in s: k = "server GetProfile: merge the buckets (MergeTree.mergeFrom, plan)"
        elif "ProfileQueryHandlers" in s: k = "server GetProfile: rest of the handler"
        else: k = "server: transport and dispatch (Jetty, Conversation, Dispatch)"
    elif "jmh-worker" in th:
        k = "benchmark thread: setup post (SDK)" if "postOne" in s else "benchmark thread: SDK GetProfile (send, receive, parse)"
    else:
        k = "other threads (" + th.rstrip("0123456789-") + ")"
    c[k] += 1
print(f"samples: {n}")
for k, x in sorted(c.items(), key=lambda kv: -kv[1]): print(f"{100*x/n:5.1f}%  {x:6d}  {k}")
