"""Time per image of `MinimalDiffusion.generate` against diffusers' `StableDiffusionPipeline` on the same components, and
the speed-up of one batched sweep of 8 transforms over 8 sequential runs (a benchmark, not a test).

Models: the embedded model ('tiny', 64x64 images) and a small SD-1.5-shaped random model (4 UNet levels, 64x64), both on
the CPU in float32. The two pipelines run interleaved and each time is the minimum of N runs, because shared VMs are noisy.
A ratio <= 1.0 means no overhead beyond diffusers' own. On a GPU see tools/gpu_check.py.

    python tools/bench_pipeline.py [--threads 1] [--n 5] [--steps 25]
"""
import argparse, sys, tempfile, time
from pathlib import Path
import numpy as np, torch

def best_pair(f, g, n):
    "Interleaved min wall times of `f` and `g` over `n` rounds (after one warm-up each), and their last results"
    rf, rg = f(), g(); tf, tg = [], []
    for _ in range(n):
        t = time.perf_counter(); rf = f(); tf.append(time.perf_counter() - t)
        t = time.perf_counter(); rg = g(); tg.append(time.perf_counter() - t)
    return min(tf), min(tg), rf, rg

def bench(name, folder, steps, n):
    from diffusers import StableDiffusionPipeline, EulerDiscreteScheduler
    from min_diffusion.core import MinimalDiffusion
    from cf_guidance.transforms import GuidanceTfm
    ref = StableDiffusionPipeline.from_pretrained(folder, safety_checker=None, requires_safety_checker=False)
    ref.scheduler = EulerDiscreteScheduler.from_config(ref.scheduler.config); ref.set_progress_bar_config(disable=True)
    ours = MinimalDiffusion(str(folder), 'cpu', torch.float32, scheduler_kls='euler', progress=False).load()
    prompt = 'a big red circle left of a small blue square on a white background'
    f_ref = lambda: ref(prompt, num_inference_steps=steps, guidance_scale=7.5, generator=torch.Generator().manual_seed(0)).images[0]
    f_ours = lambda: ours.generate(prompt, steps=steps, seed=0)
    t_ref, t_ours, im_ref, im_ours = best_pair(f_ref, f_ours, n)
    same = bool((np.asarray(im_ref) == np.asarray(im_ours)).all())
    print(f'{name}: one image, {steps} Euler steps, G=7.5: diffusers {t_ref * 1e3:.0f} ms, ours {t_ours * 1e3:.0f} ms, '
          f'ratio {t_ours / t_ref:.3f} (images identical: {same})')
    tfms = [GuidanceTfm({'g': g}) for g in (1.5, 3., 4.5, 6., 7.5, 9., 10.5, 12.)]
    f_seq = lambda: [ours.generate(prompt, tf, steps=steps, seed=0, output_type='latent') for tf in tfms]
    f_bat = lambda: ours.generate(prompt, tfms, steps=steps, seed=0, output_type='latent')
    t_seq, t_bat, seq, bat = best_pair(f_seq, f_bat, max(1, n // 2))
    diff = max(float((s - b).abs().max()) for s, b in zip(seq, bat))
    print(f'{name}: 8 transforms: sequential {t_seq:.2f} s, one batched sweep {t_bat:.2f} s, speed-up {t_seq / t_bat:.2f}x '
          f'(max latent difference {diff:.1e})')

def bench_models():
    "(name, folder) of the benchmark models: the embedded one, then a small SD-1.5-shaped random one written to a temp folder"
    from diffusers import StableDiffusionPipeline
    from min_diffusion.train import TINY_DIR
    sys.path.insert(0, str(Path(__file__).parent)); from gpu_check import sd15_components
    yield 'embedded tiny model', TINY_DIR
    folder = Path(tempfile.mkdtemp())/'sd15-small'
    StableDiffusionPipeline(**sd15_components(small=True), safety_checker=None, feature_extractor=None,
                            requires_safety_checker=False).save_pretrained(folder)
    yield 'small SD-1.5-shaped model', folder

def run(bench, doc):
    "Parse --threads, --n, --steps and run `bench(name, folder, steps, n)` on every benchmark model"
    p = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--threads', type=int, default=1); p.add_argument('--n', type=int, default=5); p.add_argument('--steps', type=int, default=25)
    a = p.parse_args(); torch.set_num_threads(a.threads)
    from diffusers.utils import logging as dl; dl.set_verbosity_error()
    print(f'torch {torch.__version__}, {a.threads} thread(s), min of {a.n} interleaved runs')
    for name, folder in bench_models(): bench(name, folder, a.steps, a.n)

def main(): run(bench, __doc__)

if __name__ == '__main__': main()
