#!/usr/bin/env python3
"""Prints each library score of a JMH JSON result file divided by its baseline from the same run.

A baseline is a benchmark method whose name starts with "baseline", in the same class as the library
method. It matches a library result when every parameter it has (e.g. dataSizeBytes) has the same value
in the library result; parameters only the library has (e.g. shardCount) do not matter.

Throughput results are operations per second (higher is better); sample-mode results (latency) are time
per operation (lower is better), and get a row each for their mean, p50 and p99. A ratio is always
library / baseline, in the result's own unit.

Usage: ratios.py jmh-result.json
"""
import json
import math
import sys


def split(result):
    class_name, method = result["benchmark"].rsplit(".", 1)
    return class_name.rsplit(".", 1)[-1], method


def find_baseline(result, baselines):
    params = result.get("params", {})
    matches = [b for b in baselines
               if all(params.get(name) == value for name, value in b.get("params", {}).items())]
    return matches[0] if len(matches) == 1 else None


def relative_error(metric):
    error = metric.get("scoreError")
    if not isinstance(error, (int, float)) or math.isnan(error) or metric["score"] == 0:
        return None
    return error / metric["score"]


def number(value):
    """A score as the table shows it: whole numbers for large ones, three significant digits for small ones."""
    return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"


def main(path):
    with open(path) as file:
        results = json.load(file)
    baselines = {}
    for result in results:
        class_name, method = split(result)
        if method.startswith("baseline"):
            baselines.setdefault(class_name, []).append(result)

    rows = []
    for result in results:
        class_name, method = split(result)
        if method.startswith("baseline"):
            continue
        params = ", ".join(f"{k}={v}" for k, v in sorted(result.get("params", {}).items()))
        library = result["primaryMetric"]
        baseline = find_baseline(result, baselines.get(class_name, []))
        if baseline is None:
            rows.append((f"{class_name}.{method}", params, number(library["score"]), "-",
                         library.get("scoreUnit", ""), "no baseline"))
            continue
        raw = baseline["primaryMetric"]
        unit = library.get("scoreUnit", "ops/s")
        name = f"{class_name}.{method} / {split(baseline)[1]}"
        ratio = library["score"] / raw["score"]
        errors = [relative_error(library), relative_error(raw)]
        text = f"{ratio:.2f}x"
        if None not in errors:
            text += f" ± {ratio * math.sqrt(errors[0] ** 2 + errors[1] ** 2):.2f}"
        label = "mean" if result.get("mode") == "sample" else ""
        rows.append(((name + " " + label).rstrip(), params, number(library["score"]), number(raw["score"]), unit,
                     text))
        if result.get("mode") == "sample":
            for percentile, label in (("50.0", "p50"), ("99.0", "p99")):
                lib = library["scorePercentiles"][percentile]
                base = raw["scorePercentiles"][percentile]
                rows.append((f"{name} {label}", params, number(lib), number(base), unit,
                             f"{lib / base:.2f}x" if base else "-"))

    header = ("library / baseline", "params", "library", "baseline", "unit", "ratio")
    widths = [max(len(row[i]) for row in rows + [header]) for i in range(len(header))]
    for row in [header] + rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
