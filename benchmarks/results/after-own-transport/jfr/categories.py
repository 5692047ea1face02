import json, collections, sys
d=json.load(open(sys.argv[1]))
c=collections.Counter(); n=0; trunc=0
for e in d["recording"]["events"]:
    v=e["values"]; th=v["sampledThread"]["javaName"] or ""
    if not th.startswith("fakeguru-http"): continue
    st=v["stackTrace"]; fr=[f["method"]["type"]["name"]+"."+f["method"]["name"] for f in st["frames"]]
    n+=1; trunc+= 1 if st.get("truncated") else 0
    s=" ".join(fr)
    if "requireFits" in s or "nodesNeeded" in s: k="quota check before the merge (requireFits/nodesNeeded/totals)"
    elif "ProfileReader" in s or "ProfileDecoder" in s or "TokenStreams" in s or "jackson" in s: k="decode (ProfileReader/Jackson)"
    elif "Group.add" in s or "MergeTree" in s or "ProfileAggregator" in s: k="merge into buckets (Group.add/MergeTree)"
    elif "Journal" in s or "Recordings" in s: k="record (Journal/Recordings)"
    elif "GC" in s: k="gc"
    else: k="transport and rest (Jetty, Conversation, Dispatch, handler)"
    c[k]+=1
print(f"server-thread samples {n}, truncated stacks {trunc}")
for k,x in c.most_common(): print(f"{100*x/n:5.1f}%  {k}")
