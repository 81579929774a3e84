#!/usr/bin/env bash
# The main job, the README's first command: install (tools/install.sh), then run the default guidance sweep
# (`cfg-sweep`: 4 world prompts x 3 seeds x 4 methods on the embedded model) and print where the report is.
# Extra arguments go to cfg-sweep, e.g. `bash tools/main.sh --steps 30 --method "cfg:g=cos(7.5,0.15)"`;
# OUT=... picks the output folder (default sweep-out/). Running it again resumes: finished images are kept.
# The hub is off (HF_HUB_OFFLINE=1) unless you set HF_HUB_OFFLINE=0 to sweep a hub model with --model.
set -euo pipefail
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=${HF_HUB_OFFLINE:-1} MPLBACKEND=${MPLBACKEND:-Agg}
bash tools/install.sh
. "${VENV:-.venv}/bin/activate"
cfg-sweep --out "${OUT:-sweep-out}" "$@"
