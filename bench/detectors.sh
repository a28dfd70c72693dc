#!/usr/bin/env bash
# bench/detectors.sh - throughput of each registered detector, of all of
# them together and of none (normalization and the Runner only), through a
# Runner as the scanner calls it: mixed Japanese/English mail text
# (detectortest.MailText) cut into 4 KiB message parts, keyword prefilter
# included. Prints one row per detector: MB/s by wall time, MB/s by the
# process's CPU time (steadier on a shared machine), and the share of parts
# the prefilter let the detector see.
#   bench/detectors.sh [MB] [RUNS]   (default 100 MB, 1 run; with RUNS > 1
#                                     each row is the best of the runs)
# Raw output: bench/out/detectors.txt. MAILSIFT_BENCH_PART sets the part
# size in bytes (0: the whole text in one call, in 1 MiB chunks).
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-100}
# MAILSIFT_BENCH_MBOX=FILE: real mail (its header fields and text parts)
# instead of generated text; made absolute, the test binary runs elsewhere.
if [ -n "${MAILSIFT_BENCH_MBOX:-}" ]; then
  export MAILSIFT_BENCH_MBOX="$(realpath "$MAILSIFT_BENCH_MBOX")"
fi
runs=${2:-1}
out=bench/out
mkdir -p "$out"
go test -c -o "$out/registry.test" ./detectors/registry
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)  cores: $(nproc)  text: $mb MB, ${MAILSIFT_BENCH_MBOX:-generated, parts: ${MAILSIFT_BENCH_PART:-4096} bytes}"
(cd detectors/registry && MAILSIFT_BENCH_MB="$mb" "../../$out/registry.test" \
  -test.run=NONE -test.bench='^BenchmarkDetectors$' -test.benchtime=1x -test.count="$runs") > "$out/detectors.txt"
echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
awk '
/^BenchmarkDetectors\// {
  name = $1; sub(/^BenchmarkDetectors\//, "", name); sub(/-[0-9]+$/, "", name)
  mbs = cpu = ran = ""
  for (i = 2; i < NF; i++) {
    if ($(i+1) == "MB/s") mbs = $i
    if ($(i+1) == "cpu-MB/s") cpu = $i
    if ($(i+1) == "ran-%") ran = $i
  }
  if (!(name in best)) { order[++n] = name; best[name] = -1 }
  if (cpu + 0 > best[name]) { best[name] = cpu + 0; wall[name] = mbs; pct[name] = ran }
}
/^(FAIL|panic)/ { failed = 1 }
END {
  printf "%-18s %10s %10s %8s\n", "detector", "MB/s", "cpu-MB/s", "ran %"
  for (i = 1; i <= n; i++) {
    d = order[i]
    r = pct[d] == "" ? (d == "all" || d == "none" ? "-" : "?") : sprintf("%.1f", pct[d])
    printf "%-18s %10.1f %10.1f %8s\n", d, wall[d], best[d], r
  }
  if (failed || n == 0) { print "bench: benchmark failed, see bench/out/detectors.txt" > "/dev/stderr"; exit 1 }
}' "$out/detectors.txt"
