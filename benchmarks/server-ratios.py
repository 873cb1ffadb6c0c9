#!/usr/bin/env python3
"""Prints the endpoint benchmarks of a JMH JSON result file as one table: kinesis-server, kinesalite and the
canned endpoint side by side for each operation and encoding, with kinesis-server's ratios to the other two
and the targets they are held to (reported, not asserted).

Results come from the classes in io.embeddedkinesis.benchmarks.server: a library method with a "target"
parameter (e.g. kinesis-server-json, kinesalite-json) and a baseline method, the canned endpoint, with an
"encoding" parameter. Throughput rows are records/s, where higher is better; latency rows are microseconds
per PutRecord call, where lower is better. A ratio is always kinesis-server / other. When the file also holds
PutRecordFloorBenchmark, the PutRecord p50 target's bound is set against the least a call can take on the machine.
kinesis-server has a row per JVM it ran in ("server JVM"): shared with the client (target kinesis-server-*) or its
own (kinesis-server-process-*); a class without either has no rows.

Usage: server-ratios.py jmh-result.json
"""
import json
import math
import sys

PACKAGE = "io.embeddedkinesis.benchmarks.server."
# PutRecordFloorBenchmark: the least a PutRecord call takes here, set against the p50 target (ROWS).
FLOOR_CLASS = "PutRecordFloorBenchmark"
P50_TARGET = 0.2
# (class, label, metric or percentile, unit, target vs kinesalite, target vs canned)
ROWS = [
    ("ServerPutRecordsBenchmark", "PutRecords (500 x 100 B)", None, "records/s", (">=", 20.0), (">=", 0.7)),
    ("ServerPutRecordBenchmark", "PutRecord p50", "50.0", "us", ("<=", P50_TARGET), None),
    ("ServerPutRecordBenchmark", "PutRecord p99", "99.0", "us", None, None),
    ("ServerGetRecordsBenchmark", "GetRecords (Limit 10,000)", None, "records/s", None, None),
]
ENCODINGS = ["json", "cbor"]
# kinesis-server in the benchmark's JVM (beside the client) and in a JVM of its own (java -jar, as users run it).
SERVER_TARGETS = [("kinesis-server", "shared"), ("kinesis-server-process", "own")]


def load(path):
    """Maps (class, target) to the result; the canned endpoint's target is canned-<encoding>."""
    with open(path) as file:
        results = json.load(file)
    found = {}
    for result in results:
        if not result["benchmark"].startswith(PACKAGE):
            continue
        class_name = result["benchmark"][len(PACKAGE):].split(".")[0]
        params = result.get("params", {})
        target = params.get("target") or "canned-" + params.get("encoding", "?")
        found[(class_name, target)] = result
    return found


def value(result, percentile):
    """The score (or a percentile of it), with its relative error when JMH gives one."""
    if result is None:
        return None, None
    metric = result["primaryMetric"]
    if percentile is not None:
        return metric["scorePercentiles"][percentile], None
    error = metric.get("scoreError")
    if not isinstance(error, (int, float)) or math.isnan(error) or metric["score"] == 0:
        return metric["score"], None
    return metric["score"], error / metric["score"]


def ratio(server, other):
    (a, a_err), (b, b_err) = server, other
    if a is None or b is None or b == 0:
        return None, "-"
    r = a / b
    text = f"{r:.2f}x"
    if a_err is not None and b_err is not None:
        text += f" ± {r * math.sqrt(a_err ** 2 + b_err ** 2):.2f}"
    return r, text


def check(r, target):
    if target is None or r is None:
        return ""
    op, bound = target
    met = r >= bound if op == ">=" else r <= bound
    return f"{op} {bound:g}x {'met' if met else 'MISSED'}"


def score_text(v):
    score, error = v
    if score is None:
        return "-"
    text = f"{score:,.0f}" if score >= 100 else f"{score:,.1f}"
    return text + (f" ± {error * 100:.0f}%" if error is not None else "")


def main(path):
    found = load(path)
    header = ("operation", "enc", "server JVM", "unit", "kinesis-server", "kinesalite", "canned",
              "server/kinesalite", "server/canned", "targets")
    rows = []
    for class_name, label, percentile, unit, vs_kinesalite, vs_canned in ROWS:
        for encoding in ENCODINGS:
            kinesalite = value(found.get((class_name, "kinesalite-" + encoding)), percentile)
            canned = value(found.get((class_name, "canned-" + encoding)), percentile)
            for server_target, jvm in SERVER_TARGETS:
                server = value(found.get((class_name, server_target + "-" + encoding)), percentile)
                if server[0] is None:
                    continue
                r_kinesalite, kinesalite_text = ratio(server, kinesalite)
                r_canned, canned_text = ratio(server, canned)
                targets = "; ".join(t for t in (check(r_kinesalite, vs_kinesalite), check(r_canned, vs_canned)) if t)
                rows.append((label, encoding, jvm, unit, score_text(server), score_text(kinesalite),
                             score_text(canned), kinesalite_text, canned_text, targets))
    if not rows:
        sys.exit(f"no endpoint benchmark results in {path}")
    widths = [max(len(row[i]) for row in rows + [header]) for i in range(len(header))]
    for row in [header] + rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    print()
    print("Ratios are kinesis-server / other: above 1 is faster for records/s, below 1 is faster for us.")
    print("Server JVM: shared runs kinesis-server in the benchmark's JVM, beside the client; own runs it in a JVM of")
    print("its own, as java -jar kinesis-server.jar serve does (kinesalite is a process of its own too).")
    print("Targets on the server/kinesalite ratio use kinesalite-json, the only encoding kinesalite answers in full.")
    print_floor(results_by_benchmark(path), found)


def results_by_benchmark(path):
    """Maps (method, encoding or None) to the results of PutRecordFloorBenchmark."""
    with open(path) as file:
        results = json.load(file)
    found = {}
    prefix = PACKAGE + FLOOR_CLASS + "."
    for result in results:
        if result["benchmark"].startswith(prefix):
            method = result["benchmark"][len(prefix):]
            found[(method, result.get("params", {}).get("encoding"))] = result
    return found


def print_floor(floor, found):
    """Sets the PutRecord p50 target's bound against the least a call can take here, when both were measured."""
    round_trip = value(floor.get(("baselineLoopbackRoundTrip", None)), "50.0")[0]
    kinesalite = value(found.get(("ServerPutRecordBenchmark", "kinesalite-json")), "50.0")[0]
    if round_trip is None or kinesalite is None:
        return
    bound = P50_TARGET * kinesalite
    print()
    print(f"PutRecord p50 target: <= {P50_TARGET:g}x kinesalite-json's {kinesalite:,.1f} us, so <= {bound:,.1f} us."
          " The floor under any endpoint is a bare loopback round trip")
    print(f"({round_trip:,.1f} us) plus the SDK's own work without HTTP; what the target leaves above it is for"
          " the HTTP client and the server together:")
    for encoding in ENCODINGS:
        sdk = value(floor.get(("sdkAlone", encoding)), "50.0")[0]
        if sdk is None:
            continue
        total = round_trip + sdk
        canned = value(found.get(("ServerPutRecordBenchmark", "canned-" + encoding)), "50.0")[0]
        line = (f"  {encoding}: floor {round_trip:,.1f} + {sdk:,.1f} = {total:,.1f} us; left for HTTP client and"
                f" server {bound - total:,.1f} us")
        if canned is not None:
            line += f"; the HTTP exchange with the canned endpoint adds {canned - total:,.1f} us"
        print(line + ("; below the floor: no endpoint can meet it here." if bound < total else "."))

if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
