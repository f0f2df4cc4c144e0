#!/usr/bin/env bash
# Measures end-to-end ingest throughput and peak memory on N text reports made from the seed reports
# (each copy gets a distinct trailing line so that every file has its own content hash).
# Usage: scripts/bench-ingest.sh [N]   (default 20000). Needs a release build: swift build -c release
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
seeds=(Corpus/00*.txt)
mkdir -p "$work/corpus"
for ((i = 0; i < n; i++)); do
    seed=${seeds[$((i % ${#seeds[@]}))]}
    dir="$work/corpus/$((i / 1000))"
    mkdir -p "$dir"
    { cat "$seed"; printf '\n%d\n' "$i"; } > "$dir/r$i.txt"
done
bin=.build/release/nianbao
[ -x "$bin" ] || swift build -c release
start=$(date +%s.%N)
/usr/bin/time -f "peak RSS %M KB" "$bin" ingest "$work/corpus" --db "$work/bench.sqlite" --quiet
end=$(date +%s.%N)
echo "$n reports: $(echo "$end - $start" | bc) s, $(echo "$n / ($end - $start)" | bc) reports/s"
start=$(date +%s.%N)
"$bin" ingest "$work/corpus" --db "$work/bench.sqlite" --quiet
end=$(date +%s.%N)
echo "re-ingest of unchanged files: $(echo "$end - $start" | bc) s"
