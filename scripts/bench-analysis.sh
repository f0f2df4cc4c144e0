#!/usr/bin/env bash
# Times summary and compare on a database of N synthetic reports (default 1,000,000), written straight
# into the schema with the sqlite3 shell (no parsing: this measures the analysis queries alone).
# Ten reports per agency in consecutive years (an agency keeps its county and level), 2,800 counties in 280
# cities in 28 provinces, four levels;
# 上年结转 equals last year's 结转下年度, so the cross-year checks find nothing.
# Usage: scripts/bench-analysis.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000000}"
swift build -c release >/dev/null
bin=.build/release/nianbao
db="$(mktemp -d)/bench.sqlite"
mkdir -p "$(dirname "$db")/empty"
"$bin" ingest "$(dirname "$db")/empty" --db "$db" --quiet 2>/dev/null   # creates the schema
sqlite3 "$db" <<SQL
PRAGMA journal_mode = WAL;
BEGIN;
WITH RECURSIVE i(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM i WHERE k < $n)
INSERT INTO sources (id, path, sha256, size, format, status, ingested_at)
SELECT k, 'r' || k || '.txt', printf('%064d', k), 1000, 'txt', 'parsed', '2026-01-01' FROM i;
WITH RECURSIVE i(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM i WHERE k < ($n / 10))
INSERT INTO agencies (id, key, name) SELECT k, 'agency' || k, '机关' || k FROM i;
INSERT INTO reports (id, source_id, agency, year, template, sections, province, city, county, level, region_status, agency_key, agency_id)
SELECT id, id, '机关' || ((id - 1) / 10 + 1), 2015 + (id % 10), '2021', '111111',
       '省' || (((id - 1) / 10) % 2800 / 100), '市' || (((id - 1) / 10) % 2800 / 10), '县' || (((id - 1) / 10) % 2800),
       CASE ((id - 1) / 10) % 4 WHEN 0 THEN 'township' WHEN 1 THEN 'county' WHEN 2 THEN 'county_department' ELSE 'city' END,
       'resolved', 'agency' || ((id - 1) / 10 + 1), (id - 1) / 10 + 1
FROM sources;
INSERT INTO report_measures (report_id, year, template, province, city, county, level, agency_id, errors,
                             applications, handled, carried_over, carried_forward, granted, partially_granted,
                             review_total, review_corrected, review_pending, suit_total)
SELECT id, year, template, province, city, county, level, agency_id, id % 7 = 0,
       id % 50, id % 50, (id - 1) % 3, id % 3, id % 20, id % 5, id % 4, id % 2, 0, id % 3 FROM reports;
COMMIT;
ANALYZE;
SQL
echo "database: $n reports, $(du -h "$db" | cut -f1)"
start=$(date +%s.%N); "$bin" refresh --db "$db" 2>/dev/null; end=$(date +%s.%N)
printf '%6.3f s  refresh (cross-year checks and the measure rollup, done once after each ingest)\n' "$(echo "$end - $start" | bc)"
t() { local start end; start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N); printf '%6.3f s  %s\n' "$(echo "$end - $start" | bc)" "${*:2}"; }
[ -n "${SKIP_TIMING:-}" ] && { echo "kept $db"; exit 0; }
t "$bin" summary --db "$db"
t "$bin" summary --db "$db" --by year,province
t "$bin" summary --db "$db" --by year,level --measure applications,disclosure_rate,review_correction_rate
t "$bin" summary --db "$db" --by agency --sort applications --limit 20
t "$bin" summary --db "$db" --by county
t "$bin" summary --db "$db" --by province,level --format csv
t "$bin" summary --db "$db" --by agency --format csv
t "$bin" compare --db "$db" --from 2023 --to 2024
t "$bin" compare --db "$db" --from 2023 --to 2024 --by province
t "$bin" compare --db "$db" --from 2023 --to 2024 --by agency --measure applications
t "$bin" compare --db "$db" --from 2023 --to 2024 --by agency --measure applications --format csv
t "$bin" agencies --db "$db" --format csv
if [ -n "${KEEP:-}" ]; then echo "kept $db"; else rm -rf "$(dirname "$db")"; fi
