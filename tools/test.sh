#!/usr/bin/env bash
# Install (if needed) and run every notebook's tests; ends with a line `N passed, N failed`.
# Extra arguments go to tools/nbtest.py, e.g. `--flags slow` or `--path nbs/schedules.ipynb`.
set -euo pipefail
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=${HF_HUB_OFFLINE:-1} MPLBACKEND=${MPLBACKEND:-Agg}
# blog posts run their experiments on fewer prompts and seeds under test (CFG_BLOG_QUICK=0 runs them in full)
export CFG_BLOG_QUICK=${CFG_BLOG_QUICK:-1}
bash tools/install.sh
. "${VENV:-.venv}/bin/activate"
python tools/nbtest.py "$@"
