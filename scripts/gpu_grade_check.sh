#!/usr/bin/env bash
# Prove `dlcourse grade --device cuda` on a GPU machine: grade the same lab notebooks on the CPU and on
# CUDA and compare the scores. Expects the lab autograder zips in dist/ and notebooks in .gpu/
# (made by autograder.grade.specimens), and wheels of what the GPU image lacks in .whl/.
set -uo pipefail
out=${OUT:-gpu-grade}; mkdir -p "$out"
python3 -m pip install --no-deps --quiet .whl/*.whl 2>&1 | tail -2
export PYTHONPATH=$PWD${PYTHONPATH:+:$PYTHONPATH} PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
python3 -c "import torch; print('torch', torch.__version__, 'cuda', torch.cuda.is_available())"
for lab in lab_af lab_gait; do
  for device in cpu cuda; do
    /usr/bin/time -f "$lab $device wall %e s" python3 -m autograder.cli grade "$lab" .gpu/$lab-*.ipynb \
      --device $device --json > "$out/$lab-$device.json" 2> "$out/$lab-$device.err" || echo "$lab $device exit $?"
    tail -1 "$out/$lab-$device.err"
  done
done
python3 - "$out" <<'PY'
import json, re, sys
from pathlib import Path
out = Path(sys.argv[1])
def results(path):
    text = path.read_text()
    return [json.loads(chunk) for chunk in re.split(r"(?m)^(?=\{$)", text) if chunk.strip()]
ok = True
for lab in ("lab_af", "lab_gait"):
    cpu, cuda = results(out / f"{lab}-cpu.json"), results(out / f"{lab}-cuda.json")
    for a, b in zip(cpu, cuda):
        same = [(t["name"], t["passed"]) for t in a["tests"]] == [(t["name"], t["passed"]) for t in b["tests"]]
        ok &= same and a["score"] == b["score"]
        print(f"{lab} {a['submission']}: cpu {a['score']}/{a['possible']} ({a['seconds']} s, {a['isolation']}), "
              f"cuda {b['score']}/{b['possible']} ({b['seconds']} s), same tests passed: {same}")
print("ALL SAME" if ok else "DIFFERENT")
PY
