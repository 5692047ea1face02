#!/bin/sh
# PostAgentProfileBenchmark, JVM-sized profile, the README's steady-state settings, with the load.
#   e2e-run.sh <out file> <jar>
out=$1; jar=$2
{
  echo "jar $jar, commit $(git rev-parse --short HEAD); before: $(uptime)"
  java -Djmh.ignoreLock=true -jar "$jar" PostAgentProfileBenchmark -p profile=jvm \
    -f 2 -wi 12 -w 5s -i 5 -r 5s -jvmArgsAppend -Xmx16g
  echo "after: $(uptime)"
} > "$out" 2>&1
