"""Estimate the wall time of `min_diffusion.train.train_tiny` on this machine without running it.

Times a few steps of each stage (VAE crop steps, VAE whole-image steps, pool encoding, UNet + text encoder
steps) with the same shapes as the recipe, takes the minimum of N runs (shared VMs are noisy; see
shared/reference/feasibility.md), and multiplies by the recipe's step counts.
Usage: python tools/bench_train.py [--threads 2] [--n 8]"""
import argparse, time
import numpy as np, torch
import torch.nn.functional as F
from min_diffusion.train import (make_vae, make_unet, make_text_encoder, world_images, crops, train_scheduler, min_snr_weight,
                                 world_tokenizer, world_words)

def best(f, n):
    "Minimum wall time of `n` calls of `f` after one warm-up call"
    f(); ts = []
    for _ in range(n): t0 = time.perf_counter(); f(); ts.append(time.perf_counter() - t0)
    return min(ts), float(np.median(ts))

def main():
    p = argparse.ArgumentParser(description=__doc__); p.add_argument('--threads', type=int, default=2); p.add_argument('--n', type=int, default=8)
    p.add_argument('--vae_iters', type=int, default=2500); p.add_argument('--full', type=int, default=400)
    p.add_argument('--pool', type=int, default=40000); p.add_argument('--unet_iters', type=int, default=2000)
    a = p.parse_args(); torch.set_num_threads(a.threads); rng = np.random.default_rng(0)
    from transformers import CLIPTokenizer
    from min_diffusion.train import TINY_DIR
    tok = CLIPTokenizer.from_pretrained(TINY_DIR/'tokenizer')
    vae = make_vae(); opt = torch.optim.AdamW(vae.parameters(), 1e-3)
    def vstep(bs, c):
        x, _ = world_images(rng, bs); x = crops(x, c, rng)
        post = vae.encode(x).latent_dist; rec = vae.decode(post.sample()).sample
        loss = F.mse_loss(rec, x) + 0.5 * F.l1_loss(rec, x); opt.zero_grad(); loss.backward(); opt.step()
    v_crop, v_full = best(lambda: vstep(32, 32), a.n), best(lambda: vstep(8, 64), a.n)
    def enc():
        with torch.no_grad(): vae.encode(world_images(rng, 250)[0])
    pool = best(enc, max(2, a.n // 4))
    unet, te = make_unet(), make_text_encoder(tok); ps = list(unet.parameters()) + list(te.parameters())
    uopt = torch.optim.AdamW(ps, 1e-3); ab = train_scheduler().alphas_cumprod
    ids = tok(['a big red circle left of a small blue square on a gray background'] * 128, padding='max_length', max_length=tok.model_max_length, return_tensors='pt').input_ids
    def ustep():
        z = torch.randn(128, 4, 16, 16); t = torch.randint(0, 1000, (128,)); eps = torch.randn_like(z); ac = ab[t].view(-1, 1, 1, 1)
        pred = unet(ac.sqrt() * z + (1 - ac).sqrt() * eps, t, te(ids)[0]).sample
        loss = (min_snr_weight(t, ab) * (pred - eps).pow(2).mean((1, 2, 3))).mean(); uopt.zero_grad(); loss.backward(); uopt.step()
    u = best(ustep, a.n)
    est = dict(vae=(a.vae_iters - a.full) * v_crop[0] + a.full * v_full[0], pool=a.pool / 250 * pool[0], unet=a.unet_iters * u[0])
    for k, (mn, med) in dict(vae_crop_step=v_crop, vae_full_step=v_full, encode_250=pool, unet_step=u).items():
        print(f'{k:15s} min {mn:.3f}s  median {med:.3f}s')
    for k, v in est.items(): print(f'{k:6s} stage  {v/60:5.1f} min (from min step times)')
    print(f'total  {sum(est.values())/60:.1f} min on {a.threads} threads')

if __name__ == '__main__': main()
