#!/bin/sh
# PostPathAb of two jars under target/ab/ (built at the commits named in the README), with the load.
#   ab-run.sh <out file> <jar A> <jar B> <method> [rounds warmup batch]
out=$1; a=$2; b=$3; m=$4; rounds=${5:-30}; warm=${6:-20}; batch=${7:-100}
{
  echo "PostPathAb $a vs $b, $m, rounds $rounds warm-up $warm batch $batch"
  echo "commit $(git rev-parse --short HEAD); before: $(uptime)"
  java -Xms4g -Xmx4g -cp ${AB_DRIVER:-target/ab/driver.jar} dev.fakeguru.benchmarks.PostPathAb \
    "$a" "$b" "$m" "$rounds" "$warm" "$batch"
  echo "after: $(uptime)"
} > "$out" 2>&1
