#!/bin/sh
# Run from a build tree, yanxiactl reads the hub's SQL from the source tree and keeps
# ./data/yanxia.db as its default store (installed, /usr/share/yanxia/sql/hub and
# /var/lib/yanxia: scripts/deb-test checks those).
set -eu
. "$YANXIA_SOURCE_DIR/tests/tools/lib/common.sh"
"$YANXIACTL" hub init --help | grep -q "默认 $YANXIA_SOURCE_DIR/sql/hub" ||
	fail "hub init does not name the source tree's sql/hub: $("$YANXIACTL" hub init --help)"
"$YANXIACTL" --help | grep -q '默认数据库 ./data/yanxia.db' || fail "default store: $("$YANXIACTL" --help)"
echo "paths: ok"
