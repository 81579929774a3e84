"""Run the notebooks' tests with nbdev and end with a plain `N passed, N failed` line.

nbdev_test prints only `Success.`; this runs the same `nbdev.test.test_nb` on each notebook (skipping the
`tst_flags` from settings.ini unless forced with --flags) and counts notebooks that pass and fail."""
import argparse, os, sys, time
from pathlib import Path
from fastcore.parallel import parallel
from nbdev.config import get_config
from nbdev.doclinks import nbglob
from nbdev.test import test_nb
from fastcore.xtras import working_directory

def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--path', default=None, help='a notebook or folder (default: all of nbs/)')
    p.add_argument('--flags', default='', help='space-separated test flags to run, e.g. "slow cuda"')
    p.add_argument('--n_workers', type=int, default=min(2, os.cpu_count() or 1))
    a = p.parse_args()
    cfg = get_config()
    # each worker runs one notebook: split the cores between them rather than oversubscribe (torch reads this at import)
    os.environ.setdefault('OMP_NUM_THREADS', str(max(1, (os.cpu_count() or 1) // max(1, a.n_workers))))
    files = sorted(Path(f).absolute() for f in nbglob(a.path, as_path=True))
    if not files: sys.exit('no notebooks found to test')
    skip, force = cfg.tst_flags.split(), a.flags.split()
    t0 = time.time()
    with working_directory(cfg.nbs_path):
        res = parallel(test_nb, files, skip_flags=skip, force_flags=force, basepath=cfg.config_path,
                       n_workers=a.n_workers if len(files) > 1 else 0, pause=0.01)
    nbs = Path(cfg.nbs_path)
    for f, (ok, secs) in zip(files, res): print(f"{'PASS' if ok else 'FAIL'} {secs:6.1f}s  {f.relative_to(nbs)}")
    npass = sum(ok for ok, _ in res); nfail = len(res) - npass
    print(f"total {time.time()-t0:.0f}s")
    print(f"{npass} passed, {nfail} failed")
    sys.exit(1 if nfail else 0)

if __name__ == '__main__': main()
