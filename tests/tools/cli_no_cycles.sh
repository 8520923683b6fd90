#!/bin/sh
# yanxiactl's files and the console's depend on each other one way only: no source file
# of src/tools (or of src/console, or of the staff library's src/staff: staff.c hands
# the hub's actors to staff_hub.c, never back) calls, through any chain of the others,
# back into itself. Read
# from the built objects' symbols (nm), so a call through a header counts as one.
set -eu
fail() { echo "FAIL: $*" >&2; exit 1; }
objs=$(dirname "$YANXIACTL")/CMakeFiles
for d in "$objs/yanxiactl.dir/src/tools:6" "$objs/yanxia-console.dir/src/console:6" \
	"$objs/yx_staff.dir/src/staff:3"; do
	least=${d##*:} d=${d%:*}
	[ -d "$d" ] || fail "no objects in $d"
	/usr/bin/python3 - "$d" "$least" <<'PY' || fail "import cycles in $d"
import glob, os, subprocess, sys
objs = sorted(glob.glob(os.path.join(sys.argv[1], "*.o")))
assert len(objs) >= int(sys.argv[2]), "too few objects"
nm = lambda *a: subprocess.run(["nm", *a], capture_output=True, text=True, check=True).stdout
defs = {}
for o in objs:
    for line in nm("--defined-only", o).splitlines():
        p = line.split()
        if len(p) == 3 and p[1] in "TDBR":
            defs[p[2]] = o
uses = {o: {defs[s] for s in (l.split()[-1] for l in nm("-u", o).splitlines())
            if s in defs and defs[s] != o} for o in objs}
# a cycle: a file that reaches itself
bad = []
for start in objs:
    seen, todo = set(), list(uses[start])
    while todo:
        o = todo.pop()
        if o == start:
            bad.append(os.path.basename(start))
            break
        if o not in seen:
            seen.add(o)
            todo.extend(uses[o])
if bad:
    print("in a cycle:", ", ".join(bad), file=sys.stderr)
    sys.exit(1)
PY
done
echo ok
