"""What telemetry costs: one image with `generate(..., telemetry=False)` (the default) and `telemetry=True`, against
diffusers' `StableDiffusionPipeline` on the same components (a benchmark, not a test).

Off, the loop does what it did before (one `is None` test per step, and the lazy `StepStats` that nothing reads):
its ratio to diffusers is the pipeline's usual overhead. On, each step adds the per-sample statistics, an x0 and
a sort of |x0| for its 99.5th percentile. Also: the per-step cost of a closed-loop schedule (one that reads the
step's statistics). Times are the minimum of N interleaved runs (shared VMs are noisy).

    python tools/bench_telemetry.py [--threads 1] [--n 5] [--steps 25]
"""
import sys, time
from pathlib import Path
import torch
sys.path.insert(0, str(Path(__file__).parent))
from bench_pipeline import best_pair, bench_models, run

def bench(name, folder, steps, n):
    from diffusers import StableDiffusionPipeline, EulerDiscreteScheduler
    from min_diffusion.core import MinimalDiffusion
    from cf_guidance.transforms import GuidanceTfm
    ref = StableDiffusionPipeline.from_pretrained(folder, safety_checker=None, requires_safety_checker=False)
    ref.scheduler = EulerDiscreteScheduler.from_config(ref.scheduler.config); ref.set_progress_bar_config(disable=True)
    ours = MinimalDiffusion(str(folder), 'cpu', torch.float32, scheduler_kls='euler', progress=False).load()
    prompt, cfg = 'a big red circle left of a small blue square on a white background', GuidanceTfm({'g': 7.5})
    closed = GuidanceTfm({'g': lambda idx, stats: 1 + 6.5 / (1 + stats.rel_diff / 0.1)})
    f_ref = lambda: ref(prompt, num_inference_steps=steps, guidance_scale=7.5, generator=torch.Generator().manual_seed(0),
                        output_type='latent').images
    f_off = lambda: ours.generate(prompt, cfg, steps=steps, seed=0, output_type='latent')
    f_on = lambda: ours.generate(prompt, cfg, steps=steps, seed=0, output_type='latent', telemetry=True)
    f_cl = lambda: ours.generate(prompt, closed, steps=steps, seed=0, output_type='latent')
    t_ref, t_off, a, b = best_pair(f_ref, f_off, n)
    t_off2, t_on, _, c = best_pair(f_off, f_on, n)
    t_off3, t_cl, _, _ = best_pair(f_off, f_cl, n)
    same = bool(torch.equal(a, b) and torch.equal(b, c))
    print(f'{name}: {steps} steps: diffusers {t_ref * 1e3:.0f} ms; telemetry off {t_off * 1e3:.0f} ms '
          f'(ratio {t_off / t_ref:.3f}); on {t_on * 1e3:.0f} ms (on/off {t_on / t_off2:.3f}); closed-loop g '
          f'{t_cl * 1e3:.0f} ms (/off {t_cl / t_off3:.3f}); latents identical off/on/diffusers: {same}')

if __name__ == '__main__': run(bench, __doc__)
