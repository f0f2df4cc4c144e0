#!/usr/bin/env bash
# Scores year, template, agency, region and the linking of an agency's years on a synthetic corpus with known truth:
# N agencies × the years, a share of reports copied without their title (named without county or city).
# Prints: year/template/agency right, region right / unresolved / wrong, pairs of one agency's reports linked,
# pairs of two agencies merged.
# Usage: scripts/score-identity.sh [AGENCIES] [SEED] [UNTITLED_RATE] [YEARS]
set -euo pipefail
cd "$(dirname "$0")/.."
agencies="${1:-300}"; seed="${2:-7}"; rate="${3:-0.2}"; years="${4:-2021-2024}"
swift build -c release >/dev/null
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
.build/release/nianbao-synth --out "$dir/corpus" --agencies "$agencies" --years "$years" --seed "$seed" --untitled-rate "$rate" >/dev/null
.build/release/nianbao ingest "$dir/corpus" --db "$dir/db.sqlite" --quiet 2>/dev/null || true
.build/release/nianbao export reports --db "$dir/db.sqlite" > "$dir/reports.csv"
python3 - "$dir/corpus/truth.jsonl" "$dir/reports.csv" "$dir/corpus" <<'PY'
import csv, json, sys, itertools, os
truth = {}
for line in open(sys.argv[1], encoding="utf-8"):
    t = json.loads(line)
    truth[os.path.normpath(os.path.join(sys.argv[3], t["file"]))] = t
rows = {os.path.normpath(r["source"]): r for r in csv.DictReader(open(sys.argv[2], encoding="utf-8"))}
n = len(truth)
year = template = agency = 0
region_right = region_open = 0
wrong = []
by_truth, by_id = {}, {}
for path, t in truth.items():
    r = rows.get(path)
    if r is None:
        continue
    year += r["year"] == str(t["year"])
    template += r["template"] == ("2021" if t["year"] >= 2021 else "2019")
    agency += r["agency"] == (t.get("printedAs") or t["agency"])
    got = (r["province"], r["city"], r["county"], r["level"])
    want = (t.get("province") or "", t.get("city") or "", t.get("county") or "", t["level"])
    if got == want:
        region_right += 1
    elif not r["province"]:
        region_open += 1
    else:
        wrong.append((path, got, want))
    by_truth.setdefault(t["agency"], []).append(r["agency_id"])
    if r["agency_id"]:
        by_id.setdefault(r["agency_id"], set()).add(t["agency"])
pairs = linked = 0
for ids in by_truth.values():
    for a, b in itertools.combinations(ids, 2):
        pairs += 1
        linked += a == b and a != ""
merged = sum(1 for names in by_id.values() if len(names) > 1)
pct = lambda k, d: f"{k}/{d} ({100.0 * k / max(d, 1):.1f}%)"
print(f"reports {n}, read {len(rows)}")
print(f"year right {pct(year, n)}; template right {pct(template, n)}; agency as printed {pct(agency, n)}")
print(f"region right {pct(region_right, n)}; unresolved {pct(region_open, n)}; wrong {len(wrong)}")
for w in wrong[:10]:
    print("  wrong:", *w)
print(f"pairs of one agency's reports linked {pct(linked, pairs)}; agency ids holding two agencies {merged}")
PY
