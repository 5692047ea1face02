# Splits the collapsed JFR stacks of GetProfileBenchmark.getProfileAfterPostInRange (1k-hourly, JSON)
# into the fake's and the client's parts: python3 get-categories.py get-1k-json-after-post-in-range.collapsed
import collections, sys
cats = [
    ('setup: the post before each read (not measured)', lambda fr: any('postOne' in f or 'postAgentProfile' in f for f in fr)),
    ('server: aggregate (merge the post, buildReusing)', lambda fr: any('aggregatedProfile' in f or 'ProfileAggregator' in f for f in fr) and not any('ProfileEncoder' in f for f in fr)),
    ('server: encode', lambda fr: any('ProfileEncoder' in f for f in fr)),
    ('server: rest (transport, dispatch)', lambda fr: any('dev.fakeguru.internal' in f for f in fr)),
    ('client: SDK unmarshal', lambda fr: any('software.amazon' in f for f in fr) and any(('unmarshall' in f.lower() or 'jackson' in f.lower()) for f in fr)),
    ('client: SDK rest (signing, pipeline, HTTP)', lambda fr: any('software.amazon' in f or 'org.apache.http' in f for f in fr)),
    ('jetty / JMH / other', lambda fr: True)]
c = collections.Counter(); tot = 0
for line in open(sys.argv[1]):
    st, n = line.rsplit(' ', 1); n = int(n); fr = st.split(';'); tot += n
    for name, p in cats:
        if p(fr):
            c[name] += n; break
measured = tot - c[cats[0][0]]
print('samples', tot)
for name, _ in cats:
    share = 0 if name.startswith('setup') else 100 * c[name] / measured
    print('%5.1f%% of all, %5.1f%% of the measured: %s' % (100 * c[name] / tot, share, name))
