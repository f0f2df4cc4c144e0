#!/usr/bin/env bash
# Rebuilds Sources/NianbaoKit/Resources/gazetteer.tsv, the administrative divisions nianbao resolves
# regions against, from the china_location dictionary of the PyPI package jionlp (Apache License 2.0).
# Usage: scripts/build-gazetteer.sh [jionlp version]   (needs pip and network access to PyPI)
set -euo pipefail
cd "$(dirname "$0")/.."
version="${1:-1.5.31}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
pip download --no-deps -q "jionlp==$version" -d "$work"
unzip -q -o "$work"/jionlp-*.whl 'jionlp/dictionary/china_location.zip' 'jionlp/dictionary/china_location_change.txt' \
    'jionlp/dictionary/landline_phone_area_code.txt' "jionlp-$version.dist-info/*" -d "$work"
cp "$work/jionlp-$version.dist-info/licenses/LICENSE" Sources/NianbaoKit/Resources/gazetteer-LICENSE.txt
unzip -q -o "$work/jionlp/dictionary/china_location.zip" -d "$work"
python3 - "$work/china_location.txt" "$work/jionlp/dictionary/china_location_change.txt" "$version" \
    "$work/jionlp/dictionary/landline_phone_area_code.txt" \
    > Sources/NianbaoKit/Resources/gazetteer.tsv <<'PY'
import sys
location, changes, version, area_codes = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
print(f"# China's administrative divisions: province (P), city (C), county (D) with adcode and short name;")
print(f"# townships (T) under the county above them; renamed units (R): old county => province, city, county;")
print(f"# landline area codes (A): code, province and city short names.")
print(f"# Source: jionlp {version} (PyPI), jionlp/dictionary/china_location.zip, china_location_change.txt and")
print(f"# landline_phone_area_code.txt.")
print(f"# Licence: Apache License 2.0 (jionlp). Rebuilt by scripts/build-gazetteer.sh; do not edit by hand.")
for raw in open(location, encoding="utf-8"):
    line = raw.rstrip("\r\n")
    depth = len(line) - len(line.lstrip("\t"))
    fields = line.strip("\t").split("\t")
    if not fields[0] or depth > 3:
        continue   # villages (depth 4) are not needed
    kind = "PCDT"[depth]
    if depth < 3:
        name, code, short = (fields + ["", ""])[:3]
        print(f"{kind}\t{code}\t{name}\t{short}")
    else:
        print(f"T\t{fields[0]}")
for raw in open(changes, encoding="utf-8"):
    line = raw.rstrip("\r\n")
    if "=>" not in line:
        continue
    old, new = line.split("=>")
    old_fields, new_fields = old.split("\t"), new.split("\t")
    if len(old_fields) >= 7 and len(new_fields) >= 3 and old_fields[6] and old_fields[6] != new_fields[2]:
        print(f"R\t{old_fields[6]}\t{new_fields[0]}\t{new_fields[1]}\t{new_fields[2]}")
for raw in open(area_codes, encoding="utf-8"):
    fields = raw.split()
    if len(fields) == 2 and "/" in fields[1]:
        province, city = fields[1].split("/", 1)
        print(f"A\t{fields[0]}\t{province}\t{city}")
PY
wc -l Sources/NianbaoKit/Resources/gazetteer.tsv
