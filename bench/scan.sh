#!/usr/bin/env bash
# bench/scan.sh - scan throughput of mailsift against ripgrep on the same mbox.
#
# Builds mailsift, unpacks the SpamAssassin public corpus from ../shared/corpora,
# writes it 8 times over (each copy a distinct message) into one ~260 MB mbox,
# then times `mailsift scan` (fresh case) and ripgrep's multi-pattern search of
# the same file, and prints MB/s of both, their ratio and mailsift's peak RSS.
#   bench/scan.sh [COPIES]        (default 8; results also in bench/out/)
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-8}
corpus=../shared/corpora/spamassassin-publiccorpus/spamassassin-6046.tar.xz
[ -f "$corpus" ] || { echo "bench: $corpus not found (needs ../shared/corpora)" >&2; exit 1; }
if ! command -v rg >/dev/null || ! command -v xz >/dev/null || [ ! -x /usr/bin/time ]; then
  apt-get update -qq && apt-get install -y -qq ripgrep xz-utils time >/dev/null
fi
out=bench/out; mkdir -p "$out"
go build -o "$out/mailsift" ./cmd/mailsift
if [ ! -f "$out/bench-$copies.mbox" ]; then
  rm -rf "$out/sa" && mkdir -p "$out/sa"
  tar -xJf "$corpus" -C "$out/sa"
  go run ./bench/mkmbox -copies "$copies" -out "$out/bench-$copies.mbox" "$out/sa"
fi
mbox="$out/bench-$copies.mbox"
bytes=$(stat -c %s "$mbox")
msgs=$(grep -c '^From ' "$mbox" || true)
cat "$mbox" > /dev/null # warm the page cache for both tools alike

rm -rf "$out/case" "$out/case-noindex" "$out/case-ingest"
# Ingest only: read, hash, decode messages and attachments, no detectors.
/usr/bin/time -f '%e %M %U %S' -o "$out/time-ingest.txt" "$out/mailsift" scan --quiet --json --ingest-only --case "$out/case-ingest" "$mbox" > /dev/null
read -r in_sec in_kb in_u in_s < "$out/time-ingest.txt"
/usr/bin/time -f '%e %M %U %S' -o "$out/time.txt" "$out/mailsift" scan --quiet --json --case "$out/case" "$mbox" > "$out/summary.json"
read -r ms_sec ms_kb ms_u ms_s < "$out/time.txt"
# Decode and detect only; the search index is brought up to date later.
/usr/bin/time -f '%e %M %U %S' -o "$out/time-noindex.txt" "$out/mailsift" scan --quiet --json --no-index --case "$out/case-noindex" "$mbox" > /dev/null
read -r ni_sec ni_kb ni_u ni_s < "$out/time-noindex.txt"

# The same two without OCR: OCR (tesseract, one process per core) is most
# of the ingest time here, and it makes the detectors' share look small.
rm -rf "$out/case-ingest-noocr" "$out/case-noindex-noocr"
/usr/bin/time -f '%e %M %U %S' -o "$out/time-ingest-noocr.txt" "$out/mailsift" scan --quiet --json --ingest-only --no-ocr --case "$out/case-ingest-noocr" "$mbox" > /dev/null
read -r ino_sec _ ino_u ino_s < "$out/time-ingest-noocr.txt"
/usr/bin/time -f '%e %M %U %S' -o "$out/time-noindex-noocr.txt" "$out/mailsift" scan --quiet --json --no-index --no-ocr --case "$out/case-noindex-noocr" "$mbox" > /dev/null
read -r nno_sec _ nno_u nno_s < "$out/time-noindex-noocr.txt"
rm -rf "$out/case-ingest-noocr" "$out/case-noindex-noocr"

# ripgrep, the grep a user would run instead: the 10 PII patterns of
# ../shared/tools/pii-patterns.txt (the reference of issue 15), and the
# older 4-pattern line (e-mail, phone) for comparison with earlier notes.
patterns=../shared/tools/pii-patterns.txt
[ -f "$patterns" ] || { echo "bench: $patterns not found (needs ../shared/tools)" >&2; exit 1; }
/usr/bin/time -f '%e %M %U %S' -o "$out/rg-time.txt" rg -c -f "$patterns" "$mbox" > "$out/rg.txt" || true
read -r rg_sec rg_kb _ _ < "$out/rg-time.txt"
/usr/bin/time -f '%e %M %U %S' -o "$out/rg4-time.txt" rg -c \
  -e '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}' \
  -e '\(?0[0-9]{1,4}\)?[-. ]?[0-9]{1,4}[-. ][0-9]{3,4}' \
  -e '\+[0-9]{1,3}[-. ]?[0-9]{1,4}[-. ]?[0-9]{2,4}[-. ]?[0-9]{3,4}' \
  -e '電話|携帯|TEL|Tel|Phone' "$mbox" > "$out/rg4.txt" || true
read -r rg4_sec _ _ _ < "$out/rg4-time.txt"

awk -v b="$bytes" -v m="$msgs" -v ms="$ms_sec" -v mk="$ms_kb" -v ns="$ni_sec" -v nk="$ni_kb" -v is="$in_sec" -v ik="$in_kb" -v rs="$rg_sec" -v r4="$rg4_sec" -v rk="$rg_kb" -v ino="$ino_sec" -v nno="$nno_sec" -v mu="$ms_u" -v msy="$ms_s" -v nu="$ni_u" -v nsy="$ni_s" -v iu="$in_u" -v isy="$in_s" -v inou="$ino_u" -v inosy="$ino_s" -v nnou="$nno_u" -v nnosy="$nno_s" -v cores="$(nproc)" -v fi="$(wc -l < "$out/case/findings.jsonl")" -v isz="$(du -sh "$out/case/index" | cut -f1)" 'BEGIN {
  mc = mu + msy; nc = nu + nsy; ic = iu + isy; inoc = inou + inosy; nnoc = nnou + nnosy
  mbs = b / 1e6 / ms; nbs = b / 1e6 / ns; ibs = b / 1e6 / is; rbs = b / 1e6 / rs
  printf "input              %.1f MB, %d messages (%d cores)\n", b / 1e6, m, cores
  printf "mailsift           %6.2f s  %6.1f MB/s  %6.0f messages/s  peak RSS %.0f MB  CPU %.1f s  (mailbox to searchable case: scan, people, index)\n", ms, mbs, m / ms, mk / 1024, mc
  printf "mailsift --no-index %5.2f s  %6.1f MB/s  %6.0f messages/s  peak RSS %.0f MB  CPU %.1f s\n", ns, nbs, m / ns, nk / 1024, nc
  printf "ingest only        %6.2f s  %6.1f MB/s  %6.0f messages/s  peak RSS %.0f MB  CPU %.1f s\n", is, ibs, m / is, ik / 1024, ic
  printf "ripgrep            %6.2f s  %6.1f MB/s  peak RSS %.0f MB  (the 10 patterns of shared/tools/pii-patterns.txt)\n", rs, rbs, rk / 1024
  printf "ripgrep, 4 patterns %5.2f s  %6.1f MB/s  (e-mail and phone only, as in earlier notes)\n", r4, b / 1e6 / r4
  printf "ingest, no OCR     %6.2f s  %6.1f MB/s  CPU %.1f s\n", ino, b / 1e6 / ino, inoc
  printf "--no-index --no-ocr %5.2f s  %6.1f MB/s  CPU %.1f s\n", nno, b / 1e6 / nno, nnoc
  printf "detectors          %.2f x ingest-only throughput (all detectors, no index; by CPU time %.2f)\n", nbs / ibs, ic / nc
  printf "  without OCR      %.2f x (by CPU time %.2f) on both sides\n", ino / nno, inoc / nnoc
  printf "ratio              %.2f x ripgrep (%.2f x without the index)\n", mbs / rbs, nbs / rbs
  printf "index build        %6.2f s  (the difference of the two; %s findings, index %s)\n", ms - ns, fi, isz
  printf "(peak RSS counts the index segments scorch maps from disk: page cache, not heap)\n"
}'
echo "summary      $(cat "$out/summary.json")"
