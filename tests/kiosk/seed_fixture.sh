#!/bin/sh
# CTest fixture: seeds the demo store once for every kiosk test (they copy it).
set -eu
: "${YANXIACTL:?}" "${DEMO_STORE_DIR:?}"
rm -rf "$DEMO_STORE_DIR"
mkdir -p "$DEMO_STORE_DIR"
"$YANXIACTL" --db "$DEMO_STORE_DIR/yanxia.db" seed --demo >/dev/null
"$YANXIACTL" --db "$DEMO_STORE_DIR/yanxia.db" check >/dev/null 2>&1 || true
test -f "$DEMO_STORE_DIR/yanxia.db"
