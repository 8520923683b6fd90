#!/bin/sh
# The staff console's page times and memory on a store with 10,000 submissions and
# 1,000 more photos (bench_console.py).
set -eu
exec /usr/bin/python3 "$(dirname "$0")/bench_console.py"
