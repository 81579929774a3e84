"Check that every notebook and qmd page in `nbs` became an html page in the site, with its local images present."
import re, sys
from pathlib import Path
nbs, site = Path(sys.argv[1]), Path(sys.argv[2])
pages = [p for p in nbs.rglob('*') if p.suffix in ('.ipynb', '.qmd') and not any(s.startswith(('_', '.')) for s in p.relative_to(nbs).parts)]
missing, broken = [], []
for p in pages:
    html = site/p.relative_to(nbs).with_suffix('.html')
    if not html.exists(): missing.append(str(html)); continue
    for src in re.findall(r'<img[^>]+src="([^"]+)"', html.read_text(encoding='utf-8')):
        if src.startswith(('data:', 'http:', 'https:')): continue
        if not (html.parent/src.split('#')[0].split('?')[0]).exists(): broken.append(f'{html}: {src}')
print(f'site: {len(pages)} pages expected, {len(pages)-len(missing)} rendered, {len(broken)} broken images')
for m in missing: print('missing page:', m)
for b in broken: print('broken image:', b)
sys.exit(1 if missing or broken else 0)
