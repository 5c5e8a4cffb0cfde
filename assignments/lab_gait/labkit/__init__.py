"""labkit: the given code of the two PyTorch labs.

Atrial fibrillation from RR intervals (MIT-BIH AF Database) and neurodegenerative
disease from stride intervals (Gait in Neurodegenerative Disease Database):
readers and writers of the PhysioNet files (``afdb``, ``gaitndd``), a built-in
synthetic data generator of the same files for offline use (``synthetic``),
windowing and normalisation, record-wise splits, baseline features, the training
loop, metrics and plots. Import the submodules you need, for example
``from labkit.afdb import read_afdb``.
"""
