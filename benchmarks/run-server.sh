#!/usr/bin/env bash
# Benchmarks the wire endpoint: builds benchmarks/target/benchmarks.jar, installs kinesalite (pinned in
# benchmarks/kinesalite/package-lock.json) and starts it in memory on 127.0.0.1, runs the endpoint benchmarks
# (io.embeddedkinesis.benchmarks.server) against kinesis-server, kinesalite and the canned endpoint, stops
# kinesalite and prints the comparison table.
#
#   benchmarks/run-server.sh                                # everything, with the settings annotated on each class
#   benchmarks/run-server.sh ServerPutRecordsBenchmark      # one class (a JMH regex)
#   benchmarks/run-server.sh -f 1 -wi 2 -i 2 -r 1s -w 1s    # a quick, indicative run
#
# Arguments go to JMH unchanged (java -jar benchmarks.jar -h lists them). The JSON results are kept in
# benchmarks/target/jmh-server-result.json and kinesalite's output in benchmarks/target/kinesalite.log;
# benchmarks/server-ratios.py prints the table from any such result file.
set -euo pipefail

cd "$(dirname "$0")/.."
for tool in python3 node npm; do
    if ! command -v "$tool" >/dev/null; then
        echo "run-server.sh needs $tool" >&2
        exit 1
    fi
done

mvn -B -q -pl benchmarks -am package -DskipTests
# kinesalite runs in memory, so its optional LevelDB binding (a native module) is left out.
npm ci --prefix benchmarks/kinesalite --omit=optional --no-audit --no-fund --loglevel=error

log=benchmarks/target/kinesalite.log
node benchmarks/kinesalite/listen.js >"$log" 2>&1 &
kinesalite_pid=$!
# Stop kinesalite however this script ends; it is this script's own child, ended by its process id.
trap 'kill "$kinesalite_pid" 2>/dev/null || true; wait "$kinesalite_pid" 2>/dev/null || true' EXIT
trap 'exit 130' INT TERM

endpoint=
for _ in $(seq 100); do
    endpoint=$(head -n 1 "$log")
    if [[ $endpoint == http://* ]]; then
        break
    fi
    if ! kill -0 "$kinesalite_pid" 2>/dev/null; then
        break
    fi
    sleep 0.1
done
if [[ $endpoint != http://* ]]; then
    echo "kinesalite did not start; its output:" >&2
    cat "$log" >&2
    exit 1
fi
kinesalite_version=$(node -p "require('./benchmarks/kinesalite/node_modules/kinesalite/package.json').version")
echo "kinesalite $kinesalite_version listening at $endpoint"

# The broker's benchmarks (io.embeddedkinesis.benchmarks.core) are run.sh's.
results=benchmarks/target/jmh-server-result.json
KINESALITE_ENDPOINT=$endpoint java -jar benchmarks/target/benchmarks.jar -e 'io\.embeddedkinesis\.benchmarks\.core\.' \
    -rf json -rff "$results" "$@"

echo
echo "Endpoints over loopback, same run ($(nproc) CPUs, $(java -version 2>&1 | head -n 1), node $(node --version)," \
    "kinesalite $kinesalite_version):"
python3 benchmarks/server-ratios.py "$results"
