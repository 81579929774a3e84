"""Vendor KaTeX into the built site and point every page's maths at that copy, so equations render offline.

The `project.post-render` script of `nbs/_quarto.yml`: smalldocs (`tools/docs.sh`) and Quarto (`nbdev_docs`) both run it
in the project folder (`_proc`) after rendering, with `QUARTO_PROJECT_OUTPUT_DIR` naming the site (`_docs`). By hand:
`python tools/site_maths.py _proc/_docs`.

KaTeX comes from the npm registry (`npm pack katex@VERSION`), pinned by version and by the registry's sha512, and is
cached in `.cache/katex/` (git-ignored), so only the first build needs the registry.
`KATEX_TGZ=path/to/katex-VERSION.tgz`
uses a tarball you fetched yourself. With neither npm nor a cached tarball the build FAILS with a message saying so:
there is no CDN fallback, because a site whose maths needs a CDN is what this script exists to prevent.

Into `SITE/katex/` go `katex.min.css`, `katex.min.js`, `contrib/auto-render.min.js`, `fonts/` and KaTeX's LICENSE (MIT).
Then in every html page each `<script>`/`<link>` that loads one of those three files (smalldocs writes
`https://cdn.jsdelivr.net/npm/katex@0.16.11/dist/...`, Quarto writes its `html-math-method` url) is pointed at the local
copy by a path relative to the page, without `integrity`/`crossorigin` (which break `file://`). A page that has
`<span class="math ...">` but loads no KaTeX gets the tags injected, with auto-render set to the delimiters
smalldocs and
Pandoc write: `\\(...\\)` inline and `\\[...\\]` display (`$...$` and `$$...$$` in the sources become those).
"""
import base64, hashlib, os, re, shutil, subprocess, sys, tarfile
from pathlib import Path

VERSION = "0.16.11"  # the version smalldocs 0.5.4 links to; bump both together
INTEGRITY = "sha512-RQrI8rlHY92OLf3rho/Ts8i/XvjgguEjOkO1BEXcU3N8BqPpSzBNwV/G0Ukr+P/l3ivvJUE/Fa/CwbS6HesGNQ=="
ASSETS = ("katex.min.css", "katex.min.js", "contrib/auto-render.min.js")
REPO = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("KATEX_CACHE") or REPO / ".cache" / "katex")  # KATEX_CACHE to move it


def fail(msg):
    print(f"site_maths.py: {msg}", file=sys.stderr)
    sys.exit(1)


def sri(path):  # The npm-style integrity string of a file
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


def tarball():  # The pinned, verified KaTeX tarball: KATEX_TGZ, the cache, or fetched with `npm pack`
    if os.environ.get("KATEX_TGZ"):
        tgz = Path(os.environ["KATEX_TGZ"])
        if not tgz.is_file(): fail(f"KATEX_TGZ={tgz} is not a file")
    else:
        tgz = CACHE / f"katex-{VERSION}.tgz"
        if not tgz.is_file():
            CACHE.mkdir(parents=True, exist_ok=True)
            npm = shutil.which("npm")
            if not npm:
                fail(f"npm is not installed, and {tgz} is not cached: KaTeX {VERSION} is needed to render the site's "
                     f"maths offline. Install npm (apt-get install npm), or run `npm pack katex@{VERSION}` somewhere "
                     f"with the registry and put the tarball in {CACHE}/ (or set KATEX_TGZ).")
            try:
                r = subprocess.run([npm, "pack", f"katex@{VERSION}", "--loglevel=error", "--fetch-retries=1",
                                    "--fetch-retry-mintimeout=2000", "--fetch-timeout=60000"],
                                   cwd=CACHE, capture_output=True, text=True, timeout=300)
            except subprocess.TimeoutExpired:
                r = None
            if r is None or r.returncode or not tgz.is_file():
                err = "timed out after 300 s" if r is None else "; ".join(
                    l.removeprefix("npm error ").strip() for l in r.stderr.splitlines()
                    if l.startswith("npm error") and "A complete log" not in l
                    and not l.removeprefix("npm error").strip().startswith("at "))[:300] \
                or f"npm exit code {r.returncode}"
                fail(f"could not fetch KaTeX {VERSION} from the npm registry ({err}). The site's maths needs it; "
                     f"with the registry unreachable, put katex-{VERSION}.tgz in {CACHE}/ or set KATEX_TGZ.")
    if sri(tgz) != INTEGRITY:
        fail(f"{tgz} is not katex@{VERSION} as published (sha512 differs from the pinned {INTEGRITY}); "
             "delete it and rebuild")
    return tgz


def vendor(site):  # Unpack the assets into SITE/katex
    dest = site / "katex"
    if dest.exists(): shutil.rmtree(dest)
    n = 0
    with tarfile.open(tarball()) as tf:
        for m in tf.getmembers():
            name = m.name.removeprefix("package/")
            rel = name.removeprefix("dist/") if name.startswith("dist/") else name
            asset = rel in ASSETS or (rel.startswith("fonts/") and m.isfile())
            keep = (name.startswith("dist/") and asset) or name == "LICENSE"
            if not keep or not m.isfile() or ".." in Path(rel).parts: continue
            out = dest / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(tf.extractfile(m).read())
            n += 1
    missing = [a for a in ASSETS if not (dest / a).is_file()]
    if missing or not any((dest / "fonts").glob("*.woff2")): fail(f"the KaTeX tarball lacks {missing or 'fonts/'}")
    return dest, n


TAG = re.compile(r"<(?:script|link)\b[^>]*>", re.I)
REF = re.compile(r'\b(src|href)="[^"]*?(' + "|".join(re.escape(a) for a in ASSETS) + r')"')
MATH = re.compile(r'<span class="math (?:inline|display)">')
INIT = ('<script>document.addEventListener("DOMContentLoaded",function(){if(window.renderMathInElement)'
        'renderMathInElement(document.body,{delimiters:[{left:"\\\\[",right:"\\\\]",display:true},'
        '{left:"\\\\(",right:"\\\\)",display:false}],throwOnError:false});});</script>')


def local(tag, rel):  # A KaTeX tag pointed at the local copy, without attributes that break file://
    tag = REF.sub(lambda m: f'{m[1]}="{rel}/{m[2]}"', tag)
    return re.sub(r'\s(?:integrity|crossorigin)(?:="[^"]*")?', "", tag)


def rewrite(site, kdir):  # Point each page's KaTeX at kdir; inject it where a page has maths and no KaTeX
    stats = dict(pages=0, rewritten=0, injected=0)
    for html in site.rglob("*.html"):
        if kdir in html.parents: continue
        text = html.read_text(encoding="utf-8")
        rel = Path(os.path.relpath(kdir, html.parent)).as_posix()
        tags = [t for t in TAG.findall(text) if REF.search(t)]
        new = TAG.sub(lambda m: local(m[0], rel) if REF.search(m[0]) else m[0], text)
        if tags: stats["rewritten"] += 1  # (already local when the script runs twice: then unchanged)
        elif MATH.search(text) and "</head>" in text:
            tags = (f'<link rel="stylesheet" href="{rel}/katex.min.css">'
                    f'<script src="{rel}/katex.min.js" defer></script>'
                    f'<script src="{rel}/contrib/auto-render.min.js" defer></script>{INIT}')
            new = text.replace("</head>", tags + "</head>", 1)
            stats["injected"] += 1
        if new != text: html.write_text(new, encoding="utf-8")
        stats["pages"] += 1
    return stats


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("QUARTO_PROJECT_OUTPUT_DIR")
    if not out: fail("usage: site_maths.py SITE (or run as a post-render script, with QUARTO_PROJECT_OUTPUT_DIR set)")
    site = Path(out).resolve()
    if not site.is_dir(): fail(f"{site} is not a folder")
    kdir, n = vendor(site)
    s = rewrite(site, kdir)
    print(f"maths: KaTeX {VERSION} vendored into {kdir.relative_to(site)}/ ({n} files); {s['rewritten']} of "
          f"{s['pages']} pages pointed at it, {s['injected']} given it", file=sys.stderr)


if __name__ == "__main__":
    main()
