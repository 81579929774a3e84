"""Teach the embedded model the concept 'zorb' (a cross) by full fine-tuning, LoRA and OFT, and measure learning and
forgetting: python tools/finetune_compare.py [--model tiny] [--steps 400] [--methods full lora oft] [--quick]
[--out nbs/data/finetune.json] [--models-dir DIR] [--threads 2]
[--lr full=1e-4 oft=1e-3]. Writes the JSON that nbs/finetune.ipynb shows."""
import argparse, json, os, time
from pathlib import Path

p = argparse.ArgumentParser()
p.add_argument('--model', default='tiny'); p.add_argument('--steps', type=int, default=400)
p.add_argument('--methods', nargs='+', default=['full', 'lora', 'oft'])
p.add_argument('--quick', action='store_true', help='a few steps and prompts: checks the command, measures nothing')
p.add_argument('--out', default='nbs/data/finetune.json'); p.add_argument('--models-dir', default=None)
p.add_argument('--threads', type=int, default=2)
p.add_argument('--lr', nargs='*', default=[], help='METHOD=LR, e.g. full=5e-5 oft=3e-3')
a = p.parse_args()
os.environ.setdefault('HF_HUB_OFFLINE', '1')
import torch
from min_diffusion.finetune import compare_methods, results_table

torch.set_num_threads(a.threads)
full_eval = dict(n_concept=16, n_world=64, seeds=(0, 1, 2, 3), steps=25)
ev = dict(n_concept=2, n_world=4, seeds=(0, 1), steps=5) if a.quick else full_eval
kw = dict(n_concept=8, n_prior=16, batch=4) if a.quick else {}
t0 = time.time()
lrs = {k: float(v) for k, v in (x.split('=') for x in a.lr)}
res = compare_methods(a.model, a.methods, 5 if a.quick else a.steps, ev, a.models_dir, lrs, **kw)
res['total_s'] = time.time() - t0
Path(a.out).parent.mkdir(parents=True, exist_ok=True); Path(a.out).write_text(json.dumps(res, indent=1) + '\n')
print(results_table(res)); print(f"{res['total_s']:.0f} s in all; wrote {a.out}")
