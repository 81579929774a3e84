"""Test the seed's sampler guide on the embedded model; writes nbs/data/sampler_guide.json.

Run: python tools/sampler_guide.py [--model tiny] [--out nbs/data/sampler_guide.json] [--prompts 16] [--seeds 2]
     [--steps 8 10 20 30 50] [--ref 200] [--samplers euler ...] [--threads 2]

For every sampler (each of `min_diffusion.core.SAMPLERS`, plus DPM++ SDE with Karras sigmas) and every step count:
- convergence: the RMS distance (pixels in [0, 1]) of each image to the same sampler's image of the same prompt and
  seed at `--ref` steps; a sampler converges when the distance shrinks towards 0 as the steps grow;
- adherence: `min_diffusion.experiment.score` on the world prompts ('all' and each attribute, with standard errors);
- time: seconds per image and UNet evaluations per image.
Plain CFG at G=5 through `MinimalDiffusion.sweep`. Each sampler is saved as soon as it is done, atomically; a rerun
skips the samplers the file already holds (delete the file, or pass a fresh --out, to start over).
"""
import argparse, json, math, time
from pathlib import Path
import numpy as np
import torch
from diffusers.utils import logging as dlogging
from min_diffusion.core import MinimalDiffusion, SAMPLERS, make_scheduler
from min_diffusion.experiment import score, Mean
from min_diffusion.utils import _atomic_write
from min_diffusion.world import prompt_set, caption
from cf_guidance.transforms import GuidanceTfm

G = 5.
EXTRA = {'dpmpp_sde_karras': ('dpmpp_sde', True)}   # name -> (sampler, use_karras_sigmas)


def plain(r:dict)->dict:
    "`score`'s result as JSON: rates as [p, se, n], means as their value and `<name>_se`"
    out = {}
    for a, v in r.items():
        if isinstance(v, Mean): out[a], out[f'{a}_se'] = v.m, v.se
        else: out[a] = list(v)
    return out


def save(out, res:dict):
    "Write `res` to `out` as JSON, atomically (`min_diffusion.utils._atomic_write`)"
    _atomic_write(out, lambda tmp: Path(tmp).write_text(json.dumps(res, indent=1)))


def images(md:MinimalDiffusion, prompts:list, seeds:list, steps:int, karras:bool)->tuple:
    "Images (float arrays in [0, 1], prompt-major), seconds per image and UNet evaluations per image"
    t = time.time()
    ims = md.sweep(prompts, {'cfg': GuidanceTfm({'g': G})}, seeds, steps=steps, output_type='np',
                   use_karras_sigmas=karras or None)['cfg']   # None: as the sampler is set
    return np.stack(ims), (time.time() - t) / len(ims), float(np.mean(md.unet_evals))


def rms(a:np.ndarray, b:np.ndarray)->tuple:
    "Mean and standard error over images of the per-image RMS distance between `a` and `b`"
    d = np.sqrt(((a - b) ** 2).reshape(len(a), -1).mean(1))
    return float(d.mean()), float(d.std(ddof=1) / math.sqrt(len(d)))


def run_sampler(md:MinimalDiffusion, name:str, specs:list, seeds:list, steps:list, ref:int, base:dict)->dict:
    "Convergence, adherence and time of sampler `name` at every step count; `base`: the model's own scheduler config"
    sampler, karras = EXTRA.get(name, (name, False))
    # from the model's own config: the previous sampler's options (e.g. Karras sigmas) must not carry over
    md.scheduler = make_scheduler(sampler, base)
    prompts = [caption(s) for s in specs]
    target, *_ = images(md, prompts, seeds, ref, karras)
    rows = {}
    for n in steps:
        ims, sec, evals = images(md, prompts, seeds, n, karras)
        pil = [md.image_processor.numpy_to_pil(im[None])[0] for im in ims]
        d, d_se = rms(ims, target)
        rows[str(n)] = dict(distance=d, distance_se=d_se, seconds_per_image=sec, unet_evals=evals,
                            **plain(score(pil, specs, len(seeds))))
        print(f'{name:17s} {n:4d} steps: distance {d:.4f} ± {d_se:.4f}, all {rows[str(n)]["all"][0]:.3f}, '
              f'{sec * 1000:.1f} ms/image', flush=True)
    ref_pil = [md.image_processor.numpy_to_pil(im[None])[0] for im in target]
    rows[str(ref)] = dict(distance=0., distance_se=0., **plain(score(ref_pil, specs, len(seeds))))
    return rows


def main(model='tiny', out='nbs/data/sampler_guide.json', n_prompts=16, n_seeds=2, steps=(8, 10, 20, 30, 50),
         ref=200, samplers=None, threads=2):
    torch.set_num_threads(threads); dlogging.set_verbosity_error()
    out = Path(out)
    res = json.loads(out.read_text()) if out.exists() else {}
    setup = dict(model=model, guidance=f'CFG G={G:g}', prompts=n_prompts, seeds=n_seeds, steps=list(steps), ref=ref)
    if res.get('setup', setup) != setup:
        raise SystemExit(f"{out} holds a run with other settings ({res['setup']}): pass a fresh --out")
    res['setup'] = setup; res.setdefault('samplers', {})
    md = MinimalDiffusion(model, 'cpu', torch.float32, progress=False).load()
    specs, seeds = prompt_set(n_prompts, seed=3), list(range(n_seeds))
    base = dict(md.scheduler.config)
    for name in samplers or [*SAMPLERS, *EXTRA]:
        if name in res['samplers']: continue
        res['samplers'][name] = run_sampler(md, name, specs, seeds, list(steps), ref, base)
        save(out, res)
    return res


if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--model', default='tiny'); p.add_argument('--out', default='nbs/data/sampler_guide.json')
    p.add_argument('--prompts', type=int, default=16); p.add_argument('--seeds', type=int, default=2)
    p.add_argument('--steps', type=int, nargs='+', default=[8, 10, 20, 30, 50])
    p.add_argument('--ref', type=int, default=200); p.add_argument('--samplers', nargs='+')
    p.add_argument('--threads', type=int, default=2)
    a = p.parse_args()
    main(a.model, a.out, a.prompts, a.seeds, a.steps, a.ref, a.samplers, a.threads)
