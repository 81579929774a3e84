"""Fail when a line of code in a blog post is wider than the text column: python tools/check_widths.py [NB ...]

The posts' code cells are read in an 88-character column (the site's `styles.css`, and Black's default), so a longer
line scrolls sideways. Checks every `nbs/blog/posts/*/index.ipynb` unless notebooks are named. Outputs are not
checked."""
import json, sys
from pathlib import Path

WIDTH = 88
root = Path(__file__).resolve().parent.parent
nbs = [Path(a) for a in sys.argv[1:]] or sorted((root / 'nbs/blog/posts').glob('*/index.ipynb'))
bad = []
for nb in nbs:
    for i, c in enumerate(json.loads(nb.read_text(encoding='utf-8'))['cells']):
        if c['cell_type'] != 'code': continue
        src = ''.join(c['source']) if isinstance(c['source'], list) else c['source']
        for j, line in enumerate(src.splitlines(), 1):
            if len(line) > WIDTH:
                bad.append(f'{nb}: cell {i} line {j}: {len(line)} > {WIDTH} characters: {line[:60]}...')
print(f'widths: {len(nbs)} posts, {len(bad)} code lines over {WIDTH} characters')
for b in bad: print(b)
sys.exit(1 if bad else 0)
