#!/bin/sh
# Target 2 (GetProfile) measurement, from the repository root after
#   mvn -B -q -ntp -o -pl benchmarks -am package -DskipTests
# JAR overrides the jar (a copy, so that a rebuild during the run changes nothing).
JAR=${JAR:-benchmarks/target/fakeguru-benchmarks.jar}
OUT=benchmarks/results/round2/get
( while true; do echo "[load] $(date -u +%H:%M:%S) $(uptime)"; sleep 30; done ) > $OUT/load.txt &
LOAD=$!
java -Djmh.ignoreLock=true -jar $JAR 'GetProfileBenchmark.(getProfile|getProfileAfterPost|getProfileAfterPostInRange|encodeOnly)$' \
  -p format=JSON -p dataset=1k-hourly,10k-hourly -f 1 -wi 8 -w 1s -i 5 -r 1s > $OUT/get-json.txt 2>&1
java -Djmh.ignoreLock=true -jar $JAR 'GetProfileBenchmark.(getProfileAfterPost|getProfileAfterPostInRange|encodeOnly)$' \
  -p format=ION -p dataset=1k-hourly,10k-hourly -f 1 -wi 8 -w 1s -i 5 -r 1s > $OUT/get-ion.txt 2>&1
kill $LOAD
