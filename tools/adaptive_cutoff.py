"""Adaptive guidance on the embedded model: adherence against UNet evaluations saved, paired with CFG at its best G.

Run: python tools/adaptive_cutoff.py [--n 64] [--seeds 4] [--steps 25] [--out nbs/data/adaptive_cutoff.json]
Prints a markdown table; writes the numbers as JSON (atomically). Same prompts, seeds and noise for every method.
"""
import argparse, json, math, os, tempfile, time
import numpy as np
import torch
from min_diffusion.core import MinimalDiffusion
from min_diffusion.world import prompt_set, caption, check
from cf_guidance.transforms import GuidanceTfm
from cf_guidance.methods import AdaptiveGuidance


def mean_se(v):
    "Mean and standard error of the values `v`"
    v = np.asarray(v, dtype=float)
    return float(v.mean()), float(v.std(ddof=1) / math.sqrt(len(v))) if len(v) > 1 else 0.


def run(n=64, n_seeds=4, steps=25, g=3., taus=(0.99, 0.995, 0.999), threads=1):
    torch.set_num_threads(threads)
    pipe = MinimalDiffusion('tiny', 'cpu', progress=False).load()
    specs, seeds = prompt_set(n, seed=1), list(range(n_seeds))
    prompts = [caption(s) for s in specs for _ in seeds]
    methods = {'CFG G=1': GuidanceTfm({'g': 1.}), f'CFG G={g:g}': GuidanceTfm({'g': g}),
               **{f'adaptive tau={t:g}': AdaptiveGuidance({'g': g, 'threshold': t}) for t in taus}}
    res, checks = {}, {}
    for name, m in methods.items():
        t0 = time.time()
        imgs = pipe.generate(prompts, [m] * len(prompts), steps=steps, seed=seeds * n)
        checks[name] = [check(im, s) for im, s in zip(imgs, [s for s in specs for _ in seeds])]
        evals = mean_se(pipe.unet_evals)
        res[name] = {a: mean_se([c[a] for c in checks[name] if a in c]) for a in ('all', 'colour', 'shape', 'size',
                                                                                  'relation')}
        res[name].update(evals_per_image=evals, seconds=time.time() - t0)
        print(f"{name}: all {res[name]['all'][0]:.3f} evals {evals[0]:.1f} ({time.time() - t0:.0f} s)", flush=True)
    ref = f'CFG G={g:g}'
    for name in methods:   # paired differences against CFG at its best G: same prompt, seed and noise
        d = [int(a['all']) - int(b['all']) for a, b in zip(checks[name], checks[ref])]
        res[name]['all_minus_cfg'] = mean_se(d)
    return dict(n_prompts=n, n_seeds=n_seeds, steps=steps, g=g, runs=res)


def table(out):
    "Markdown table of `run`'s result"
    rows = ['| method | all (%) | paired diff vs CFG (pp) | colour (%) | relation (%) | UNet evals / image |',
            '|---|---|---|---|---|---|']
    for k, r in out['runs'].items():
        f = lambda v: f"{100 * v[0]:.1f} ± {100 * v[1]:.1f}"
        rows.append(f"| {k} | {f(r['all'])} | {f(r['all_minus_cfg'])} | {f(r['colour'])} | {f(r['relation'])} | "
                    f"{r['evals_per_image'][0]:.1f} |")
    return '\n'.join(rows)


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--n', type=int, default=64); ap.add_argument('--seeds', type=int, default=4)
    ap.add_argument('--steps', type=int, default=25); ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--out', default='nbs/data/adaptive_cutoff.json')
    a = ap.parse_args()
    out = run(a.n, a.seeds, a.steps, threads=a.threads)
    print(table(out))
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(a.out) or '.', prefix='.adaptive-', suffix='.json')
    with os.fdopen(fd, 'w') as f: json.dump(out, f, indent=1)
    os.replace(tmp, a.out)
