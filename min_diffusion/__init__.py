"A minimal, explicit Stable Diffusion pipeline that runs any guidance transform."
__version__ = "0.1.0"
