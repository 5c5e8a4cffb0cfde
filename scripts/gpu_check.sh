#!/usr/bin/env bash
# Prove the CUDA path on a GPU machine that already has torch, pytest and hypothesis:
# the whole suite with every torch oracle on CUDA, then `dlcourse verify` on CUDA.
# Logs go to $OUT (or ./gpu-check) so they can be copied into docs/gpu.md.
set -uo pipefail
out=${OUT:-gpu-check}; mkdir -p "$out"
export PYTHONPATH=$PWD${PYTHONPATH:+:$PYTHONPATH} PYTHONUNBUFFERED=1
{
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
  python3 -c "import torch, numpy; print('torch', torch.__version__, 'cuda', torch.version.cuda, 'available', torch.cuda.is_available(), 'numpy', numpy.__version__)"
} 2>&1 | tee "$out/env.log"
/usr/bin/time -f "suite wall %e s" python3 -m pytest -q -p no:cacheprovider 2>&1 | tee "$out/pytest.log"
suite=${PIPESTATUS[0]}
python3 -m autograder.cli verify 2>&1 | tee "$out/verify.log"
verify=${PIPESTATUS[0]}
echo "pytest exit $suite, verify exit $verify"
[ "$suite" = 0 ] && [ "$verify" = 0 ]
