import collections,sys
cats=[('decode: jackson', lambda fr: any('ProfileReader' in f for f in fr) and 'jackson' in fr[-1]),
      ('decode: PostTree/FrameNames', lambda fr: any('PostedProfile.decode' in f for f in fr) and any(('PostTree' in f or 'FrameNames' in f or 'UnicodeText' in f) for f in fr)),
      ('decode: other', lambda fr: any('ProfileReader' in f or 'PostedProfile.decode' in f for f in fr)),
      ('store (merge etc)', lambda fr: any('storeProfile' in f for f in fr)),
      ('dispatch other', lambda fr: any('Dispatch.dispatch' in f for f in fr)),
      ('conversation read body', lambda fr: any('onDataAvailable' in f for f in fr)),
      ('conversation other', lambda fr: any('dev.fakeguru.internal.http' in f for f in fr)),
      ('jetty', lambda fr: True)]
c=collections.Counter(); tot=0
for line in open(sys.argv[1]):
    st,n=line.rsplit(' ',1); n=int(n); fr=st.split(';'); tot+=n
    for name,p in cats:
        if p(fr): c[name]+=n; break
for name,_ in cats: print('%5.1f%% %s'%(100*c[name]/tot,name))
