#!/usr/bin/env bash
# The student side in a fresh virtual environment made only from a student zip's requirements.txt.
#
#   scripts/student_env_check.sh dist/<name>/<name>-student.zip
#
# Installs the requirements (the one step that needs the package index), prints the size of what a
# student gets, then cuts the network off (unshare -n, where the machine allows it) and runs the
# notebook with correct answers filled in: every grader.check must pass and the export must write
# the upload. The answers come from a copy of solutions/ placed beside the notebook for this check.
set -euo pipefail
zip=$(realpath "$1"); root=$(cd "$(dirname "$0")/.." && pwd)
name=$(basename "$zip" -student.zip)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 -m zipfile -e "$zip" "$work"
cd "$work/$name"
start=$(date +%s)
python3 -m venv venv
venv/bin/python -m pip install --quiet --upgrade pip 2>/dev/null
venv/bin/python -m pip install --quiet -r requirements.txt 2>&1 | grep -v "^WARNING: Location" || true
echo "install: $(( $(date +%s) - start )) s, venv $(du -sm venv | cut -f1) MB, $(venv/bin/python -m pip list 2>/dev/null | tail -n +3 | wc -l) packages"
cp -r "$root/solutions" ./solutions
venv/bin/python - "$name" <<'PY'
import sys, nbformat
name = sys.argv[1]
nb = nbformat.read(f"{name}.ipynb", as_version=4)
for cell in nb.cells:
    if "otter_answer_cell" in cell.metadata.get("tags", []):
        cell.source = f"from solutions.{name} import *"
nbformat.write(nb, f"{name}.ipynb")
PY
run="venv/bin/python -m jupyter nbconvert --to notebook --execute --output executed.ipynb $name.ipynb"
offline=""
# A new network namespace has no route out; the kernel still needs loopback (ZMQ on 127.0.0.1).
if unshare -n ip link set lo up 2>/dev/null; then offline="unshare -n"; fi
if [ -n "$offline" ]; then
  unshare -n sh -c "ip link set lo up && $run" >nbconvert.log 2>&1 || { cat nbconvert.log; exit 1; }
else
  $run >nbconvert.log 2>&1 || { cat nbconvert.log; exit 1; }
fi
venv/bin/python - "$name" <<'PY'
import sys, nbformat, pathlib
name = sys.argv[1]
nb = nbformat.read("executed.ipynb", as_version=4)
checks = ["".join(o.get("data", {}).get("text/plain", "") for o in c.outputs)
          for c in nb.cells if c.cell_type == "code" and "grader.check(" in c.source]
for text in checks:
    print("  " + text.splitlines()[0])
ok = checks and all(t.split(": ")[1].split(" public")[0].split(" of ")[0] == t.split(" of ")[1].split(" ")[0] for t in checks)
exported = pathlib.Path(f"{name}_submission.zip").is_file()
print(f"checks passed: {bool(ok)}, export written: {exported}")
sys.exit(0 if ok and exported else 1)
PY
echo "network during the run: ${offline:-not cut (unshare unavailable)}"
