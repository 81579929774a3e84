"""The README's picture: plain CFG at G = 1, 3, 7.5 and 15 (rows) on six two-object world prompts (columns), one seed.

Run: python tools/readme_grid.py [--out nbs/images/readme_grid.jpg] [--steps 30] [--seed 0]
Prints the prompts of the columns (the README's caption names one of them).
"""
import argparse
from min_diffusion.core import MinimalDiffusion
from min_diffusion.utils import image_grid
from min_diffusion.world import prompt_set, caption
from cf_guidance.transforms import GuidanceTfm

GS = (1, 3, 7.5, 15)

def main(out='nbs/images/readme_grid.jpg', steps=30, seed=0):
    md = MinimalDiffusion('tiny', 'cpu', progress=False).load()
    prompts = [caption(s) for s in prompt_set(64) if s.rel is not None][:6]
    ims = md.sweep(prompts, {f'G = {g}': GuidanceTfm({'g': g}) for g in GS}, [seed], steps=steps)
    image_grid([im for g in GS for im in ims[f'G = {g}']], rows=len(GS), width=90, height=90,
               title=[f'G = {g}' for g in GS for _ in prompts], fname=out)
    for i, p in enumerate(prompts): print(i + 1, p)

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--out', default='nbs/images/readme_grid.jpg'); p.add_argument('--steps', type=int, default=30)
    p.add_argument('--seed', type=int, default=0)
    a = p.parse_args(); main(a.out, a.steps, a.seed)
