#!/bin/sh
# Input-method benchmarks: Rime deployment into an empty data dir, keystroke to updated
# candidates over a few hundred syllables, handwriting stroke to candidates (goal: p99
# <= 30 ms), and the peak RSS of each engine's process. bench_ime is built with the tree.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$BUILD/bench_ime" pinyin "$tmp"
"$BUILD/bench_ime" hw "$here/../tests/ime/strokes"
