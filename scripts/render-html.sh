#!/usr/bin/env bash
# Renders report.html with headless Chromium to a PNG, so the charts can be looked at as a browser draws
# them (Debian: apt-get install chromium fonts-noto-cjk).
# Usage: scripts/render-html.sh [Reports/report.html] [docs/report.png]
set -euo pipefail
html="${1:-Reports/report.html}"
png="${2:-docs/report.png}"
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
[ -n "$browser" ] || { echo "render-html: no chromium; apt-get install chromium fonts-noto-cjk" >&2; exit 1; }
mkdir -p "$(dirname "$png")"
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1360,1500 \
    --screenshot="$(realpath -m "$png")" "file://$(realpath "$html")" 2>/dev/null
echo "$png"
