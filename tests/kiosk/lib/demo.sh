# Sourced by the kiosk tests. demo_store DIR puts a demo store (yanxia.db and its
# photos/) into DIR: a copy of the one the CTest fixture seeded once ($DEMO_STORE_DIR),
# or a fresh seed when a test runs on its own.
demo_store() {
	mkdir -p "$1"
	if [ -n "${DEMO_STORE_DIR:-}" ] && [ -f "$DEMO_STORE_DIR/yanxia.db" ]; then
		cp -R "$DEMO_STORE_DIR/." "$1/"
	else
		"$YANXIACTL" --db "$1/yanxia.db" seed --demo >/dev/null
	fi
}
