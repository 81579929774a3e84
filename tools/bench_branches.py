"""Multi-branch guidance benchmarks (a benchmark, not a test): the time of a PAG image against diffusers'
`StableDiffusionPAGPipeline` on the same components, and one batched sweep of CFG, PAG, SEG and SLG from one noise
against the four run one after another.

Models: the embedded model ('tiny', 64x64) and a small SD-1.5-shaped random model (4 UNet levels, 64x64), CPU, float32.
Each time is the minimum of N interleaved runs (shared VMs are noisy). A PAG ratio <= 1.0 means no overhead beyond
diffusers' own; the sweep speed-up is sequential time / batched time.

    python tools/bench_branches.py [--threads 1] [--n 5] [--steps 25]
"""
import argparse, sys, tempfile, time
from pathlib import Path
import torch

sys.path.insert(0, str(Path(__file__).parent))
from bench_pipeline import best_pair, run

def bench(name, folder, steps, n):
    from diffusers import StableDiffusionPAGPipeline, EulerDiscreteScheduler
    from min_diffusion.core import MinimalDiffusion
    from cf_guidance.transforms import GuidanceTfm
    from cf_guidance.methods import PAGuidance, SEGuidance, SLGuidance
    ref = StableDiffusionPAGPipeline.from_pretrained(folder, safety_checker=None, requires_safety_checker=False,
                                                     pag_applied_layers='mid')
    ref.scheduler = EulerDiscreteScheduler.from_config(ref.scheduler.config); ref.set_progress_bar_config(disable=True)
    ours = MinimalDiffusion(str(folder), 'cpu', torch.float32, scheduler_kls='euler', progress=False).load()
    prompt = 'a big red circle left of a small blue square on a white background'
    gen = lambda: torch.Generator().manual_seed(0)
    f_ref = lambda: ref(prompt, num_inference_steps=steps, guidance_scale=7.5, pag_scale=3., generator=gen(),
                        output_type='latent').images
    f_ours = lambda: ours.generate(prompt, PAGuidance({'g': 7.5, 'pag_scale': 3.}), steps=steps, seed=0,
                                   output_type='latent')
    t_ref, t_ours, l_ref, l_ours = best_pair(f_ref, f_ours, n)
    print(f'{name}: one PAG image (mid), {steps} Euler steps: diffusers {t_ref * 1e3:.0f} ms, ours {t_ours * 1e3:.0f} ms, '
          f'ratio {t_ours / t_ref:.3f} (latents identical: {torch.equal(l_ref, l_ours)})')
    ms = [GuidanceTfm({'g': 7.5}), PAGuidance({'pag_scale': 3.}), SEGuidance({'seg_blur_sigma': 2.}),
          SLGuidance({'skip_layer_guidance_start': 0., 'skip_layer_guidance_stop': 1.})]
    f_seq = lambda: [ours.generate(prompt, m, steps=steps, seed=0, output_type='latent') for m in ms]
    f_bat = lambda: ours.generate(prompt, ms, steps=steps, seed=0, output_type='latent')
    t_seq, t_bat, seq, bat = best_pair(f_seq, f_bat, max(1, n // 2))
    diff = max(float((s[0] - b).abs().max()) for s, b in zip(seq, bat))
    print(f'{name}: CFG, PAG, SEG, SLG: sequential {t_seq:.2f} s, one batched sweep {t_bat:.2f} s, speed-up '
          f'{t_seq / t_bat:.2f}x (max latent difference {diff:.1e}; UNet evaluations per image {ours.unet_evals})')

def main(): run(bench, __doc__)

if __name__ == '__main__': main()
