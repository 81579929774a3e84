"""SDXL benchmark (a benchmark, not a test): the time of one image from `MinimalDiffusion` against diffusers'
`StableDiffusionXLPipeline` on the same tiny random SDXL components (`min_diffusion.tiny.build_tiny_sdxl`),
Euler, G=7.5, CPU, float32, and the time of the diffusers-style call `pipe(prompt, ...)`.

Each time is the minimum of N interleaved runs (shared VMs are noisy). A ratio <= 1.00 means no overhead beyond
diffusers' own.

    python tools/bench_sdxl.py [--threads 1] [--n 5] [--steps 25] [--size 32]
"""
import argparse, sys, tempfile
from pathlib import Path
import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).parent))
from bench_pipeline import best_pair

def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--threads', type=int, default=1)
    p.add_argument('--n', type=int, default=5)
    p.add_argument('--steps', type=int, default=25)
    p.add_argument('--size', type=int, default=32)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    from diffusers import StableDiffusionXLPipeline
    from diffusers.utils import logging as dl
    from min_diffusion.core import MinimalDiffusion, make_scheduler
    from min_diffusion.tiny import build_tiny_sdxl
    dl.set_verbosity_error()
    print(f'torch {torch.__version__}, {a.threads} thread(s), min of {a.n} interleaved runs')
    with tempfile.TemporaryDirectory() as d:
        folder = build_tiny_sdxl(Path(d)/'tiny-sdxl', size=a.size)
        ref = StableDiffusionXLPipeline.from_pretrained(folder, local_files_only=True, add_watermarker=False)
        ref.scheduler = make_scheduler('euler', ref.scheduler.config)
        ref.set_progress_bar_config(disable=True)
        ours = MinimalDiffusion(str(folder), 'cpu', torch.float32, scheduler_kls='euler', progress=False).load()
        prompt = 'a big red circle left of a small blue square'   # within the tiny tokenizer's 16 tokens
        gen = lambda: torch.Generator().manual_seed(0)
        kw = dict(num_inference_steps=a.steps, guidance_scale=7.5, output_type='np')
        f_ref = lambda: ref(prompt, generator=gen(), **kw).images
        f_gen = lambda: np.asarray(ours.generate(prompt, steps=a.steps, seed=0), dtype=np.float32)
        f_call = lambda: ours(prompt, generator=gen(), **kw).images
        t_ref, t_gen, im_ref, _ = best_pair(f_ref, f_gen, a.n)      # each ratio against its own interleaved runs
        t_ref2, t_call, im_ref2, im_call = best_pair(f_ref, f_call, a.n)
        print(f'tiny SDXL ({a.size}px), one image, {a.steps} Euler steps, G=7.5: diffusers {t_ref * 1e3:.0f} and '
              f'{t_ref2 * 1e3:.0f} ms, generate {t_gen * 1e3:.0f} ms, pipe(...) {t_call * 1e3:.0f} ms')
        print(f'ratio MinimalDiffusion / StableDiffusionXLPipeline: generate {t_gen / t_ref:.3f}, '
              f'pipe(...) {t_call / t_ref2:.3f} (images identical: {bool(np.array_equal(im_ref2, im_call))})')

if __name__ == '__main__': main()
