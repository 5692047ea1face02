import json, sys, collections
# usage: jfrtop.py samples.json
d = json.load(open(sys.argv[1]))
ev = d["recording"]["events"]
by_thread = collections.Counter()
top_server = collections.Counter(); top_client = collections.Counter()
incl_server = collections.Counter()
n_server = n_client = 0
def fname(f):
    m = f["method"]; return m["type"]["name"] + "." + m["name"]
for e in ev:
    v = e["values"]; th = v["sampledThread"]["javaName"] or v["sampledThread"].get("osName") or "?"
    frames = v["stackTrace"]["frames"] if v.get("stackTrace") else []
    if not frames: continue
    names = [fname(f) for f in frames]
    server = th.startswith("fakeguru-http") or th.startswith("qtp")
    by_thread[th.rstrip("0123456789")] += 1
    if server:
        n_server += 1; top_server[names[0]] += 1
        for n in set(names): incl_server[n] += 1
    else:
        n_client += 1; top_client[names[0]] += 1
tot = n_server + n_client
print(f"samples {tot}: server(jetty threads) {n_server} ({100*n_server/tot:.1f}%), other {n_client} ({100*n_client/tot:.1f}%)")
print("threads:", by_thread.most_common(8))
print("\n-- top frames, server threads (share of server samples)")
for k,c in top_server.most_common(25): print(f"{100*c/n_server:5.1f}%  {k}")
print("\n-- inclusive, server threads, fakeguru/jetty frames (share of server samples)")
for k,c in incl_server.most_common(400):
    if "fakeguru" in k or "Conversation" in k or "HttpFront" in k:
        print(f"{100*c/n_server:5.1f}%  {k}")
print("\n-- top frames, other threads (share of other samples)")
for k,c in top_client.most_common(15): print(f"{100*c/n_client:5.1f}%  {k}")
