#!/usr/bin/env bash
# Load harness: starts `microblog serve` on loopback with a fresh SQLite database, seeds it
# through the functions, starts the in-memory ceiling server, and runs wrk against both.
# Writes a Markdown table of requests per second and p50/p99 latency per case and
# connection count, plus RSS readings, to $OUT (default bench/results.md).
#
# Settings (environment): DURATION per case (default 60s), WARMUP (5s), CONNECTIONS
# ("1 16 64"), POSTS (10000), USERS (20), MICROBLOG (a native binary; default the JIT build).
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${DURATION:-60s}
warmup=${WARMUP:-5s}
connections=${CONNECTIONS:-"1 16 64"}
posts=${POSTS:-10000}
users=${USERS:-20}
out=${OUT:-bench/results.md}
port=18090
ceiling_port=18091

dotnet build -c Release bench/Microblog.Benchmarks -v quiet -nologo >/dev/null
if [ -n "${MICROBLOG:-}" ]; then
  server=("$MICROBLOG")
  build="native ($MICROBLOG)"
else
  server=(dotnet src/Microblog/bin/Release/net10.0/microblog.dll)
  build="JIT (Release)"
fi
bench_tool=(dotnet bench/Microblog.Benchmarks/bin/Release/net10.0/Microblog.Benchmarks.dll)

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

wait_for() {
  for _ in $(seq 1 100); do
    curl -fs "$1" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "timed out waiting for $1" >&2
  return 1
}

rss_mib() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
peak_mib() { awk '/^VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# The harness sends thousands of logins and posts from one address, so the rate limits are
# off: the cases measure the functions, not the limiter.
no_limits=()
for limit in LoginPerAccountAndAddress LoginPerAccount LoginPerAddress RegisterPerAddress PostPerAccount; do
  no_limits+=("--Microblog:RateLimits:$limit:PermitLimit" 0)
done
"${server[@]}" serve --urls "http://127.0.0.1:$port" --data "$work/data" \
  --Logging:LogLevel:Default=Warning "${no_limits[@]}" >"$work/server.log" 2>&1 &
server_pid=$!
pids+=("$server_pid")
wait_for "http://127.0.0.1:$port/healthz"
# Idle means after the collection that the service runs a second after it is ready.
sleep 2
rss_idle=$(rss_mib "$server_pid")

echo "seeding $users users and $posts posts..." >&2
"${bench_tool[@]}" seed "http://127.0.0.1:$port" "$users" "$posts" >"$work/tokens"
token=$(head -n 1 "$work/tokens")
deep_before=$(( posts / 50 ))

"${bench_tool[@]}" ceiling "http://127.0.0.1:$ceiling_port" "http://127.0.0.1:$port/function/list-posts" &
pids+=("$!")
wait_for "http://127.0.0.1:$ceiling_port/function/list-posts"

base="http://127.0.0.1:$port/function"
cases=(
  "ceiling (page of 100 from memory)|http://127.0.0.1:$ceiling_port/function/list-posts|"
  "list-posts page of 100|$base/list-posts|"
  "list-posts by user|$base/list-posts?username=bench_user_3|"
  "list-posts before (deep)|$base/list-posts?before=$deep_before|"
  "list-posts offset 5000|$base/list-posts?offset=5000|"
  "validate-jwt|$base/validate-jwt|bench/wrk/validate-jwt.lua"
  "add-post|$base/add-post|bench/wrk/add-post.lua"
  "login|$base/login|bench/wrk/login.lua"
)

to_ms() {  # wrk prints 850.00us, 1.23ms or 1.02s
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
    else print v }'
}

{
  echo "| case | connections | requests/s | p50 ms | p99 ms | of ceiling |"
  echo "|---|---:|---:|---:|---:|---:|"
} >"$work/table.md"

declare -A ceiling_rps
for entry in "${cases[@]}"; do
  IFS='|' read -r name url script <<<"$entry"
  for c in $connections; do
    args=(-t1 -c"$c")
    [ -n "$script" ] && args+=(-s "$script")
    TOKEN=$token wrk "${args[@]}" -d"$warmup" "$url" >/dev/null
    result=$(TOKEN=$token wrk "${args[@]}" -d"$duration" --latency "$url")
    rps=$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' <<<"$result")
    p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$result")")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$result")")
    if [[ $name == ceiling* ]]; then
      ceiling_rps[$c]=$rps
      fraction="1.00"
    else
      fraction=$(awk -v r="$rps" -v m="${ceiling_rps[$c]}" 'BEGIN { printf "%.2f", r / m }')
    fi
    errors=$(awk '/Non-2xx/ { print $NF }' <<<"$result")
    [ -n "$errors" ] && name_shown="$name (non-2xx: $errors)" || name_shown=$name
    echo "| $name_shown | $c | $rps | $p50 | $p99 | $fraction |" | tee -a "$work/table.md" >&2
  done
done

rss_loaded=$(rss_mib "$server_pid")
# Exactly 10,000 requests on one kept-alive connection.
python3 - "$port" <<'PYTHON'
import http.client, sys
connection = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]))
for _ in range(10_000):
    connection.request("GET", "/function/list-posts?limit=10")
    connection.getresponse().read()
PYTHON
rss_after=$(rss_mib "$server_pid")
rss_peak=$(peak_mib "$server_pid")

{
  echo "Build: $build. Commit $(git rev-parse --short HEAD). $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)."
  echo "wrk -t1, ${warmup} warm-up and ${duration} per case; $posts posts by $users users in SQLite."
  echo
  cat "$work/table.md"
  echo
  echo "| RSS | MiB |"
  echo "|---|---:|"
  echo "| idle, 2 s after start | $rss_idle |"
  echo "| after the load cases | $rss_loaded |"
  echo "| after 10,000 more list-posts requests | $rss_after |"
  echo "| peak (VmHWM) | $rss_peak |"
} >"$out"
cat "$out"
