"""Wall time of the default `cfg-sweep` (the README's main job) from a cold start: one process, then two under
`accelerate launch` (CPU processes here, one GPU each where there are GPUs). Target: under a minute on 2 CPU cores
with the embedded model. Prints one line per case and checks the two output folders are byte-identical.

    python tools/bench_sweep.py                      # the embedded model ('tiny')
    python tools/bench_sweep.py --model /tmp/tiny    # any diffusers SD folder, e.g. a random one from build_tiny_sd
"""
import argparse, filecmp, os, shutil, socket, subprocess, sys, tempfile, time
from pathlib import Path

def free_port():
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

def timed(cmd, env):
    t0 = time.time(); p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if p.returncode: sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr[-2000:]}")
    return time.time() - t0

def same(a, b):
    fa = sorted(p.relative_to(a) for p in Path(a).rglob('*') if p.is_file())
    fb = sorted(p.relative_to(b) for p in Path(b).rglob('*') if p.is_file())
    return fa == fb and all(filecmp.cmp(Path(a)/f, Path(b)/f, shallow=False) for f in fa)

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--model', default='tiny'); ap.add_argument('--target', type=float, default=60.)
    a = ap.parse_args()
    exe, env = shutil.which('cfg-sweep'), {**os.environ, 'HF_HUB_OFFLINE': '1', 'MPLBACKEND': 'Agg'}
    if exe is None: sys.exit("cfg-sweep is not installed: run bash tools/install.sh")
    d = Path(tempfile.mkdtemp())
    try:
        args = ['--model', a.model, '--no-progress']
        t1 = timed([exe, *args, '--out', str(d/'one')], env)
        t1r = timed([exe, *args, '--out', str(d/'one')], env)
        t2 = timed(['accelerate', 'launch', '--multi_gpu', '--num_processes', '2', '--num_machines', '1', '--mixed_precision', 'no',
                    '--dynamo_backend', 'no', '--main_process_port', str(free_port()), exe, *args, '--out', str(d/'two')], env)
        print(f"default sweep, model {a.model}, {os.cpu_count()} CPUs")
        print(f"1 process : {t1:6.1f} s wall ({'under' if t1 < a.target else 'OVER'} the {a.target:.0f} s target)")
        print(f"  resumed : {t1r:6.1f} s wall (nothing to generate: imports, merge and report)")
        print(f"2 processes (accelerate launch): {t2:6.1f} s wall; files identical to 1 process: {same(d/'one', d/'two')}")
    finally: shutil.rmtree(d)

if __name__ == '__main__': main()
