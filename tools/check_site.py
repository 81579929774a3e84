"""Check the built site: every notebook and qmd page in `nbs` became an html page, with its local images, scripts and
stylesheets present; and no page loads maths (KaTeX/MathJax) from a CDN: `tools/site_maths.py` vendors KaTeX."""
import re, sys
from pathlib import Path
nbs, site = Path(sys.argv[1]), Path(sys.argv[2])
pages = [p for p in nbs.rglob('*') if p.suffix in ('.ipynb', '.qmd')
         and not any(s.startswith(('_', '.')) for s in p.relative_to(nbs).parts)]
REFS = r'<img[^>]+src="([^"]+)"|<script[^>]+src="([^"]+)"|<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"'
missing, broken, cdn, maths = [], [], [], 0
for p in pages:
    html = site/p.relative_to(nbs).with_suffix('.html')
    if not html.exists(): missing.append(str(html)); continue
    text = html.read_text(encoding='utf-8')
    maths += 'class="math ' in text
    for src in (next(g for g in m if g) for m in re.findall(REFS, text)):
        if src.startswith(('http:', 'https:', '//')):
            if re.search(r'katex|mathjax', src, re.I): cdn.append(f'{html}: {src}')
            continue
        if src.startswith('data:'): continue
        if not (html.parent/src.split('#')[0].split('?')[0]).exists(): broken.append(f'{html}: {src}')
print(f'site: {len(pages)} pages expected, {len(pages)-len(missing)} rendered, '
      f'{len(broken)} broken images/scripts/styles, '
      f'{maths} with maths, {len(cdn)} maths links to a CDN')
for m in missing: print('missing page:', m)
for b in broken: print('broken link:', b)
for c in cdn: print('maths from a CDN:', c)
sys.exit(1 if missing or broken or cdn else 0)
