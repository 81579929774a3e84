"""Wrap a blog post's code lines over 88 characters, touching only the statements that hold them (the fixer for
`tools/check_widths.py`): python tools/wrap_widths.py nbs/blog/posts/<post>/index.ipynb [...]; then nbdev_clean --fname.

Needs black, which is not a dependency of the project: run it from a throwaway environment, e.g.
`python3 -m venv /tmp/bv && /tmp/bv/bin/pip install black && /tmp/bv/bin/python tools/wrap_widths.py NB`.
For each long line: comment blocks holding a long line are re-wrapped; a trailing comment that makes a line long
moves above its statement; a one-line docstring becomes a parenthesised implicit concatenation (the same string);
then the smallest run of statements covering the line is formatted with black (line length 88 minus its indent,
quotes kept, long strings split), re-indented and put back. A cell is only written back if its Python AST is
unchanged (so behaviour is too); outputs, metadata and markdown are never touched. Lines it cannot shorten are
listed."""
import ast, io, json, sys, textwrap, tokenize
import black
from black.mode import Mode, Preview

W = 88


def fmt(code, width):
    mode = Mode(line_length=width, string_normalization=False, enabled_features={Preview.string_processing},
                magic_trailing_comma=True)
    return black.format_str(code, mode=mode)


def stmt_starts(src):
    "Line -> (first line, indent) of the innermost simple statement covering it."
    try:
        tree = ast.parse(src)
    except SyntaxError:
        return {}
    out = {}
    for n in ast.walk(tree):
        if isinstance(n, ast.stmt) and not any(isinstance(getattr(n, f, None), list) and getattr(n, f) and
                                               isinstance(getattr(n, f)[0], ast.stmt) for f in ('body', 'orelse')):
            for ln in range(n.lineno, n.end_lineno + 1):
                if ln not in out or out[ln][0] < n.lineno: out[ln] = (n.lineno, n.col_offset)
    return out


def wrap_comment(text, ind):
    return textwrap.wrap(text, W, initial_indent=ind + '# ', subsequent_indent=ind + '# ',
                         break_long_words=False, break_on_hyphens=False)


def comments(src):
    "Re-wrap comment blocks that hold a long line; move a long line's trailing comment above its statement."
    lines = src.split('\n')
    try:
        toks = list(tokenize.generate_tokens(io.StringIO(src).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        toks = []
    trailing = {t.start[0]: t for t in toks if t.type == tokenize.COMMENT and t.line[:t.start[1]].strip()}
    starts = stmt_starts(src)
    above = {}  # line -> comment lines to insert above it
    out = list(lines)
    # trailing comments
    for i, line in enumerate(lines, 1):
        t = trailing.get(i)
        if len(line) <= W or not t or t.end[1] != len(line) or len(line[:t.start[1]].rstrip()) > W and False: continue
        first, col = starts.get(i, (i, len(line) - len(line.lstrip())))
        ind = lines[first - 1][:len(lines[first - 1]) - len(lines[first - 1].lstrip())]
        above.setdefault(first, []).extend(wrap_comment(t.string[1:].strip(), ind))
        out[i - 1] = line[:t.start[1]].rstrip()
    # full-line comment blocks
    res, i = [], 0
    while i < len(out):
        line = out[i]; s = line.lstrip(); ind = line[:len(line) - len(s)]
        if s.startswith('#') and not s.startswith('#|'):
            j = i
            while j < len(out) and out[j].lstrip().startswith('#') and not out[j].lstrip().startswith('#|') \
                    and out[j][:len(out[j]) - len(out[j].lstrip())] == ind and (i + 1 + j - i) not in above:
                j += 1
            block = out[i:j]
            for k in range(i, j): 
                pass
            if any(len(b) > W for b in block):
                text = ' '.join(b.lstrip()[1:].strip() for b in block)
                block = wrap_comment(text, ind)
            res.append((i + 1, block)); i = j
        else:
            res.append((i + 1, [line])); i += 1
    final = []
    for ln, block in res:
        final += above.get(ln, [])
        final += block
    return '\n'.join(final)


def bodies(node):
    for f in ('body', 'orelse', 'finalbody', 'handlers', 'cases'):
        b = getattr(node, f, None)
        if isinstance(b, list) and b and isinstance(b[0], (ast.stmt, ast.excepthandler, ast.match_case)):
            yield b


def span(stmts, ln):
    "The innermost run of statements (lines a..b) whose lines include line ln."
    hit = [s for s in stmts if s.lineno <= ln <= s.end_lineno]
    if not hit: return None
    if len(hit) == 1:
        s = hit[0]
        for b in bodies(s):
            if b[0].lineno > s.lineno and b[0].lineno <= ln <= b[-1].end_lineno:
                r = span(b, ln)
                if r: return r
        if isinstance(s, ast.ExceptHandler) or (hasattr(ast, 'match_case') and isinstance(s, ast.match_case)):
            return None
    return hit[0].lineno, max(h.end_lineno for h in hit), hit[0].col_offset


def split_str(line):
    "A line that is one string literal (a docstring), as a parenthesised implicit concatenation of pieces that fit."
    s = line.strip(); ind = line[:len(line) - len(line.lstrip())]
    try:
        if not isinstance(ast.literal_eval(s), str): return None
    except Exception:
        return None
    q = s[-1]
    pre = s[:s.index(q)]
    if s.endswith(q * 3) or len(pre) > 2: return None
    body = s[len(pre) + 1:-1]
    room = W - len(ind) - 4 - len(pre) - 2
    pieces, cur = [], ''
    for w in body.split(' '):
        cand = (cur + ' ' + w) if cur else w
        if len(cand) + 1 > room and cur and not cur.endswith('\\'):
            pieces.append(cur + ' '); cur = w
        else:
            cur = cand
    pieces.append(cur)
    out = [ind + '(']
    out += [ind + '    ' + pre + q + p + q for p in pieces]
    out.append(ind + ')')
    new = '\n'.join(out)
    if ast.literal_eval(new.strip()) != ast.literal_eval(s): return None
    return new


def fix_cell(src):
    src = comments(src)
    src = '\n'.join((split_str(l) or l) if len(l) > W else l for l in src.split('\n'))
    for _ in range(50):
        lines = src.split('\n')
        long = [i for i, l in enumerate(lines, 1) if len(l) > W and not l.lstrip().startswith('#')]
        if not long: return src, []
        try:
            tree = ast.parse(src)
        except SyntaxError as e:
            return src, [f'syntax: {e}']
        done = False
        for ln in long:
            r = span(tree.body, ln)
            if not r: continue
            a, b, col = r
            ind = lines[a - 1][:col]
            if lines[a - 1][:col].strip(): continue
            # black sees the statements dedented, with room for their indent
            chunk = textwrap.dedent('\n'.join(lines[a - 1:b]))
            try:
                new = fmt(chunk, W - len(ind)).rstrip('\n')
            except Exception as e:
                continue
            new = '\n'.join((ind + l) if l else l for l in new.split('\n'))
            if new == '\n'.join(lines[a - 1:b]): continue
            lines[a - 1:b] = new.split('\n')
            src = '\n'.join(lines)
            done = True
            break
        if not done: break
    return src, [l for l in src.split('\n') if len(l) > W]


def main():
    for fn in sys.argv[1:]:
        nb = json.load(open(fn, encoding='utf-8'))
        left = []
        n = 0
        for i, c in enumerate(nb['cells']):
            if c['cell_type'] != 'code': continue
            src = ''.join(c['source'])
            if all(len(l) <= W for l in src.split('\n')): continue
            new, bad = fix_cell(src)
            if new != src:
                ast.parse(new)  # still Python
                try:
                    same = ast.dump(ast.parse(new)) == ast.dump(ast.parse(src))
                except SyntaxError:
                    same = False
                if not same: print(f'{fn}: cell {i}: AST CHANGED'); continue
                c['source'] = new.splitlines(keepends=True)
                n += 1
            left += [f'  cell {i}: {l}' for l in bad]
        if n:
            with open(fn, 'w', encoding='utf-8') as f:
                json.dump(nb, f, indent=1, ensure_ascii=False); f.write('\n')
        print(f'{fn}: {n} cells changed, {len(left)} lines still long')
        for l in left: print(l)


if __name__ == '__main__':
    main()
