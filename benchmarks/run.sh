#!/usr/bin/env bash
# Builds benchmarks/target/benchmarks.jar, runs the broker's benchmarks and prints each library / baseline ratio.
# The endpoint benchmarks (io.embeddedkinesis.benchmarks.server) need kinesalite and are run-server.sh's.
#
#   benchmarks/run.sh                               # the broker's suite, with the settings annotated on each class
#   benchmarks/run.sh PutRecordBenchmark            # one class (a JMH regex)
#   benchmarks/run.sh -f 1 -wi 1 -i 2 -r 2s -w 2s   # a quick, indicative run
#
# Arguments go to JMH unchanged (java -jar benchmarks.jar -h lists them). The JSON results are kept in
# benchmarks/target/jmh-result.json; benchmarks/ratios.py prints the ratios from any such file.
set -euo pipefail

cd "$(dirname "$0")/.."
if ! command -v python3 >/dev/null; then
    echo "run.sh needs python3 to compute the ratios" >&2
    exit 1
fi

mvn -B -q -pl benchmarks -am package -DskipTests

results=benchmarks/target/jmh-result.json
java -jar benchmarks/target/benchmarks.jar -e 'io\.embeddedkinesis\.benchmarks\.server\.' -rf json -rff "$results" "$@"

echo
echo "Library / raw Chronicle Queue baseline, same run ($(nproc) CPUs, $(java -version 2>&1 | head -n 1)):"
python3 benchmarks/ratios.py "$results"
