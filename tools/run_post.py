"Execute a blog notebook in its folder and save its outputs (full run unless CFG_BLOG_QUICK=1): python tools/run_post.py NB [--model ID] [--out OUT.ipynb]"
import argparse, os, sys, time
from pathlib import Path
from execnb.nbio import read_nb, write_nb
from execnb.shell import CaptureShell
from fastcore.xtras import working_directory

p = argparse.ArgumentParser()
p.add_argument('nb'); p.add_argument('--model', default=None); p.add_argument('--out', default=None); p.add_argument('--pkl', default=None)
a = p.parse_args()
fn = Path(a.nb).absolute()
nb = read_nb(fn)
if a.model:  # throwaway run on another model: swap the MODEL line of the parameters cell
    for c in nb.cells:
        if c.cell_type == 'code' and "MODEL, DEVICE, DTYPE = 'tiny'" in c.source:
            c.source = c.source.replace("MODEL, DEVICE, DTYPE = 'tiny'", f"MODEL, DEVICE, DTYPE = {a.model!r}")
os.environ['MPLBACKEND'] = 'Agg'
sh = CaptureShell(fn, mpl_format='png')
t0 = time.time()
with working_directory(fn.parent):
    sh.run_all(nb, exc_stop=True, preproc=lambda c: c.cell_type == 'code' and ('#| slow' in c.source))
print(f'ran in {time.time() - t0:.0f} s')
if a.pkl:
    with working_directory(fn.parent): sh.run_cell(f"import pickle; pickle.dump(cmp, open({a.pkl!r}, 'wb'))")
write_nb(nb, a.out or fn)
