#!/usr/bin/env bash
# Time and peak memory of `nianbao report` and `nianbao export cells` on N generated reports (nianbao-synth), with
# the workbook's sheets checked against the spreadsheet row limit.
# Usage: scripts/bench-report.sh [N]   (default 100000; needs about 2 GB of disk per 100,000 reports)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift build -c release --product nianbao >/dev/null
swift build -c release --product nianbao-synth >/dev/null
bin=.build/release/nianbao
.build/release/nianbao-synth --out "$work/corpus" --agencies $(( (n + 3) / 4 )) --years 2021-2024 2>/dev/null
rm -f "$work/corpus/truth.jsonl"
"$bin" ingest "$work/corpus" --db "$work/db.sqlite" --quiet
measure() {
    local name=$1; shift
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/log" || { cat "$work/log"; exit 1; }
    read -r seconds kb < "$work/time"
    printf '%-14s %8.1f s   peak RSS %6d MB\n' "$name" "$seconds" $(( kb / 1024 ))
}
measure "report" "$bin" report --db "$work/db.sqlite" --out "$work/out" --quiet
measure "export cells" "$bin" export cells --db "$work/db.sqlite" -o "$work/cells.csv"
measure "export | head" sh -c "'$bin' export cells --db '$work/db.sqlite' | head -3"
echo "cells: $(( $(wc -l < "$work/cells.csv") - 1 )) rows; files: $(du -sh "$work/out" | cut -f1)"
python3 - "$work/out/nianbao.xlsx" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = re.findall(r'<sheet name="([^"]+)"', z.read("xl/workbook.xml").decode())
for i, name in enumerate(names, 1):
    last = 0
    with z.open(f"xl/worksheets/sheet{i}.xml") as f:
        tail = b""
        while chunk := f.read(1 << 20):
            tail = (tail + chunk)[-4096:]
        m = re.findall(rb'<row r="(\d+)"', tail)
        last = int(m[-1]) if m else 1
    if last > 1048576: print(f"sheet {name}: {last} rows, over the limit"); sys.exit(1)
    if last > 100000: print(f"sheet {name}: {last} rows")
print(f"{len(names)} sheets, none over 1,048,576 rows")
PY
