#!/usr/bin/env bash
# Times `nianbao parse` on generated hostile reports: N new-media account sentences, and one 表三 row of M digits
# run together. Usage: scripts/bench-pathological.sh [N] [M]   (defaults 16000 and 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-16000}
m=${2:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift build -c release --product nianbao >/dev/null
bin=.build/release/nianbao
sections=$'二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项'
{
    printf '某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n'
    for ((i = 0; i < n; i++)); do printf '微信公众号“账号%d”粉丝%d人，发布信息%d条。\n' "$i" $((i % 9973 + 1)) $((i % 997 + 1)); done
    printf '%s\n' "$sections"
} > "$work/media.txt"
{
    printf '某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n（七）总计'
    head -c "$m" /dev/urandom | od -An -tu1 -v | tr -s ' \n' '\n\n' | awk 'NF { printf "%d", $1 % 10 }'
    printf '\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n'
} > "$work/digits.txt"
for f in media digits; do
    /usr/bin/time -f "$f: %e s, peak RSS %M KB" "$bin" parse "$work/$f.txt" >/dev/null
done
