#!/usr/bin/env bash
# Build the docs site offline: nbdev's own pre-processing (as nbdev_docs does, minus quarto), then smalldocs.
# With quarto installed, `nbdev_docs` (or `nbdev_preview`) renders the same notebooks with the real thing.
# Fails if a notebook does not become a page or a page's image is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
. "${VENV:-.venv}/bin/activate"
export MPLBACKEND=Agg HF_HUB_OFFLINE=1
rm -rf _proc
python -c "from nbdev.quarto import refresh_quarto_yml; from nbdev.serve import proc_nbs; refresh_quarto_yml(); proc_nbs()"
smalldocs render _proc >/dev/null
python tools/check_site.py nbs _proc/_docs
