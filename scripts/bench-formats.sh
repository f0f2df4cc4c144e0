#!/usr/bin/env bash
# Ingest speed by format: each of the zoo's files of a format (Zoo/, real reports through real converters) copied
# N times (default 40) into a folder of their own, ingested into a fresh database; files per second, wall clock,
# with the machine's cores. Zip: the same copies of the .docx files, in one archive. Scanned PDFs: one copy (OCR
# takes seconds a page).
# Usage: scripts/bench-formats.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-40}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift build -c release --product nianbao >/dev/null 2>&1
bin=$PWD/.build/release/nianbao
now() { date +%s.%N; }
run() {   # name folder
    local files start end
    files=$(find "$2" -type f | wc -l)
    start=$(now)
    "$bin" ingest "$2" --db "$work/$1.sqlite" --quiet >/dev/null 2>&1 || true
    end=$(now)
    printf '%-14s %4d files  %7.2f s  %8.2f files/s\n' "$1" "$files" "$(echo "$end - $start" | bc)" "$(echo "$files / ($end - $start)" | bc -l)"
}
for format in txt md html docx doc pdf mhtml; do
    mkdir -p "$work/$format"
    for f in Zoo/*."$format"; do
        case "$f" in *~scan.pdf) continue ;; esac
        [ -e "$f" ] || continue
        for i in $(seq 1 "$n"); do cp "$f" "$work/$format/$i-$(basename "$f")"; done
    done
    [ -n "$(ls -A "$work/$format")" ] && run "$format" "$work/$format"
done
mkdir -p "$work/zip"
(cd "$work/docx" && python3 -c "import zipfile,os,sys; z=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED); [z.write(f) for f in sorted(os.listdir('.'))]" "$work/zip/bundle.zip")
start=$(now)
"$bin" ingest "$work/zip" --db "$work/zip.sqlite" --quiet >/dev/null 2>&1 || true
end=$(now)
members=$(ls "$work/docx" | wc -l)
printf '%-14s %4d files  %7.2f s  %8.2f files/s\n' "zip (docx)" "$members" "$(echo "$end - $start" | bc)" "$(echo "$members / ($end - $start)" | bc -l)"
if command -v tesseract >/dev/null; then
    mkdir -p "$work/scan" && cp Zoo/*~scan.pdf "$work/scan/"
    run "scan (OCR)" "$work/scan"
fi
