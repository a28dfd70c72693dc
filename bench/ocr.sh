#!/usr/bin/env bash
# bench/ocr.sh - the cost of OCR on a mixed Japanese business mailbox.
#
# Generates (once) the mailbox of issue 15: mailgen's ordinary business mail
# plus ~15 % messages with images (photos, driving licences, My Number cards
# and passport data pages as scans, phone photos and small copies, scanned
# pages, image-only PDFs), then times `mailsift scan --no-index` with and
# without --no-ocr (fresh cases: the OCR cache lives in the case) and prints
# wall and CPU time (user+sys) of both, their ratio, and the recall of the
# planted identity numbers (passport, My Number, licence) with OCR.
# The machine's cores are shared with other work: judge by CPU time, which
# does not depend on who else runs; wall time is shown for reference.
#   bench/ocr.sh [MESSAGES SCANS]        (default 2100 370; results in bench/out/)
# MAILSIFT=path/to/mailsift TAG=name bench/ocr.sh times that binary instead
# of a fresh build, in cases and time files named by TAG (to compare two
# builds on the same mailbox). Both runs get --attachment-timeout 30m: on
# a loaded machine the default minute cuts tesseract off mid-photo, which
# would hide its cost.
set -euo pipefail
cd "$(dirname "$0")/.."
msgs=${1:-2100}
scans=${2:-370}
out=bench/out; mkdir -p "$out"
if [ ! -x /usr/bin/time ] || ! command -v tesseract >/dev/null || ! fc-list 2>/dev/null | grep -qi 'noto.*cjk'; then
  apt-get update -qq && apt-get install -y -qq time tesseract-ocr tesseract-ocr-jpn tesseract-ocr-eng fonts-noto-cjk >/dev/null
fi
bin=${MAILSIFT:-}
if [ -z "$bin" ]; then
  go build -o "$out/mailsift" ./cmd/mailsift
  bin="$out/mailsift"
fi
go build -o "$out/ocrbox" ./bench/ocrbox
mbox="$out/ocr-$msgs-$scans.mbox"; ids="$out/ocr-$msgs-$scans.ids.jsonl"
if [ ! -f "$mbox" ] || [ ! -f "$ids" ]; then
  "$out/ocrbox" gen -messages "$msgs" -scans "$scans" -out "$mbox" -labels "$ids"
fi
bytes=$(stat -c %s "$mbox")
n=$(grep -c '^From ' "$mbox" || true)
cat "$mbox" > /dev/null # warm the page cache for both runs alike

tag=${TAG:+-$TAG}
run() { # run NAME ARGS...: a fresh case, timed
  local name=$1$tag; shift
  rm -rf "$out/case-$name"
  /usr/bin/time -f '%e %M %U %S' -o "$out/time-$name.txt" "$bin" scan --quiet --json --no-index --attachment-timeout 30m "$@" --case "$out/case-$name" "$mbox" > "$out/summary-$name.json"
}
run ocr-noocr --no-ocr
run ocr
read -r n_sec n_kb n_u n_s < "$out/time-ocr-noocr$tag.txt"
read -r o_sec o_kb o_u o_s < "$out/time-ocr$tag.txt"
awk -v b="$bytes" -v m="$n" -v ns="$n_sec" -v nk="$n_kb" -v nu="$n_u" -v nsy="$n_s" -v os="$o_sec" -v ok="$o_kb" -v ou="$o_u" -v osy="$o_s" -v cores="$(nproc)" 'BEGIN {
  nc = nu + nsy; oc = ou + osy
  printf "input          %.0f MB, %d messages (%d cores, shared: judge by CPU time)\n", b / 1e6, m, cores
  printf "--no-ocr       wall %7.1f s   CPU %7.1f s (user %.1f + sys %.1f)   peak RSS %.0f MB\n", ns, nc, nu, nsy, nk / 1024
  printf "with OCR       wall %7.1f s   CPU %7.1f s (user %.1f + sys %.1f)   peak RSS %.0f MB\n", os, oc, ou, osy, ok / 1024
  printf "ratio          wall %.2f x   CPU %.2f x   (target: CPU <= 2.00 x)\n", os / ns, oc / nc
}'
echo "identity numbers found with OCR (planted in images and scanned PDFs):"
"$out/ocrbox" recall -labels "$ids" "$out/case-ocr$tag/findings.jsonl"
echo "without OCR (file names and context only):"
"$out/ocrbox" recall -labels "$ids" "$out/case-ocr-noocr$tag/findings.jsonl"
