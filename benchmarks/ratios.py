#!/usr/bin/env python3
"""Prints each library score of a JMH JSON result file divided by its baseline from the same run.

A baseline is a benchmark method whose name starts with "baseline", in the same class as the library
method. It matches a library result when every parameter it has (e.g. dataSizeBytes) has the same value
in the library result; parameters only the library has (e.g. shardCount) do not matter.

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
            rows.append((f"{class_name}.{method}", params, f"{library['score']:,.0f}", "-", "no baseline"))
            continue
        raw = baseline["primaryMetric"]
        ratio = library["score"] / raw["score"]
        errors = [relative_error(library), relative_error(raw)]
        text = f"{ratio:.2f}x"
        if None not in errors:
            text += f" ± {ratio * math.sqrt(errors[0] ** 2 + errors[1] ** 2):.2f}"
        rows.append((f"{class_name}.{method} / {split(baseline)[1]}", params,
                     f"{library['score']:,.0f}", f"{raw['score']:,.0f}", text))

    header = ("library / baseline", "params", "library ops/s", "baseline ops/s", "ratio")
    widths = [max(len(row[i]) for row in rows + [header]) for i in range(len(header))]
    for row in [header] + rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
