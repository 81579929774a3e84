"""Measure how often the world ControlNet puts the objects on their silhouettes; writes nbs/data/control_eval.json.

Run: python tools/eval_control.py --controlnet min_diffusion/models/tiny-controlnet [--model tiny]
     [--out nbs/data/control_eval.json] [--prompts 64] [--seeds 2] [--g 5] [--steps 25] [--threads 2]

Each prompt is a partial description of a random world spec (as in training), with the silhouette of a fresh layout
of that spec. Every prompt and seed is sampled with the ControlNet at conditioning scale 1 and at scale 0 (which is
the model without it), through diffusers' `StableDiffusionControlNetPipeline` (Euler). Reported per scale:
placement (IoU of foreground and silhouette >= 0.5) and the mean IoU, each with its standard error, and the world's
adherence to the prompt (`min_diffusion.experiment.score`).
"""
import argparse, json, math, time
from pathlib import Path
import numpy as np
import torch
from diffusers import ControlNetModel, StableDiffusionControlNetPipeline, StableDiffusionPipeline, \
    EulerDiscreteScheduler
from diffusers.utils import logging as dlogging
from min_diffusion.core import resolve_model
from min_diffusion.experiment import score, Mean
from min_diffusion.utils import _atomic_write
from min_diffusion.world import random_spec, partial_spec, layout, silhouette, caption
from min_diffusion.train_control import overlap


def cases(n:int, seed:int=11)->list:
    "`n` (partial spec, silhouette) pairs: a random spec, its description, and the silhouette of a fresh layout"
    rng, out = np.random.default_rng(seed), []
    for _ in range(n):
        s = random_spec(rng, 0.5)
        out.append((partial_spec(s, rng), silhouette(s, layout(s, rng))))
    return out


def save(out, res:dict):
    "Write `res` to `out` as JSON, atomically (`min_diffusion.utils._atomic_write`)"
    _atomic_write(out, lambda tmp: Path(tmp).write_text(json.dumps(res, indent=1)))


def rate(ok:list)->list:
    "A success rate as [p, se, n]"
    p = float(np.mean(ok)); return [p, math.sqrt(p * (1 - p) / len(ok)), len(ok)]


@torch.no_grad()
def sample(pipe, prompts:list, masks:list, seeds:list, scale:float, g:float, steps:int, bs:int=64)->list:
    "Images of every prompt with every seed (prompt-major) at conditioning scale `scale`"
    rows = [(p, m, s) for p, m in zip(prompts, masks) for s in seeds]; out = []
    for i in range(0, len(rows), bs):
        ch = rows[i:i + bs]
        out += pipe([p for p, _, _ in ch], image=[m.convert('RGB') for _, m, _ in ch], guidance_scale=g,
                    num_inference_steps=steps, controlnet_conditioning_scale=scale,
                    generator=[torch.Generator().manual_seed(s) for _, _, s in ch]).images
    return out


def main(model='tiny', controlnet=None, out='nbs/data/control_eval.json', n=64, n_seeds=2, g=5., steps=25,
         threads=2):
    torch.set_num_threads(threads); dlogging.set_verbosity_error()
    base = StableDiffusionPipeline.from_pretrained(resolve_model(model), local_files_only=True)
    cn = ControlNetModel.from_pretrained(controlnet, local_files_only=True)
    pipe = StableDiffusionControlNetPipeline(**base.components, controlnet=cn)
    pipe.scheduler = EulerDiscreteScheduler.from_config(pipe.scheduler.config)
    pipe.set_progress_bar_config(disable=True)
    cs, seeds = cases(n), list(range(n_seeds))
    specs, masks = [s for s, _ in cs], [m for _, m in cs]
    res = dict(setup=dict(model=model, controlnet=str(controlnet), prompts=n, seeds=n_seeds, g=g, steps=steps))
    for scale in (1.0, 0.0):
        t0 = time.time()
        ims = sample(pipe, [caption(s) for s in specs], masks, seeds, scale, g, steps)
        iou = [overlap(im, m) for im, m in zip(ims, [m for m in masks for _ in seeds])]
        sc = score(ims, specs, n_seeds)
        res[f'scale={scale:g}'] = dict(placed=rate([v >= 0.5 for v in iou]), iou=float(np.mean(iou)),
                                       iou_se=float(np.std(iou, ddof=1) / math.sqrt(len(iou))),
                                       all=list(sc['all']), seconds=time.time() - t0)
        print(scale, res[f'scale={scale:g}'], flush=True)
    save(Path(out), res)
    return res


if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--model', default='tiny'); p.add_argument('--controlnet', required=True)
    p.add_argument('--out', default='nbs/data/control_eval.json'); p.add_argument('--prompts', type=int, default=64)
    p.add_argument('--seeds', type=int, default=2); p.add_argument('--g', type=float, default=5.)
    p.add_argument('--steps', type=int, default=25); p.add_argument('--threads', type=int, default=2)
    a = p.parse_args()
    main(a.model, a.controlnet, a.out, a.prompts, a.seeds, a.g, a.steps, a.threads)
