"""Evaluate the embedded model and its weak twin on the world; writes nbs/data/tiny_eval.json.

Run: python tools/eval_tiny.py [--model tiny] [--weak tiny-weak] [--out nbs/data/tiny_eval.json] [--threads 2]

Blocks (each saved as soon as it is done, atomically; a rerun skips the blocks the file already holds):
- runs: the 64 prompts of `prompt_set(64)` x 4 seeds at G = 1, 3, 7.5, 15: plain CFG from diffusers'
  `StableDiffusionPipeline`, BaseNorm / T-Norm / FullNorm from `MinimalDiffusion` (T-Norm and FullNorm at G/50).
- partial: prompts that leave things out ("a red circle", "a big red circle", "a red circle left of a blue
  square") at G = 1, 3, 5, 7.5, 10 (each family and G saved as it is done).
- autoguidance: `AutoGuidance` with the weak twin at several scales, the weak twin alone, and paired
  differences (same prompt, seed and noise) against CFG at its best G.
Euler, 25 steps, for every block.
"""
import argparse, json, math, os, tempfile, time
from pathlib import Path
import numpy as np
import torch
from diffusers import StableDiffusionPipeline
from diffusers.utils import logging as dlogging
from min_diffusion.core import MinimalDiffusion, resolve_model
from min_diffusion.experiment import score, Mean
from min_diffusion.train import pipe_images
from min_diffusion.world import (COLOURS, SHAPES, SIZES, RELATIONS, Obj, Spec, prompt_set, caption, check, parse,
                                 random_obj)
from cf_guidance.transforms import GuidanceTfm, BaseNormGuidance, TNormGuidance, FullNormGuidance
from cf_guidance.methods import AutoGuidance

GS, SEEDS, STEPS = (1, 3, 7.5, 15), [0, 1, 2, 3], 25
PARTIAL_GS = (1, 3, 5, 7.5, 10) # the partial prompts' scales


def mean_se(v):
    "Mean and standard error of the values `v`"
    v = np.asarray(v, dtype=float)
    return float(v.mean()), float(v.std(ddof=1) / math.sqrt(len(v))) if len(v) > 1 else 0.


def plain(r):
    "`score`'s result as JSON: rates as [p, se, n], means as their value and `<name>_se`"
    out = {}
    for a, v in r.items():
        if isinstance(v, Mean): out[a], out[f'{a}_se'] = v.m, v.se
        else: out[a] = list(v) if isinstance(v, tuple) else v
    return out


def evaluate(images, specs, n_seeds):
    "`score` of prompt-major `images` of `specs` (one per prompt), as JSON"
    return plain(score(images, specs, n_seeds))


def save(out, res):
    "Write `res` to `out` atomically"
    out = Path(out); out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f'.{out.stem}-', suffix='.json')
    with os.fdopen(fd, 'w') as f: json.dump(res, f, indent=1)
    os.replace(tmp, out)


def partial_prompts():
    "Three families of partial prompts: colour+shape, size+colour+shape, and two objects with a relation only"
    rng = np.random.default_rng(7)
    two = []
    while len(two) < 48:
        a, b = random_obj(rng), random_obj(rng)
        if a.colour != b.colour: two.append(Spec((Obj(a.colour, a.shape, None), Obj(b.colour, b.shape, None)),
                                                 str(rng.choice(RELATIONS)), None))
    return {'a {colour} {shape}': ([Spec((Obj(c, s, None),), None, None) for c in COLOURS for s in SHAPES], 8),
            'a {size} {colour} {shape}': ([Spec((Obj(c, s, z),), None, None) for z in SIZES for c in COLOURS
                                           for s in SHAPES], 4),
            'a {colour} {shape} {relation} a {colour} {shape}': (two, 4)}


def main(model='tiny', weak='tiny-weak', out='nbs/data/tiny_eval.json', threads=2):
    torch.set_num_threads(threads); dlogging.set_verbosity_error()
    res = json.loads(Path(out).read_text()) if Path(out).exists() else {}
    res.setdefault('seconds', {})
    pipe = StableDiffusionPipeline.from_pretrained(resolve_model(model), local_files_only=True)
    md = MinimalDiffusion(model, 'cpu', torch.float32, scheduler_kls='euler', progress=False,
                          denoisers={'weak': weak}).load()
    specs = prompt_set(64); prompts = [caption(s) for s in specs]; per_image = [s for s in specs for _ in SEEDS]
    if 'runs' not in res:
        t0, runs, checks = time.time(), {}, {}
        for g in GS:
            ims = pipe_images(pipe, prompts, SEEDS, g, STEPS)
            runs[f'CFG G={g}'] = evaluate(ims, specs, len(SEEDS)); print(f'CFG G={g}', flush=True)
        for k, cls, f in (('BaseNorm', BaseNormGuidance, 1), ('TNorm', TNormGuidance, 1/50),
                          ('FullNorm', FullNormGuidance, 1/50)):
            for g in GS:
                ims = md.sweep(prompts, {k: cls({'g': g * f})}, SEEDS, steps=STEPS)[k]
                runs[f'{k} G={g}'] = evaluate(ims, specs, len(SEEDS)); print(f'{k} G={g}', flush=True)
        res['runs'] = runs; res['seconds']['runs'] = time.time() - t0; save(out, res)
    part = res.setdefault('partial', {})
    for fam, (sp, n_seeds) in partial_prompts().items():
        seeds, rows = list(range(n_seeds)), part.setdefault(fam, {})
        for g in PARTIAL_GS:
            if f'G={g}' in rows: continue
            t0 = time.time()
            rows[f'G={g}'] = evaluate(pipe_images(pipe, [caption(s) for s in sp], seeds, g, STEPS), sp, n_seeds)
            res['seconds']['partial'] = res['seconds'].get('partial', 0) + time.time() - t0; save(out, res)
            print(fam, f'G={g}', round(rows[f'G={g}']['all'][0], 3), flush=True)
    if 'autoguidance' not in res:
        t0 = time.time()
        best = max((f'CFG G={g}' for g in GS), key=lambda k: res['runs'][k]['all'][0])
        g_best = float(best.split('=')[1])
        methods = {best: GuidanceTfm({'g': g_best}), **{f'AutoGuidance G={g}': AutoGuidance({'g': g}) for g in
                                                         (1.5, 2, 3, 5)}}
        ims = md.sweep(prompts, methods, SEEDS, steps=STEPS)
        chk = {k: [check(im, s) for im, s in zip(v, per_image)] for k, v in ims.items()}
        ag = {}
        for k, v in ims.items():
            ag[k] = evaluate(v, specs, len(SEEDS))
            ag[k]['all_minus_cfg'] = mean_se([int(a['all']) - int(b['all']) for a, b in zip(chk[k], chk[best])])
            print(k, round(ag[k]['all'][0], 3), ag[k]['all_minus_cfg'], flush=True)
        wpipe = StableDiffusionPipeline.from_pretrained(resolve_model(weak), local_files_only=True)
        for g in (3, 7.5):
            ag[f'tiny-weak CFG G={g}'] = evaluate(pipe_images(wpipe, prompts, SEEDS, g, STEPS), specs, len(SEEDS))
        res['autoguidance'] = dict(reference=best, rows=ag); res['seconds']['autoguidance'] = time.time() - t0
        save(out, res)
    return res


if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--model', default='tiny'); p.add_argument('--weak', default='tiny-weak')
    p.add_argument('--out', default='nbs/data/tiny_eval.json'); p.add_argument('--threads', type=int, default=2)
    a = p.parse_args()
    main(a.model, a.weak, a.out, a.threads)
