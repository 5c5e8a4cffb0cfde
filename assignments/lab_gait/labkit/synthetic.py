"""Synthetic stand-ins for the two PhysioNet databases, written in their own file formats.

The labs run on the real data when it is there; these generators give the same
files offline (for tests, for a first run, for a course without the downloads).
They are simple physiological models, not real patients:

* ``synthetic_afdb``: RR intervals of sinus rhythm with heart-rate variability
  (respiratory and low-frequency oscillations on a slow 1/f-like drift, plus
  premature beats and runs of bigeminy), interrupted by atrial fibrillation
  episodes (faster, irregularly irregular intervals with no oscillatory structure),
  with the artefacts of an unaudited beat detector (missed and extra beats, noise
  bursts, signal dropouts). Some records have many premature beats (irregular but
  not AF) and some AF stretches are almost regular, so that a threshold on one
  irregularity measure is good but not perfect. Written as ``.qrs``/``.atr``/``.hea``
  records.
* ``synthetic_gaitndd``: stride intervals with long-range correlations (fractional
  Gaussian noise) in controls, and more variable, less correlated strides in ALS,
  Huntington's and Parkinson's disease, with turn and stop outliers. Written as
  13-column ``.ts`` files.

The same seed gives byte-identical files.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from .afdb import write_afdb_record
from .gaitndd import write_gait_record

AF_FS = 250
GAIT_FS = 300  # the gait sensors' sampling rate: stride times are multiples of 1/300 s


# --------------------------------------------------------------------------- noise

def fgn(n: int, hurst: float, rng: np.random.Generator) -> np.ndarray:
    """Fractional Gaussian noise of unit variance (Davies-Harte circulant embedding).

    Its DFA exponent is about ``hurst``: 0.5 is white noise, values towards 1 give
    the long-range correlated fluctuations of healthy gait.
    """
    if n < 2:
        return rng.standard_normal(n)
    h2 = 2.0 * hurst
    k = np.arange(n + 1, dtype=np.float64)
    gamma = 0.5 * ((k + 1) ** h2 - 2 * k ** h2 + np.abs(k - 1) ** h2)
    row = np.concatenate([gamma, gamma[-2:0:-1]])            # circulant of size 2n
    lam = np.clip(np.fft.fft(row).real, 0.0, None)
    m = row.size
    w = rng.standard_normal(m) + 1j * rng.standard_normal(m)
    x = np.fft.fft(np.sqrt(lam / m) * w)[:n].real
    return x


def _band_noise(n: int, dt: float, f_lo: float, f_hi: float, rng: np.random.Generator,
                slope: float = 0.0) -> np.ndarray:
    """Gaussian noise of unit SD with power only between f_lo and f_hi (Hz), ~ f**-slope inside."""
    f = np.fft.rfftfreq(n, dt)
    amp = np.zeros_like(f)
    band = (f >= f_lo) & (f <= f_hi) & (f > 0)
    amp[band] = f[band] ** (-slope / 2.0)
    spec = amp * (rng.standard_normal(f.size) + 1j * rng.standard_normal(f.size))
    x = np.fft.irfft(spec, n)
    sd = x.std()
    return x / sd if sd > 0 else x


# --------------------------------------------------------------------------- AF

def _burden_plan(n: int, rng: np.random.Generator) -> np.ndarray:
    """Target AF share of each record: some nearly none, some all, the rest spread out."""
    u = (rng.permutation(n) + rng.uniform(size=n)) / n       # stratified over [0, 1)
    target = np.empty(n)
    none, full = u < 0.25, u >= 0.85
    target[none] = rng.uniform(0.0, 0.015, none.sum()) * (rng.uniform(size=none.sum()) < 0.7)
    target[full] = 1.0
    mid = ~(none | full)
    target[mid] = 0.04 + (u[mid] - 0.25) / 0.60 * 0.66       # 4 % to 70 % of the time
    return target


def _episodes(total: float, target: float, rng: np.random.Generator) -> list[tuple[float, float, bool]]:
    """Alternating (start, end, is_af) episodes covering [0, total) seconds."""
    if target >= 1.0:
        return [(0.0, total, True)]
    if target <= 0.0:
        return [(0.0, total, False)]
    if target < 0.03:
        # A single short paroxysm somewhere in the record.
        dur = float(np.clip(target * total, 20.0, 0.03 * total))
        t0 = rng.uniform(0.1, 0.9) * (total - dur)
        return [(0.0, t0, False), (t0, t0 + dur, True), (t0 + dur, total, False)]
    # AF time is split into episodes with log-normal lengths (many short runs, a
    # few long ones), the sinus time into the gaps between them, so that the
    # record's AF share is the target whatever the draw.
    af_time = target * total
    k = int(np.clip(round(af_time / rng.uniform(120.0, 900.0)), 1, af_time // 20.0))
    af = rng.lognormal(0.0, 1.0, k)
    af = af_time * af / af.sum()
    gaps = (total - af_time) * rng.dirichlet(np.full(k + 1, 0.8))
    if rng.uniform() < target:
        gaps[1:] += gaps[0] / k                       # the record starts in AF
        gaps[0] = 0.0
    out, t = [], 0.0
    for i in range(k + 1):
        if gaps[i] > 0:
            out.append((t, t + max(gaps[i], 10.0), False))
            t += max(gaps[i], 10.0)
        if i < k:
            out.append((t, t + af[i], True))
            t += af[i]
    return out


def _sinus_rr(t0: float, t1: float, p: dict, mods: dict, rng: np.random.Generator) -> np.ndarray:
    """Sinus RR intervals filling [t0, t1): drift + LF + respiratory oscillations + jitter."""
    n = int((t1 - t0) / 0.3) + 8

    def at(name, times):
        return np.interp(times, mods["t"], mods[name])

    times = t0 + np.arange(n) * p["rr0"]
    for _ in range(2):  # two passes: beat times from RR, RR from the modulators at those times
        rr = (p["rr0"] * (1.0 + p["drift_sd"] * at("drift", times))
              + p["lf_sd"] * at("lf", times) + p["hf_sd"] * at("hf", times))
        rr = np.clip(rr, 0.33, 2.0)
        times = t0 + np.concatenate([[0.0], np.cumsum(rr[:-1])])
    rr = rr + p["jitter_sd"] * rng.standard_normal(n)
    # Premature beats: a short interval then a (partly) compensatory pause. Their
    # rate waxes and wanes over minutes (log-normal around the record's rate).
    rate = p["ectopy"] * np.exp(p["ectopy_var"] * at("ectopy", times) - 0.5 * p["ectopy_var"] ** 2)
    ect = rng.uniform(size=n) < np.minimum(rate, 0.5)
    runs = rng.uniform(size=n) < p["bigeminy"] / 30.0
    for k in np.flatnonzero(runs):   # runs of bigeminy or trigeminy, 10-60 beats long
        every = 2 if rng.uniform() < 0.7 else 3
        ect[k:k + int(rng.integers(10, 60)):every] = True
    ect[-1] = False
    for k in np.flatnonzero(ect):
        c = rng.uniform(0.5, 0.85)
        # Atrial premature beats reset the sinus node (partial pause), ventricular ones
        # leave it alone (full compensatory pause).
        comp = rng.uniform(0.3, 0.7) if rng.uniform() < p["pac_share"] else 1.0
        short = rr[k] * (1.0 - c)
        rr[k] -= short
        rr[k + 1] += comp * short
    rr = np.clip(rr, 0.3, None)
    stop = np.searchsorted(t0 + np.cumsum(rr), t1)
    return rr[:stop + 1]


def _af_rr(t0: float, t1: float, p: dict, mods: dict, rng: np.random.Generator) -> np.ndarray:
    """AF RR intervals filling [t0, t1): independent, irregular, above a refractory floor."""
    n = int((t1 - t0) / 0.25) + 8
    floor = p["af_floor"]
    # The ventricular rate drifts slowly (autonomic tone), the beats do not oscillate.
    level = p["af_rr"] * (1.0 + p["drift_sd"] * np.interp(
        t0 + np.arange(n) * p["af_rr"], mods["t"], mods["drift"]))
    # How irregular AF is also drifts: some stretches are more organised than others.
    organisation = np.interp(t0 + np.arange(n) * p["af_rr"], mods["t"], mods["organisation"])
    sigma = p["af_sigma"] * np.exp(0.2 * organisation)
    sigma[organisation > mods["regular_above"]] = 0.05
    rr = floor + (level - floor) * rng.lognormal(-0.5 * sigma ** 2, sigma, n)
    stop = np.searchsorted(t0 + np.cumsum(rr), t1)
    return rr[:stop + 1]


def _trait_plan(targets: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Which records have frequent premature beats, and which have organised AF stretches.

    Assigned, not drawn per record, so that every data set of a few records has
    both hard cases: irregular sinus rhythm (not AF) and regular-looking AF.
    """
    n = targets.size
    heavy, organised = np.zeros(n, bool), np.zeros(n, bool)
    if n >= 3:
        with_sinus = np.flatnonzero(targets < 1.0)
        heavy[rng.permutation(with_sinus)[:int(np.ceil(n / 4))]] = True
        with_af = np.flatnonzero(targets > 0.03)
        organised[rng.permutation(with_af)[:int(np.ceil(n / 5))]] = True
    return heavy, organised


def _record_params(rng: np.random.Generator, heavy_ectopy: bool, organised_af: bool) -> dict:
    rr0 = rng.uniform(0.55, 1.05)                              # sinus rate 57-109 /min
    vagal = rng.uniform(0.0, 1.0) * (rr0 - 0.55) / 0.5         # slower hearts vary more
    return {
        "rr0": rr0,
        "drift_sd": rng.uniform(0.03, 0.07),
        "lf_sd": rng.uniform(0.008, 0.025),
        "hf_sd": 0.004 + 0.034 * vagal,
        "resp_hz": rng.uniform(0.18, 0.32),
        "jitter_sd": rng.uniform(0.004, 0.010),
        # Premature beats per sinus beat: most patients have few, some have many.
        "ectopy": float(np.exp(rng.uniform(np.log(0.04), np.log(0.2)) if heavy_ectopy
                               else rng.uniform(np.log(0.002), np.log(0.03)))),
        "ectopy_var": rng.uniform(0.5, 1.3),
        "pac_share": rng.uniform(0.3, 0.9),
        # Share of AF time with an organised, almost regular ventricular response.
        "af_regular": float(rng.uniform(0.03, 0.15) if organised_af else 0.0),
        "bigeminy": float(rng.uniform(0.0, 0.05) if rng.uniform() < 0.5 else 0.0),
        "af_rr": float(np.clip(rr0 * rng.uniform(0.6, 1.05), 0.45, 0.85)),
        "af_sigma": rng.uniform(0.25, 0.55),
        "af_floor": rng.uniform(0.25, 0.32),
        "p_missed": rng.uniform(1e-4, 6e-4),
        "p_extra": rng.uniform(0.5e-4, 3e-4),
    }


def _modulators(total: float, p: dict, rng: np.random.Generator) -> dict:
    dt = 0.25
    n = int(total / dt) + 64
    t = np.arange(n) * dt
    # Respiration: a carrier at the breathing rate whose frequency and amplitude wander.
    resp_f = p["resp_hz"] * (1.0 + 0.08 * _band_noise(n, dt, 0.0, 0.01, rng))
    resp_amp = np.exp(0.25 * _band_noise(n, dt, 0.0, 0.02, rng))
    hf = resp_amp * np.sin(2 * np.pi * np.cumsum(resp_f) * dt + rng.uniform(0, 2 * np.pi))
    organisation = _band_noise(n, dt, 1.0 / max(total, 60.0), 0.005, rng)
    return {
        "t": t,
        "organisation": organisation,
        "regular_above": np.quantile(organisation, 1.0 - p["af_regular"]) if p["af_regular"] else np.inf,
        "drift": _band_noise(n, dt, 1.0 / max(total, 60.0), 0.03, rng, slope=1.0),
        "lf": _band_noise(n, dt, 0.07, 0.13, rng),
        "hf": hf / hf.std(),
        "ectopy": _band_noise(n, dt, 1.0 / max(total, 60.0), 0.005, rng),
    }


def _detector_artefacts(times: np.ndarray, p: dict, total: float, rng: np.random.Generator) -> np.ndarray:
    """Missed beats, extra beats, noise bursts and dropouts of an unaudited QRS detector."""
    keep = rng.uniform(size=times.size) >= p["p_missed"]
    keep[0] = True
    times = times[keep]
    gaps = np.diff(times)
    extra_at = np.flatnonzero(rng.uniform(size=gaps.size) < p["p_extra"])
    extra = times[extra_at] + gaps[extra_at] * rng.uniform(0.15, 0.85, extra_at.size)
    hours = total / 3600.0
    bursts = []
    for _ in range(rng.poisson(0.6 * hours)):               # noise: a few false beats in seconds
        c = rng.uniform(10.0, total - 10.0)
        bursts.append(c + np.sort(rng.uniform(0.0, rng.uniform(1.5, 6.0), rng.integers(3, 9))))
    times = np.sort(np.concatenate([times, extra, *bursts]))
    for _ in range(rng.poisson(0.3 * hours)):               # electrode off: no beats for seconds
        c = rng.uniform(10.0, total - 20.0)
        times = times[(times < c) | (times > c + rng.uniform(3.0, 10.0))]
    return times


def _af_record(total: float, target: float, heavy_ectopy: bool, organised_af: bool,
               rng: np.random.Generator):
    p = _record_params(rng, heavy_ectopy, organised_af)
    mods = _modulators(total, p, rng)
    episodes = _episodes(total, target, rng)
    t0 = rng.uniform(0.2, 1.0)
    beat_times, changes = [np.array([t0])], []
    t = t0
    for _, end, af in episodes:
        rr = (_af_rr if af else _sinus_rr)(t, t0 + end, p, mods, rng)
        changes.append((t, af))            # the new rhythm governs the next interval
        beat_times.append(t + np.cumsum(rr))
        t = float(beat_times[-1][-1])
    times = np.concatenate(beat_times)
    times = times[times < t0 + total]
    times = _detector_artefacts(times, p, total, rng)
    samples = np.unique(np.round(times * AF_FS).astype(np.int64))
    # Rhythm annotations: the first one before the first beat (as in the real files),
    # the others halfway into the first interval of the new rhythm.
    rhythm_changes = []
    for i, (tc, af) in enumerate(changes):
        if i == 0:
            s = int(samples[0] // 2)
        else:
            k = np.searchsorted(samples, round(tc * AF_FS), side="right")
            if k >= samples.size:
                break
            s = int((round(tc * AF_FS) + samples[k]) // 2)
            s = max(s, round(tc * AF_FS) + 1)
        label = "(AFIB" if af else "(N"
        if rhythm_changes and rhythm_changes[-1][1] == label:
            continue
        rhythm_changes.append((s, label))
    return samples, rhythm_changes


def synthetic_afdb(directory: str | Path, n_records: int = 12, hours: float = 1.0, seed: int = 0) -> Path:
    """Write a synthetic AF database (records ``s01``, ``s02``, ...) and its ``RECORDS`` file.

    Parameters
    ----------
    directory : str or Path
        Output folder (created when missing).
    n_records : int
        Number of records. About a quarter have almost no AF (at most one short
        paroxysm), about one in six is AF throughout, the others spend 4 % to 70 % of
        their time in AF (a larger share of their beats: AF is faster). About a
        quarter of the records have frequent premature beats in sinus rhythm and a
        fifth have stretches of organised, almost regular AF: the hard cases.
    hours : float
        Length of each record.
    seed : int
        The same seed writes byte-identical files.

    Returns
    -------
    Path
        The folder, ready for :func:`labkit.afdb.read_afdb`.
    """
    if n_records < 1:
        raise ValueError(f"n_records must be at least 1, got {n_records}")
    if not hours * 3600 >= 60:
        raise ValueError(f"hours must give at least one minute per record, got {hours}")
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    plan_rng = np.random.default_rng([seed, 0])
    targets = _burden_plan(n_records, plan_rng)
    heavy, organised = _trait_plan(targets, plan_rng)
    names = [f"s{i + 1:0{max(2, len(str(n_records)))}d}" for i in range(n_records)]
    for i, name in enumerate(names):
        rng = np.random.default_rng([seed, 1, i])
        samples, changes = _af_record(hours * 3600.0, float(targets[i]), bool(heavy[i]),
                                      bool(organised[i]), rng)
        write_afdb_record(directory, name, samples, changes, fs=AF_FS)
    (directory / "RECORDS").write_bytes(("\n".join(names) + "\n").encode("ascii"))
    (directory / "SYNTHETIC.txt").write_bytes(
        (f"Synthetic data written by labkit.synthetic.synthetic_afdb(n_records={n_records}, "
         f"hours={hours}, seed={seed}).\nNot real patients: a model of sinus rhythm, atrial "
         f"fibrillation and QRS-detector artefacts in the MIT-BIH AF Database's file format.\n"
         ).encode("ascii"))
    return directory


# --------------------------------------------------------------------------- gait

# Per group: mean stride (s) as (mean, SD) over subjects; stride CV, Hurst exponent
# (~DFA alpha) and share of white (uncorrelated) variance, each from a mild to a
# severe case (a subject's severity is drawn uniformly, so mild patients overlap
# with controls, and controls range from young to older walkers); share of
# heavy-tailed strides; swing share of the stride; stride lengthening on a turn;
# chance of one stop.
_GAIT = {
    "control": dict(stride=(1.10, 0.06), cv=(0.016, 0.034), hurst=(0.97, 0.85), white=(0.02, 0.12),
                    tails=0.0, swing=0.365, turn=(1.08, 1.35), stops=0.0),
    "als": dict(stride=(1.36, 0.12), cv=(0.024, 0.075), hurst=(0.85, 0.60), white=(0.10, 0.35),
                tails=0.05, swing=0.325, turn=(1.12, 1.6), stops=0.2),
    "hunt": dict(stride=(1.15, 0.10), cv=(0.035, 0.110), hurst=(0.80, 0.50), white=(0.15, 0.55),
                 tails=0.10, swing=0.350, turn=(1.12, 1.6), stops=0.12),
    "park": dict(stride=(1.06, 0.07), cv=(0.024, 0.055), hurst=(0.85, 0.65), white=(0.08, 0.30),
                 tails=0.03, swing=0.335, turn=(1.1, 1.5), stops=0.08),
}


def _quantise(x: np.ndarray) -> np.ndarray:
    return np.maximum(np.round(x * GAIT_FS), 1) / GAIT_FS


def _gait_subject(group: str, rng: np.random.Generator) -> dict:
    g = _GAIT[group]
    mean = float(np.clip(rng.normal(*g["stride"]), 0.9, 1.7))
    severity = rng.uniform()

    def scale(lo_hi, spread):
        lo, hi = lo_hi
        return lo + (hi - lo) * float(np.clip(severity + spread * rng.standard_normal(), 0.0, 1.0))

    cv, hurst, white_share = scale(g["cv"], 0.1), scale(g["hurst"], 0.15), scale(g["white"], 0.15)
    n = int(np.clip(round(rng.uniform(265.0, 300.0) / mean), 150, 300))
    # Stride-to-stride fluctuations: correlated (fGn) plus uncorrelated noise; in
    # disease some of the noise is heavy-tailed (sudden long or short strides).
    white = rng.standard_normal(n)
    if g["tails"]:
        jumps = rng.uniform(size=n) < g["tails"]
        white[jumps] *= rng.uniform(2.0, 3.5, jumps.sum())
        white /= white.std()
    x = np.sqrt(1 - white_share) * fgn(n, hurst, rng) + np.sqrt(white_share) * white
    x = (x - x.mean()) / x.std()
    left = mean * (1.0 + cv * x)
    # Turns at the ends of the hallway, about once a minute: one or two strides
    # slowed down (rarely sped up); some patients stop once for several seconds.
    t_end = np.cumsum(left)
    for turn in np.arange(rng.uniform(40.0, 70.0), t_end[-1] - 5.0, rng.uniform(50.0, 70.0)):
        k = int(np.searchsorted(t_end, turn))
        for j in range(k, min(n, k + int(rng.integers(1, 3)))):
            left[j] *= rng.uniform(*g["turn"]) if rng.uniform() < 0.85 else rng.uniform(0.7, 0.85)
    if rng.uniform() < g["stops"]:
        left[int(rng.integers(10, n - 10))] += rng.uniform(4.0, 30.0)
    left = _quantise(np.clip(left, 0.45, None))
    start = float(_quantise(np.array(rng.uniform(20.5, 22.0))))
    # The walks were recorded for 5 minutes: strides past 300 s are cut.
    n = max(150, int(np.searchsorted(start + np.cumsum(left), 300.0, side="right")))
    left = left[:n]
    right = 0.5 * (left + np.append(left[1:], left[-1])) + 0.012 * mean * rng.standard_normal(n)
    right = _quantise(np.clip(right, 0.45, None))

    def swing(strides):
        share = g["swing"] + 0.012 * rng.standard_normal() + 0.008 * rng.standard_normal(n)
        # On a turn or stop the foot waits on the ground: the swing stays near its usual length.
        return _quantise(np.clip(share, 0.2, 0.5) * np.minimum(strides, 1.25 * mean))

    return dict(left=left, right=right, swing_left=swing(left), swing_right=swing(right), start=start)


def synthetic_gaitndd(directory: str | Path,
                      n_per_group: dict[str, int] | None = None, seed: int = 0) -> Path:
    """Write a synthetic gait database (``control1.ts``, ``als1.ts``, ...) and its ``RECORDS``.

    Parameters
    ----------
    directory : str or Path
        Output folder (created when missing).
    n_per_group : dict, optional
        Subjects per group; default ``{"control": 8, "als": 6, "hunt": 8, "park": 7}``.
    seed : int
        The same seed writes byte-identical files.

    Returns
    -------
    Path
        The folder, ready for :func:`labkit.gaitndd.read_gaitndd`.

    Controls walk with strides of about 1.0-1.2 s, CV 2-3 % and long-range
    correlations (DFA alpha about 0.8-1); ALS subjects are slower and more variable,
    Huntington's disease the most variable and least correlated, Parkinson's disease
    has shorter, moderately variable strides. Every record has a few turn outliers,
    and some patients stop once.
    """
    if n_per_group is None:
        n_per_group = {"control": 8, "als": 6, "hunt": 8, "park": 7}
    unknown = set(n_per_group) - set(_GAIT)
    if unknown:
        raise ValueError(f"unknown group(s) {sorted(unknown)}; groups are {sorted(_GAIT)}")
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    names = []
    for gi, group in enumerate(_GAIT):
        for k in range(int(n_per_group.get(group, 0))):
            rng = np.random.default_rng([seed, 2, gi, k])
            s = _gait_subject(group, rng)
            name = f"{group}{k + 1}"
            write_gait_record(directory / f"{name}.ts", s["left"], s["right"], start=s["start"],
                              swing_left=s["swing_left"], swing_right=s["swing_right"])
            names.append(name)
    names.sort()
    (directory / "RECORDS").write_bytes(("\n".join(names) + "\n").encode("ascii"))
    (directory / "SYNTHETIC.txt").write_bytes(
        (f"Synthetic data written by labkit.synthetic.synthetic_gaitndd(n_per_group="
         f"{dict(n_per_group)}, seed={seed}).\nNot real subjects: a model of stride intervals "
         f"in the Gait in Neurodegenerative Disease Database's file format.\n").encode("ascii"))
    return directory
