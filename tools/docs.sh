#!/usr/bin/env bash
# Build the docs site offline: nbdev's own pre-processing (as nbdev_docs does, minus quarto), then smalldocs.
# With quarto installed, `nbdev_docs` (or `nbdev_preview`) renders the same notebooks with the real thing.
# Maths renders offline: smalldocs runs the post-render script of nbs/_quarto.yml, tools/site_maths.py, which copies
# KaTeX (pinned; from the npm registry on the first build, then from .cache/katex/) into _proc/_docs/katex/ and points
# every page at it. No npm and no cached tarball: the build fails and says what to do (there is no CDN fallback).
# Fails if a blog post has a code line over 88 characters, a notebook does not become a page, a page's image, script
# or stylesheet is missing, or a page loads maths from a CDN.
# DOCS_CHECK_MATHS=1 also checks in headless Chromium that KaTeX renders every page's maths (tools/check_maths.py).
set -euo pipefail
cd "$(dirname "$0")/.."
. "${VENV:-.venv}/bin/activate"
export MPLBACKEND=Agg HF_HUB_OFFLINE=1
python tools/check_widths.py
rm -rf _proc
python -c "from nbdev.quarto import refresh_quarto_yml; from nbdev.serve import proc_nbs; refresh_quarto_yml(); proc_nbs()"
smalldocs render _proc >/dev/null
python tools/check_site.py nbs _proc/_docs
if [ "${DOCS_CHECK_MATHS:-0}" = 1 ]; then python tools/check_maths.py _proc/_docs; fi
