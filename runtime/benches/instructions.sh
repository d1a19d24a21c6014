#!/usr/bin/env bash
# Instructions per single GET and per paged list, plain reqwest vs apigen-runtime, counted by
# callgrind (repeatable on a loaded machine, unlike wall-clock time). Each side runs alone
# (APIGEN_BENCH_ONLY) twice, with few and with many requests; the difference divided by the
# difference in requests takes out start-up and warm-up. Counts are of the whole process:
# client and the loopback server alike.
#
#   runtime/benches/instructions.sh            # after `cargo bench -p apigen-runtime --bench overhead --no-run`
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(ls -t target/release/deps/overhead-* | grep -v '\.d$' | head -1)
count() { # side n -> total instructions
  local out
  out=$(mktemp)
  APIGEN_BENCH_ONLY=$1 APIGEN_BENCH_REQUESTS=$2 APIGEN_BENCH_PAGES=${PAGES:-20} \
    valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" >/dev/null 2>&1
  awk '/^summary:/ {print $2}' "$out"
  rm -f "$out"
}
per() { # side few many -> instructions per unit
  local a b
  a=$(count "$1" "$2")
  b=$(count "$1" "$3")
  echo $(( (b - a) / ($3 - $2) ))
}
plain=$(per plain 100 600)
runtime=$(per runtime 100 600)
echo "instructions per single GET: plain reqwest $plain, apigen-runtime $runtime, ratio $(awk "BEGIN {printf \"%.3f\", $runtime / $plain}")"
plain=$(per plain-list 2 6)
runtime=$(per runtime-list 2 6)
echo "instructions per list of ${PAGES:-20} pages x 100 items: plain reqwest $plain, apigen-runtime $runtime, ratio $(awk "BEGIN {printf \"%.3f\", $runtime / $plain}")"
