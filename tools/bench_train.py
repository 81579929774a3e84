"""Estimate the wall time of `min_diffusion.train.train_tiny` on this machine without running it.

Also estimates `train_tiny_weak` (the weak twin's UNet on a frozen text encoder).
Runs the recipe's own stage functions (`train_vae` on crops and on whole images, `encode_pool`,
`pretrain_text_encoder`, `train_unet` with the layout probe and the grounding loss, and without training the text
encoder) for `n` and for `2n` steps; the difference of the two wall times is the time of `n` steps without the
set-up, which cancels out. Multiplies the time per step by the recipe's step counts.
Usage: python tools/bench_train.py [--threads 2] [--n 6]"""
import argparse, time
import torch
from min_diffusion.train import (make_vae, make_unet, make_text_encoder, train_vae, encode_pool, train_unet,
                                 pretrain_text_encoder, LayoutProbe)

def per_step(run, n:int)->float:
    "Seconds per step of `run(k)`, which runs `k` steps: from the wall times of `n` and `2n` steps"
    ts = []
    for k in (n, 2 * n): t0 = time.perf_counter(); run(k); ts.append(time.perf_counter() - t0)
    return (ts[1] - ts[0]) / n

def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--threads', type=int, default=2); p.add_argument('--n', type=int, default=6)
    p.add_argument('--vae_iters', type=int, default=2500); p.add_argument('--full', type=int, default=400)
    p.add_argument('--pool', type=int, default=40000); p.add_argument('--unet_iters', type=int, default=2400)
    p.add_argument('--text_iters', type=int, default=400); p.add_argument('--weak_iters', type=int, default=800)
    a = p.parse_args(); torch.set_num_threads(a.threads); quiet = lambda *_: None
    from transformers import CLIPTokenizer
    from min_diffusion.train import TINY_DIR
    tok = CLIPTokenizer.from_pretrained(TINY_DIR/'tokenizer')
    steps = dict(vae_crop_step=per_step(lambda k: train_vae(make_vae(), iters=k, full=0, log=quiet), a.n),
                 vae_full_step=per_step(lambda k: train_vae(make_vae(), iters=k, full=k, log=quiet), a.n))
    vae = make_vae().eval()
    steps['encode_250'] = per_step(lambda k: encode_pool(vae, n=250 * k), max(2, a.n // 2))
    pool = encode_pool(vae, n=512)
    steps['text_step'] = per_step(lambda k: pretrain_text_encoder(make_text_encoder(tok), tok, iters=k, log=quiet), a.n)
    steps['unet_step'] = per_step(lambda k: train_unet(make_unet(), make_text_encoder(tok), tok, pool, 1., iters=k,
                                                       probe=LayoutProbe(64), ground_weight=0.1, log=quiet), a.n)
    steps['weak_step'] = per_step(lambda k: train_unet(make_unet((16, 32, 48)), make_text_encoder(tok), tok, pool, 1.,
                                                       iters=k, train_text=False, ground_weight=0.1,
                                                       log=quiet), a.n)
    est = dict(vae=(a.vae_iters - a.full) * steps['vae_crop_step'] + a.full * steps['vae_full_step'],
               pool=a.pool / 250 * steps['encode_250'], text=a.text_iters * steps['text_step'],
               unet=a.unet_iters * steps['unet_step'])
    for k, v in steps.items(): print(f'{k:15s} {v:.3f}s')
    for k, v in est.items(): print(f'{k:6s} stage  {v/60:5.1f} min')
    print(f'total  {sum(est.values())/60:.1f} min on {a.threads} threads (train_tiny)')
    weak = a.weak_iters * steps['weak_step']
    print(f"weak   {weak/60:.1f} min, {(est['pool'] + weak)/60:.1f} min with its own pool (train_tiny_weak)")

if __name__ == '__main__': main()
