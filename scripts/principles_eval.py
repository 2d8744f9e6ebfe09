#!/usr/bin/env python3
"""The principles check measured on real history (docs/principles.md, "Measured on real history").

Reads conformance/eval/principles/{commits,expected,labels}.tsv, runs the kit's `principles --format json` on
each commit of the chosen split (parent..commit) in a local mirror of its repository, and prints per rule family
(LISTEN-WILDCARD, SECRET-TO-ARGV, ...) and overall: true and false positives among the labelled findings,
findings nobody labelled, findings expected but not produced, precision and recall.

Only labels and commit ids live in this repository; the code is read from mirrors (bare clones) found under
--mirrors as owner+name/repo or owner+name.git. A missing mirror is skipped with a message, or cloned when
--fetch is given and the network allows it. Standard library only.
"""
import argparse
import collections
import csv
import json
import os
import subprocess
import sys


def read_tsv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.reader(handle, delimiter="\t") if r and not r[0].startswith("#")]
    return rows


def mirror_of(mirrors, repo, fetch):
    name = repo.replace("/", "+")
    for candidate in (os.path.join(mirrors, name, "repo"), os.path.join(mirrors, name + ".git"), os.path.join(mirrors, name)):
        if os.path.isdir(candidate) and subprocess.run(["git", "-C", candidate, "rev-parse", "--git-dir"], capture_output=True).returncode == 0:
            return candidate
    if fetch:
        target = os.path.join(mirrors, name + ".git")
        if subprocess.run(["git", "clone", "--quiet", "--bare", f"https://github.com/{repo}.git", target]).returncode == 0:
            return target
    return None


def family(rule):
    return rule.split("-", 1)[1]


def same_commit(a, b):
    return a.startswith(b) or b.startswith(a)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kit", required=True)
    parser.add_argument("--data", default="conformance/eval/principles")
    parser.add_argument("--mirrors", default=os.environ.get("PRINCIPLES_MIRRORS", "/work/.mirror"))
    parser.add_argument("--split", default="heldout", choices=["heldout", "tune", "all"])
    parser.add_argument("--fetch", action="store_true")
    parser.add_argument("--dump", help="write every produced finding (repo, commit, path, rule, level, line, evidence) here as TSV")
    args = parser.parse_args()

    commits = [r for r in read_tsv(os.path.join(args.data, "commits.tsv")) if args.split == "all" or r[2] == args.split]
    expected = read_tsv(os.path.join(args.data, "expected.tsv"))
    labels = read_tsv(os.path.join(args.data, "labels.tsv"))

    produced = set()
    dump = []
    used, skipped = [], collections.Counter()
    for repo, commit, split, kind, *_ in commits:
        mirror = mirror_of(args.mirrors, repo, args.fetch)
        if mirror is None:
            skipped[repo] += 1
            continue
        run = subprocess.run([args.kit, "principles", "--repo", mirror, "--base", commit + "^", "--head", commit, "--format", "json"],
                             capture_output=True, text=True)
        if run.returncode not in (0, 1):
            print(f"{repo} {commit}: the check could not run: {run.stderr.strip()}", file=sys.stderr)
            skipped[repo] += 1
            continue
        used.append((repo, commit))
        for f in json.loads(run.stdout)["findings"]:
            if f["inTestCode"]:
                continue
            produced.add((repo, commit, f["path"], f["rule"]))
            dump.append((repo, commit[:10], f["path"], f["rule"], f["level"], str(f["line"]) + ("-" if f["removed"] else ""), f["evidence"]))

    for repo, count in sorted(skipped.items()):
        print(f"skipped {count} commit(s) of {repo}: no mirror under {args.mirrors} (fetch github:{repo} there, or pass --fetch)")
    if not used:
        print("No mirror found: nothing measured.")
        return 0

    in_scope = lambda repo, commit: any(r == repo and same_commit(c, commit) for r, c in used)
    verdicts = {}
    for repo, commit, path, rule, verdict, *_ in labels:
        if in_scope(repo, commit):
            verdicts[(repo, commit, path, rule)] = verdict
    wanted = {(r, c, p, rule) for r, c, p, rule, *_ in expected if in_scope(r, c)}
    wanted |= {k for k, v in verdicts.items() if v == "tp"}

    def find(unit, pool):
        repo, commit, path, rule = unit
        return next((u for u in pool if u[0] == repo and same_commit(u[1], commit) and u[2] == path and u[3] == rule), None)

    rows = collections.defaultdict(lambda: [0, 0, 0, 0])  # tp, fp, unlabelled, fn
    for unit in produced:
        label = find(unit, verdicts.keys())
        row = rows[family(unit[3])]
        if label is not None and verdicts[label] == "fp":
            row[1] += 1
        elif label is not None or find(unit, wanted) is not None:
            row[0] += 1  # labelled true, or expected before the run
        else:
            row[2] += 1
    for unit in wanted:
        if find(unit, produced) is None:
            rows[family(unit[3])][3] += 1

    repos = sorted({r for r, _ in used})
    print(f"Principles check on real history, split {args.split}: {len(used)} commits from {len(repos)} repositories ({', '.join(repos)}).")
    print(f"{'family':<24} {'TP':>4} {'FP':>4} {'unlab':>5} {'FN':>4} {'precision':>9} {'recall':>7}")
    total = [0, 0, 0, 0]
    for name in sorted(rows):
        tp, fp, unl, fn = rows[name]
        total = [a + b for a, b in zip(total, rows[name])]
        print(f"{name:<24} {tp:>4} {fp:>4} {unl:>5} {fn:>4} {ratio(tp, tp + fp):>9} {ratio(tp, tp + fn):>7}")
    tp, fp, unl, fn = total
    print(f"{'all':<24} {tp:>4} {fp:>4} {unl:>5} {fn:>4} {ratio(tp, tp + fp):>9} {ratio(tp, tp + fn):>7}")
    print("A finding is a (commit, file, rule) outside test code; precision counts labelled findings only, recall counts expected and true findings.")
    if args.dump:
        with open(args.dump, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, delimiter="\t", lineterminator="\n").writerows(sorted(dump))
    return 0


def ratio(a, b):
    return f"{a / b:.2f}" if b else "-"


if __name__ == "__main__":
    sys.exit(main())
