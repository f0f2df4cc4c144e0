#!/usr/bin/env bash
# End-to-end ingest of N generated reports (nianbao-synth: every layout, UTF-8 and GB18030, real places),
# against the floor measured on the same files in the same run: reading every file with cat, plus loading
# the same number of cells into SQLite with the sqlite3 shell's .import.
# Usage: scripts/bench-ingest.sh [N]   (default 100000; needs about 1 GB of disk per 100,000 reports)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift build -c release --product nianbao >/dev/null
swift build -c release --product nianbao-synth >/dev/null
bin=.build/release/nianbao
agencies=$(( (n + 3) / 4 ))
.build/release/nianbao-synth --out "$work/corpus" --agencies "$agencies" --years 2021-2024 2>/dev/null
files=$(find "$work/corpus" -type f -name '*.*' ! -name truth.jsonl | wc -l)
echo "corpus: $files reports, $(du -sh "$work/corpus" | cut -f1)"
sync
now() { date +%s.%N; }

start=$(now)
/usr/bin/time -f "%M" -o "$work/rss" "$bin" ingest "$work/corpus" --db "$work/bench.sqlite" --quiet --timings 2>"$work/ingest.log" || { cat "$work/ingest.log"; exit 1; }
end=$(now)
ingest=$(echo "$end - $start" | bc)
sed 's/^/ingest: /' "$work/ingest.log"
printf 'ingest: %.1f s, %.0f reports/s, peak RSS %d MB, database %.2f KB a report\n' "$ingest" "$(echo "$files / $ingest" | bc -l)" \
    "$(( $(cat "$work/rss") / 1024 ))" "$(echo "$(stat -c %s "$work/bench.sqlite") / $files / 1024" | bc -l)"
# The tail: the steps after the files (settling across years, rollups), per report.
tail=$(sed -n 's/^\(settling cells across years\|summing up by agency and region\): \([0-9.]*\) s$/\2/p' "$work/ingest.log" | paste -sd+ | bc)
printf 'tail: %.2f s, %.3f ms a report\n' "$tail" "$(echo "$tail * 1000 / $files" | bc -l)"

start=$(now)
"$bin" ingest "$work/corpus" --db "$work/bench.sqlite" --quiet 2>/dev/null
end=$(now)
printf 're-ingest of the unchanged files: %.2f s\n' "$(echo "$end - $start" | bc)"

# The floor: read every file, and load as many cells into SQLite as the ingest stored.
"$bin" export cells --db "$work/bench.sqlite" -o "$work/cells.csv"
cells=$(( $(wc -l < "$work/cells.csv") - 1 ))
sync
start=$(now)
find "$work/corpus" -type f -print0 | xargs -0 cat > /dev/null
end=$(now)
read=$(echo "$end - $start" | bc)
start=$(now)
sqlite3 "$work/floor.sqlite" <<SQL
PRAGMA journal_mode = WAL;
CREATE TABLE cells (source TEXT, agency TEXT, year INTEGER, template TEXT, "table" TEXT, row TEXT, "column" TEXT, value REAL, status TEXT, via TEXT);
.mode csv
.import --skip 1 $work/cells.csv cells
SQL
end=$(now)
load=$(echo "$end - $start" | bc)
floor=$(echo "$read + $load" | bc)
printf 'floor: cat %.1f s + sqlite3 .import of %d cells %.1f s = %.2f s; ingest / floor = %.2f\n' \
    "$read" "$cells" "$load" "$floor" "$(echo "$ingest / $floor" | bc -l)"
