"""Check the real-model path on a GPU and measure speed against diffusers (a benchmark, not a test).

Builds a Stable-Diffusion-1.5-architecture model with random weights offline (the GPU machines here reach no hub),
then, in float16 on CUDA:
1. MinimalDiffusion vs diffusers' StableDiffusionPipeline, same seed/sampler/steps, G=7.5: max |latent diff| and
   time per image (min of N runs), ratio ours/diffusers;
2. a batched sweep of 8 transforms vs 8 sequential runs: speed-up and max difference;
3. every cf_guidance transform in fp16 (finite outputs);
4. the embedded tiny model on CUDA.
Usage: python tools/gpu_check.py [--small] [--out DIR]   (--small: a tiny config, to smoke-test the script on a CPU)"""
import argparse, json, time, tempfile
from pathlib import Path
import torch

def sd15_components(small=False):
    from transformers import CLIPTextConfig, CLIPTextModel
    from diffusers import AutoencoderKL, UNet2DConditionModel, EulerDiscreteScheduler
    from min_diffusion.tiny import tiny_clip_tokenizer
    ch, vch, hid, layers = ((32, 64, 64, 64), (16, 16, 32, 32), 64, 2) if small else ((320, 640, 1280, 1280), (128, 256, 512, 512), 768, 12)
    torch.manual_seed(0)
    unet = UNet2DConditionModel(sample_size=8 if small else 64, block_out_channels=ch, layers_per_block=1 if small else 2, cross_attention_dim=hid,
        attention_head_dim=8, norm_num_groups=16 if small else 32,
        down_block_types=("CrossAttnDownBlock2D",)*3 + ("DownBlock2D",), up_block_types=("UpBlock2D",) + ("CrossAttnUpBlock2D",)*3)
    vae = AutoencoderKL(block_out_channels=list(vch), latent_channels=4, layers_per_block=1 if small else 2, norm_num_groups=16 if small else 32,
        down_block_types=["DownEncoderBlock2D"]*4, up_block_types=["UpDecoderBlock2D"]*4, sample_size=64 if small else 512)
    tok = tiny_clip_tokenizer(max_length=77)
    te = CLIPTextModel(CLIPTextConfig(hidden_size=hid, intermediate_size=4*hid, num_attention_heads=4 if small else 12, num_hidden_layers=layers,
        vocab_size=49408, max_position_embeddings=77, bos_token_id=tok.bos_token_id, eos_token_id=tok.eos_token_id, pad_token_id=tok.pad_token_id))
    sched = EulerDiscreteScheduler(beta_start=0.00085, beta_end=0.012, beta_schedule="scaled_linear", steps_offset=1, timestep_spacing="leading")
    return dict(unet=unet, vae=vae, text_encoder=te, tokenizer=tok, scheduler=sched)

def timed(f, n=3):
    "min wall time of `n` runs of `f` (after one warm-up), and its last result"
    r = f(); times = []
    for _ in range(n):
        if torch.cuda.is_available(): torch.cuda.synchronize()
        t = time.perf_counter(); r = f()
        if torch.cuda.is_available(): torch.cuda.synchronize()
        times.append(time.perf_counter() - t)
    return min(times), r

def main():
    p = argparse.ArgumentParser(); p.add_argument('--small', action='store_true'); p.add_argument('--out', default='gpu_check'); p.add_argument('--steps', type=int, default=25)
    a = p.parse_args()
    from diffusers import StableDiffusionPipeline
    from min_diffusion.core import MinimalDiffusion
    from cf_guidance import transforms as T
    out = Path(a.out); out.mkdir(parents=True, exist_ok=True)
    dev = 'cuda' if torch.cuda.is_available() else 'cpu'
    dtype = torch.float16 if dev == 'cuda' else torch.float32
    res = dict(device=torch.cuda.get_device_name() if dev == 'cuda' else 'cpu', torch=torch.__version__, dtype=str(dtype), steps=a.steps)
    folder = Path(tempfile.mkdtemp())/'sd15-random'
    t = time.time()
    StableDiffusionPipeline(**sd15_components(a.small), safety_checker=None, feature_extractor=None, requires_safety_checker=False).save_pretrained(folder)
    res['build_s'] = round(time.time() - t, 1)
    size = 64 if a.small else 512
    ref = StableDiffusionPipeline.from_pretrained(folder, torch_dtype=dtype, safety_checker=None, requires_safety_checker=False).to(dev)
    ref.set_progress_bar_config(disable=True)
    ours = MinimalDiffusion(str(folder), dev, dtype, progress=False).load()
    prompt = "a photograph of an astronaut riding a horse"
    f_ref = lambda: ref(prompt, num_inference_steps=a.steps, guidance_scale=7.5, generator=torch.Generator().manual_seed(0), output_type='latent').images
    f_ours = lambda: ours.generate(prompt, steps=a.steps, seed=0, output_type='latent')
    t_ref, l_ref = timed(f_ref); t_ours, l_ours = timed(f_ours)
    res.update(diffusers_s=round(t_ref, 4), ours_s=round(t_ours, 4), ratio=round(t_ours / t_ref, 3),
               max_latent_diff=float((l_ref.float() - l_ours.float()).abs().max()), bit_identical=bool(torch.equal(l_ref, l_ours)))
    tfms = [T.GuidanceTfm({'g': g}) for g in (1.5, 3., 4.5, 6., 7.5, 9., 10.5, 12.)]
    t_seq, seq = timed(lambda: [ours.generate(prompt, tf, steps=a.steps, seed=0, output_type='latent') for tf in tfms], n=1)
    t_bat, bat = timed(lambda: ours.generate(prompt, tfms, steps=a.steps, seed=0, output_type='latent', max_batch=8), n=1)
    res.update(sweep_seq_s=round(t_seq, 3), sweep_batched_s=round(t_bat, 3), sweep_speedup=round(t_seq / t_bat, 2),
               sweep_max_diff=max(float((s[0].float() - b.float()).abs().max()) for s, b in zip(seq, bat)))
    fin = {}
    for name, tf in dict(basenorm=T.BaseNormGuidance({'g': 7.5}), tnorm=T.TNormGuidance({'g': 0.25}), fullnorm=T.FullNormGuidance({'g': 0.25}),
                         rescale=T.RescaleGuidance({'g': 7.5, 'phi': 0.7}), apg=T.APGuidance({'g': 7.5}), zerostar=T.CFGZeroStarGuidance({'g': 7.5})).items():
        lat = ours.generate(prompt, tf, steps=a.steps, seed=0, output_type='latent')
        fin[name] = bool(torch.isfinite(lat).all())
    res['transforms_finite_fp16'] = fin
    (out/'gpu_check.json').write_text(json.dumps(res, indent=1))
    try:
        tiny = MinimalDiffusion('tiny', dev, progress=False).load()
        imgs = tiny.generate(["a red circle left of a blue square"] * 4, seed=[0, 1, 2, 3], steps=30)
        from min_diffusion.utils import image_grid
        image_grid(imgs, rows=1, width=96, height=96, fname=out/'tiny_cuda.png')
        res['tiny_cuda'] = f'ok: {len(imgs)} images of {imgs[0].size} in {tiny.dtype}'
    except Exception as e: res['tiny_cuda'] = f'{type(e).__name__}: {e}'
    (out/'gpu_check.json').write_text(json.dumps(res, indent=1))
    print(json.dumps(res, indent=1))

if __name__ == '__main__': main()
