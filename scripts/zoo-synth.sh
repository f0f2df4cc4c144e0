#!/usr/bin/env bash
# Generates N whole reports as government sites publish them (nianbao-synth --zoo: both templates, several site
# styles, blanks, planted agency errors) with their golds, runs them through the real converters of
# ../shared/tools/make-zoo, keeps each page itself as the <stem>~html.html variant, ingests every variant with a
# built nianbao, and scores the exports with ../shared/tools/zoo-check by converter.
# Usage: scripts/zoo-synth.sh [N] [OUTDIR]   (default 12 reports into /tmp/nianbao-zoo-synth)
# Environment: NIANBAO (the nianbao binary; default .build/release/nianbao, built when missing), NIANBAO_SYNTH
# (default: nianbao-synth beside it), SEED (default 1), SHARED (default ../shared).
# Skips, with a message and exit status 0, when ../shared or the converters are missing; otherwise exits with
# zoo-check's status (0 only when every cell is read exactly or flagged, without false agency errors).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-12}
out=${2:-/tmp/nianbao-zoo-synth}
seed=${SEED:-1}
shared=${SHARED:-../shared}

skip() { echo "zoo-synth: skipped: $*" >&2; exit 0; }
[ -x "$shared/tools/make-zoo" ] && [ -x "$shared/tools/zoo-check" ] || skip "no $shared/tools/make-zoo or zoo-check"
for tool in w3m lynx pandoc soffice pdftotext python3; do
    command -v "$tool" >/dev/null || skip "$tool not installed (Debian: w3m lynx pandoc libreoffice-writer-nogui poppler-utils)"
done
command -v chromium >/dev/null || echo "zoo-synth: no chromium; its PDFs are left out" >&2

bin=${NIANBAO:-.build/release/nianbao}
synth=${NIANBAO_SYNTH:-$(dirname "$bin")/nianbao-synth}
if [ ! -x "$bin" ]; then swift build -c release --product nianbao >/dev/null; bin=.build/release/nianbao; fi
if [ ! -x "$synth" ]; then swift build -c release --product nianbao-synth >/dev/null; synth=.build/release/nianbao-synth; fi

# OUTDIR is emptied first: refuse a folder that holds anything but an earlier run's output.
if [ -d "$out" ] && [ -n "$(ls -A "$out")" ] && [ ! -d "$out/gold" ]; then
    echo "zoo-synth: $out is not empty and not an earlier zoo-synth output; choose another OUTDIR" >&2
    exit 64
fi
work=$out.work
rm -rf "$out" "$work"
mkdir -p "$out/gold" "$work/pages"
"$synth" --out "$work/pages" --zoo "$n" --seed "$seed"
mv "$work/pages/gold/"*.json "$out/gold/"
echo "zoo-synth: $n reports (seed $seed); converting…" >&2
"$shared/tools/make-zoo" "$out" "$work/pages/"*.html >/dev/null
for page in "$work/pages/"*.html; do
    name=$(basename "$page" .html)
    cp "$page" "$out/$name~html.html"
done
echo "zoo-synth: $(ls "$out" | grep -c '~') variants in $out" >&2

db=$work/zoo.sqlite
"$bin" ingest "$out"/*~* --db "$db" --quiet >&2
for what in cells reports findings; do
    "$bin" export "$what" --db "$db" --format csv -o "$work/$what.csv"
done
status=0
"$shared/tools/zoo-check" "$work/cells.csv" "$work/reports.csv" "$work/findings.csv" "$out/gold" --label zoo-synth || status=$?
echo "zoo-synth: pages in $work/pages, database and exports in $work" >&2
exit $status
