"""Check in headless Chromium that the built site's maths renders: python tools/check_maths.py [SITE] [--screenshot PNG]

Opens pages of SITE (default `_proc/_docs`, built by `tools/docs.sh`) over file:// with `chromium --headless --dump-dom`
and fails unless, on every page with maths (`<span class="math ...">`), KaTeX has produced `.katex` elements for
each span and no `\\(` or `\\[` delimiter is left in the rendered text. `--screenshot` also saves a PNG of the first
page checked (the blog's Part 2 by default), scrolled to its first equation. Needs Chromium (`apt-get install
chromium`); works without a network,
which is the point: the pages load the KaTeX that `tools/site_maths.py` vendored into SITE/katex/.
Pages to check can be named after SITE, relative to it; by default: every page with maths."""
import argparse, html as htmllib, re, shutil, subprocess, sys, tempfile
from pathlib import Path

p = argparse.ArgumentParser()
p.add_argument('site', nargs='?', default='_proc/_docs')
p.add_argument('pages', nargs='*')
p.add_argument('--screenshot', default=None, help='save a PNG of the first page here')
p.add_argument('--size', default='1400,900', help='window size for the screenshot, W,H')
p.add_argument('--chromium', default=None)
a = p.parse_args()
site = Path(a.site).resolve()
exe = a.chromium or shutil.which('chromium') or shutil.which('chromium-browser') or shutil.which('google-chrome')
if not exe: sys.exit('check_maths.py: no chromium: apt-get install -y chromium')
MATH = re.compile(r'<span class="math (?:inline|display)">')
if a.pages: pages = [site / q for q in a.pages]
else:
    pages = sorted(h for h in site.rglob('*.html')
                   if 'katex' not in h.relative_to(site).parts and MATH.search(h.read_text(encoding='utf-8')))
    first = site / 'blog/posts/part2-normalizations/index.html'
    if first in pages: pages.remove(first); pages.insert(0, first)
if not pages: sys.exit(f'check_maths.py: no pages with maths in {site}')
profile = tempfile.mkdtemp(prefix='check-maths-')
BASE = [exe, '--headless', '--disable-gpu', '--no-sandbox', '--no-first-run', '--disable-extensions',
        '--disable-dev-shm-usage', '--allow-file-access-from-files', f'--user-data-dir={profile}',
        '--virtual-time-budget=10000', '--run-all-compositor-stages-before-draw']


def chromium(*args):
    r = subprocess.run(BASE + list(args), capture_output=True, text=True, timeout=180)
    return r


def text_of(dom):  # The page's visible text, roughly: scripts, styles and KaTeX's MathML/TeX annotations removed
    dom = re.sub(r'<(script|style|annotation)\b.*?</\1>', ' ', dom, flags=re.S | re.I)
    return htmllib.unescape(re.sub(r'<[^>]+>', ' ', dom))


TMP = '.check_maths_shot.html'  # a copy of the page beside it (so its relative links hold), removed after
FIND = ('<script>window.addEventListener("load",function(){var e=document.querySelector("main .katex-display")||'
        'document.querySelector("main p .katex");if(e)document.body.setAttribute("data-maths-y",'
        'Math.round(e.getBoundingClientRect().top+window.scrollY));});</script>')


def tmp_page(page, src):  # The copy of the page that marks where its first equation is; its file:// URI
    t = page.with_name(TMP)
    t.write_text(src.replace('</body>', FIND + '</body>', 1), encoding='utf-8')
    return t.as_uri()


bad = []
try:
    for i, page in enumerate(pages):
        src = page.read_text(encoding='utf-8')
        spans = len(MATH.findall(src))
        r = chromium('--dump-dom', page.as_uri())
        dom = r.stdout
        if r.returncode or '<html' not in dom.lower():
            bad.append(f'{page}: chromium failed (rc {r.returncode}): {r.stderr.strip()[-300:]}'); continue
        katex = len(re.findall(r'<span class="katex(?:-display)?"', dom))
        n_inline = len(re.findall(r'<span class="katex">', dom))
        raw = [m.group(0) for m in re.finditer(r'\\[(\[].{0,30}', text_of(dom))]
        errors = len(re.findall(r'class="katex-error"', dom))
        ok = n_inline >= spans and not raw and not errors
        print(f'{"ok " if ok else "BAD"} {page.relative_to(site)}: {spans} maths spans, {n_inline} rendered by KaTeX, '
              f'{len(raw)} raw delimiters left, {errors} KaTeX errors')
        if not ok: bad.append(f'{page}: {spans} spans, {n_inline} .katex, raw: {raw[:3]}, errors: {errors}')
        if i == 0 and a.screenshot:
            shot = Path(a.screenshot).resolve()
            shot.parent.mkdir(parents=True, exist_ok=True)
            # where the first rendered equation is (KaTeX ran in the dump), then a window tall enough to hold it,
            # cropped to the equation and what is around it
            dom = chromium('--dump-dom', '--window-size=' + a.size, tmp_page(page, src)).stdout
            m = re.search(r'data-maths-y="(\d+)"', dom)
            (page.with_name(TMP)).unlink(missing_ok=True)
            y = int(m[1]) if m else 0
            w, h = (int(v) for v in a.size.split(','))
            top = max(0, y - h // 3)
            r = chromium(f'--screenshot={shot}', '--hide-scrollbars', f'--window-size={w},{top + h}',
                         tmp_page(page, src))
            (page.with_name(TMP)).unlink(missing_ok=True)
            if not r.returncode and shot.exists() and top:
                try:
                    from PIL import Image
                    im = Image.open(shot)
                    im.crop((0, top, im.width, min(im.height, top + h))).save(shot, optimize=True)
                except ImportError:
                    pass  # the whole page down to the equation, then
            if r.returncode or not shot.exists(): bad.append(f'screenshot failed: {r.stderr.strip()[-300:]}')
            else: print(f'screenshot of {page.relative_to(site)}: {shot} ({shot.stat().st_size // 1024} KB)')
finally:
    shutil.rmtree(profile, ignore_errors=True)
print(f'maths: {len(pages)} pages checked in chromium, {len(bad)} failing')
for b in bad: print(b)
sys.exit(1 if bad else 0)
