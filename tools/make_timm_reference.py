"""Record reference values of timm's `CosineLRScheduler` for the schedules notebook's parity test.

timm depends on torchvision (installing it would replace CPU torch with a CUDA build), so it is not a dependency.
This script runs timm's real scheduler code from its wheel without installing it:

    pip download timm --no-deps -d /tmp/timm_dl
    python tools/make_timm_reference.py /tmp/timm_dl/timm-*.whl

It loads `timm/scheduler/scheduler.py` and `cosine_lr.py` from the wheel into a stub `timm.scheduler` package
(those two files import only torch, numpy and the standard library), steps the scheduler with `step(t)` on a
one-parameter SGD optimizer whose lr is `max_val`, and writes `nbs/data/timm_cosine_ref.json`."""
import json, math, random, sys, types, zipfile
from pathlib import Path
import torch

def load_timm_cosine(whl):
    "`CosineLRScheduler` exec'd from the timm wheel `whl`"
    z = zipfile.ZipFile(whl)
    for name in ('timm', 'timm.scheduler'):
        pkg = types.ModuleType(name); pkg.__path__ = []; sys.modules[name] = pkg
    for stem in ('scheduler', 'cosine_lr'):
        mod = types.ModuleType(f'timm.scheduler.{stem}'); mod.__package__ = 'timm.scheduler'
        sys.modules[mod.__name__] = mod
        exec(compile(z.read(f'timm/scheduler/{stem}.py').decode(), f'timm/scheduler/{stem}.py', 'exec'), mod.__dict__)
    return sys.modules['timm.scheduler.cosine_lr'].CosineLRScheduler, z.filename

def timm_values(cls, num_steps, max_val, **kw):
    "timm's lr at t = 0..num_steps-1, or None where timm raises"
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=max_val)
    sched = cls(opt, **kw)
    out = []
    try:
        for t in range(num_steps):
            sched.step(t)
            out.append(opt.param_groups[0]['lr'])
    except (ValueError, ZeroDivisionError): return None
    return out

def random_config(rng):
    "A random argument set over timm's valid range (lr_min >= 0, t_initial >= 1)"
    N = rng.randint(1, 60); W = rng.randint(0, N - 1); prefix = rng.random() < 0.5
    mx = round(rng.uniform(0.5, 15), 3)
    kw = dict(t_initial=rng.randint(1, max(1, N - W if prefix else N)), lr_min=round(rng.uniform(0, mx), 3),
              warmup_t=W, warmup_lr_init=round(rng.uniform(0, mx), 3), warmup_prefix=prefix,
              k_decay=round(rng.choice([1., rng.uniform(0.1, 5)]), 3),
              cycle_mul=round(rng.choice([1., rng.uniform(0.3, 3)]), 3),
              cycle_decay=round(rng.choice([1., rng.uniform(0.2, 1)]), 3), cycle_limit=rng.randint(1, 5))
    return N, mx, kw

FIXED = [  # the cases the notebook talks about
    (50, 7.5, dict(t_initial=50, lr_min=0.15)),
    (50, 7.5, dict(t_initial=45, lr_min=0.15, warmup_t=5, warmup_lr_init=1.15, warmup_prefix=True)),
    (50, 7.5, dict(t_initial=50, lr_min=0.15, warmup_t=5, warmup_lr_init=1.15, warmup_prefix=False)),
    (50, 7.5, dict(t_initial=45, lr_min=0.15, warmup_t=5, warmup_lr_init=1.15, warmup_prefix=True, k_decay=0.7)),
    (50, 7.5, dict(t_initial=10, lr_min=1., cycle_mul=2., cycle_decay=0.5, cycle_limit=3)),
    (50, 7.5, dict(t_initial=20, lr_min=1., cycle_limit=2, cycle_decay=0.8)),
    (50, 7.5, dict(t_initial=25, lr_min=1., cycle_mul=0.5, cycle_limit=10)),
]

def main(whl, out='nbs/data/timm_cosine_ref.json', n_random=60, seed=0):
    cls, fn = load_timm_cosine(whl)
    rng = random.Random(seed)
    cases = FIXED + [random_config(rng) for _ in range(n_random)]
    recs = [dict(num_steps=N, max_val=mx, timm_kwargs=kw, values=timm_values(cls, N, mx, **kw)) for N, mx, kw in cases]
    meta = dict(source=Path(fn).name, how=__doc__.split('\n')[0], script='tools/make_timm_reference.py', seed=seed)
    Path(out).write_text(json.dumps(dict(meta=meta, cases=recs), indent=0))
    print(f"{len(recs)} cases ({sum(r['values'] is None for r in recs)} where timm raises) -> {out}")

if __name__ == '__main__': main(sys.argv[1])
