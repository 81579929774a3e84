"""Per-call cost of the guidance transforms in `cf_guidance.transforms`, next to the UNet work of one step.

Latents are SD-sized (4x64x64) at batch 2 and 16. Each transform is timed with min-of-N (one `tfm(u, t, idx)`
call, schedules as lists). References:
- one SD-1.5 first-level `ResnetBlock2D` (320 channels at 64x64, with the 1280-d time embedding): one of the
  16 ResNet blocks of an SD-1.5 UNet, and one of its cheapest relative to its resolution;
- a tiny `UNet2DConditionModel` (channels 32/64, the diffusers test layout) on the same 64x64 latents;
- with `--full`, the real SD-1.5 architecture `UNet2DConditionModel` (random weights), batch 2 only (slow on CPU).
As in a pipeline, the transform gets u and t of batch B each, and the UNet references run on the 2*B latents that
produce them (B = 2 and 16).

    python tools/bench_transforms.py [--device cpu|cuda] [--dtype float32|float16] [--full] [--threads 2] [--check]

On CPU the default is one thread: on the shared 2-core VM a second intra-op thread often waits for a busy core,
which adds 5-15 ms stalls to calls that take 0.1 ms (the UNet references use the same thread count).
`--check` first compares every transform on the device and dtype with the same call on CPU float32 (relative
max-abs difference; all results must be finite).
"""
import argparse, time
import torch
from cf_guidance.transforms import *

def timeit(f, reps=20, inner=1, sync=lambda: None):
    "Min over `reps` of the mean time of `inner` calls of `f`, in ms"
    for _ in range(2): f()
    sync(); best = float('inf')
    for _ in range(reps):
        t0 = time.perf_counter()
        for _ in range(inner): f()
        sync(); best = min(best, (time.perf_counter() - t0) / inner)
    return best * 1e3

def transforms(N):
    "The transforms to time, with blog-style list schedules of `N` steps"
    g, tn = [7.5]*N, [0.25]*N
    return {
        'GuidanceTfm (CFG)': GuidanceTfm({'g': g}),
        'BaseNormGuidance': BaseNormGuidance({'g': g}),
        'TNormGuidance': TNormGuidance({'g': tn}),
        'FullNormGuidance': FullNormGuidance({'g': tn}),
        'FullNorm reduce=batch': FullNormGuidance({'g': tn}, reduce='batch'),
        'RescaleGuidance': RescaleGuidance({'g': g, 'phi': [0.7]*N}),
        'RenormGuidance clamp': RenormGuidance({'g': g}, clamp=True),
        'APGuidance': APGuidance({'g': g}),
        "APGuidance space='x0'": APGuidance({'g': g}, space='x0'),
        'CFGZeroStarGuidance': CFGZeroStarGuidance({'g': g}),
        'TNorm+BaseNorm+Rescale': compose(TNormGuidance, BaseNormGuidance, RescaleGuidance)({'g': tn, 'phi': 0.7}),
    }

def check(dev, dt, B=4):
    "Every transform on `dev`/`dt` against CPU float32 on the same inputs: finite, and the relative max-abs difference"
    cpu = [torch.randn(B, 4, 64, 64) for _ in range(3)]
    ctx = lambda xs: dict(x_t=xs[2], alpha_bar=0.5, prediction_type='epsilon', sigma=1.)
    dev_in = [x.to(dev, dt) for x in cpu]
    worst = 0.
    for (name, a), b in zip(transforms(50).items(), transforms(50).values()):
        ref = torch.stack([a(cpu[0], cpu[1], i, **ctx(cpu)) for i in range(3)])
        out = torch.stack([b(dev_in[0], dev_in[1], i, **ctx(dev_in)) for i in range(3)]).float().cpu()
        assert torch.isfinite(out).all(), f"{name}: non-finite output on {dev} {dt}"
        rel = ((out - ref).abs().max() / ref.abs().max()).item(); worst = max(worst, rel)
        print(f"  check {name:28s} max|{dev.type} {str(dt)[6:]} - cpu float32| / max|cpu| = {rel:.1e}")
    return worst

def resnet_block(dev, dt):
    "SD-1.5's first-level ResNet block: 320 channels, 1280-d time embedding"
    from diffusers.models.resnet import ResnetBlock2D
    return ResnetBlock2D(in_channels=320, out_channels=320, temb_channels=1280).to(dev, dt).eval()

def unet(dev, dt, full=False):
    "A tiny UNet2DConditionModel (diffusers test layout), or the SD-1.5 architecture with `full`"
    from diffusers import UNet2DConditionModel
    if full: return UNet2DConditionModel(sample_size=64, cross_attention_dim=768, attention_head_dim=8).to(dev, dt).eval()
    return UNet2DConditionModel(block_out_channels=(32, 64), layers_per_block=2, sample_size=64, in_channels=4, out_channels=4,
                                down_block_types=('DownBlock2D', 'CrossAttnDownBlock2D'), up_block_types=('CrossAttnUpBlock2D', 'UpBlock2D'),
                                cross_attention_dim=32).to(dev, dt).eval()

def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--device', default='cpu'); p.add_argument('--dtype', default='float32')
    p.add_argument('--threads', type=int, default=1); p.add_argument('--full', action='store_true')
    p.add_argument('--batches', default='2,16'); p.add_argument('--check', action='store_true')
    a = p.parse_args()
    torch.set_num_threads(a.threads); torch.manual_seed(0)
    dev, dt = torch.device(a.device), getattr(torch, a.dtype)
    sync = torch.cuda.synchronize if dev.type == 'cuda' else (lambda: None)
    print(f"device {dev} ({torch.cuda.get_device_name() if dev.type == 'cuda' else f'{a.threads} CPU threads'}), {a.dtype}, torch {torch.__version__}")
    if a.check: print(f"worst relative difference: {check(dev, dt):.1e}")
    blk, tiny = resnet_block(dev, dt), unet(dev, dt)
    big = unet(dev, dt, full=True) if a.full else None
    for B in map(int, a.batches.split(',')):
        u, t, x_t = (torch.randn(B, 4, 64, 64, device=dev, dtype=dt) for _ in range(3))
        ctx = dict(x_t=x_t, alpha_bar=0.5, prediction_type='epsilon', sigma=1.)
        times = {}
        for name, tfm in transforms(50).items():
            f = (lambda tfm=tfm: tfm(u, t, 10, **ctx))
            times[name] = timeit(f, reps=10 if dev.type == 'cpu' and B > 8 else 20, inner=5, sync=sync)
        with torch.no_grad():
            h, temb = torch.randn(2*B, 320, 64, 64, device=dev, dtype=dt), torch.randn(2*B, 1280, device=dev, dtype=dt)
            ref = {'ResnetBlock2D(320) @64x64': timeit(lambda: blk(h, temb), reps=3 if dev.type == 'cpu' else 20, sync=sync)}
            lat, ts_, enc = torch.randn(2*B, 4, 64, 64, device=dev, dtype=dt), torch.tensor(500, device=dev), torch.randn(2*B, 77, 32, device=dev, dtype=dt)
            ref['tiny UNet (32/64)'] = timeit(lambda: tiny(lat, ts_, enc), reps=3 if dev.type == 'cpu' else 20, sync=sync)
            if big is not None and (B <= 2 or dev.type == 'cuda'):
                enc = torch.randn(2*B, 77, 768, device=dev, dtype=dt)
                ref['SD-1.5 UNet (full)'] = timeit(lambda: big(lat, ts_, enc), reps=2 if dev.type == 'cpu' else 10, sync=sync)
        print(f"\nbatch {B} (u, t: {B}x4x64x64; the UNet references run on the {2*B} latents that give u and t)")
        for k, v in ref.items(): print(f"  {k:28s} {v:10.2f} ms per call")
        worst = max(times.values())
        for k, v in times.items():
            print(f"  {k:28s} {v:10.3f} ms   {100 * v / ref['ResnetBlock2D(320) @64x64']:8.3f}% of one ResNet block"
                  + (f"   {100 * v / ref['SD-1.5 UNet (full)']:7.3f}% of the SD-1.5 UNet" if 'SD-1.5 UNet (full)' in ref else ''))
        print(f"  slowest transform: {worst:.3f} ms = {100 * worst / ref['ResnetBlock2D(320) @64x64']:.3f}% of one ResNet block, "
              f"{100 * worst / ref['tiny UNet (32/64)']:.3f}% of the tiny UNet"
              + (f", {100 * worst / ref['SD-1.5 UNet (full)']:.3f}% of the SD-1.5 UNet" if 'SD-1.5 UNet (full)' in ref else ''))

if __name__ == '__main__': main()
