#!/usr/bin/env bash
# Install everything this project needs into a virtual environment (default: .venv in the repo; VENV=... to change).
# CPU torch goes in first and stays put: an unpinned `torch` from PyPI is a multi-GB CUDA build.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
TORCH_SPEC=${TORCH_SPEC:-torch==2.13.0}
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
. "$VENV/bin/activate"
export PIP_DISABLE_PIP_VERSION_CHECK=1
python -c "import torch" 2>/dev/null || pip install -q "$TORCH_SPEC"
python -c "import torch; print(f'torch=={torch.__version__}')" | sed 's/+.*//' > "$VENV/torch-constraint.txt"
PIP_CONSTRAINT="$VENV/torch-constraint.txt" pip install -q -e ".[dev]" -c tools/constraints.txt
# Reference code our parity tests run from wheels, never installed: the 2022 packages, and k-diffusion (which needs torchvision).
mkdir -p .cache/legacy
ls .cache/legacy/k_diffusion-0.1.1.post1-*.whl >/dev/null 2>&1 || pip download -q --no-deps -d .cache/legacy cf-guidance==0.0.3 min-diffusion==0.0.3 k-diffusion==0.1.1.post1
echo "installed into $VENV: $(python -c 'import torch,diffusers,transformers;print("torch",torch.__version__,"diffusers",diffusers.__version__,"transformers",transformers.__version__)')"
