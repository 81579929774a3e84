"Dynamic classifier-free guidance: schedules and guidance transforms."
__version__ = "0.1.0"
