"""Simulation speed: antq's cascade and escalation against a pure-Python event-driven reference, in one run.

    .venv/bin/python bench/simulation_scale.py            # full run, rewrites its section of bench/RESULTS.md
    .venv/bin/python bench/simulation_scale.py --quick    # small graph, few replications: a smoke test

The reference (this file: ``cascade_reference``, ``escalation_reference``) is what a researcher without antq
writes: the same model as docs/simulation.md states it, one ``heapq`` of events, Python's ``random``, the graph
read from the same DataFrames (not from antq). Before timing, the script checks that both agree: with constant
delays the cascade's arrival times are equal unit by unit; escalation's mean response time (over replications) of
one lies within the other's 95% interval. Then antq's time is split into a fixed cost per call and a cost per
replication (a short and a long call), the latter compared with the reference's, and a long call on 2 threads
against the same call on 1.
"""

from __future__ import annotations

import heapq
import math
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass

import measure
import results
import synth


@dataclass(frozen=True)
class Config:
    shape: synth.Shape  # the cascade's synthetic national graph
    few_reps: int  # antq's short call: the fixed cost of a call and few replications; the long one minus it, their cost
    cascade_reps: int  # antq's long call, on 1 and on 2 threads: a few seconds, so the threads have work to share
    reference_cascade_reps: int
    escalation_reps: int
    reference_escalation_reps: int
    check_reps: int  # replications of each side for the escalation check
    horizon: float
    repeats: int
    seed: int = 2024


FULL = Config(synth.FULL, few_reps=1, cascade_reps=1000, reference_cascade_reps=4, escalation_reps=1000,
              reference_escalation_reps=6, check_reps=100, horizon=120.0, repeats=3)
QUICK = Config(synth.QUICK, few_reps=1, cascade_reps=8, reference_cascade_reps=2, escalation_reps=8,
               reference_escalation_reps=2, check_reps=30, horizon=30.0, repeats=1)

# ---- the scenarios (every value an assumption of this benchmark, not a measurement) ---------------------------

SOURCES = ["VN.gov_office", "VN.mps"]
COMMUNE_PC = {"all": [{"kind": "peoples_committee"}, {"level": "commune"}]}
CASCADE = dict(
    delay={"dist": "exponential", "mean": 1.0},
    delays=[{"select": COMMUNE_PC, "delay": {"dist": "lognormal", "mu": 0.7, "sigma": 0.4}}],
    capacity=4.0,
    failure=0.01,
)
# The agreement check: deterministic, so the arrival times must be equal (the capacity still adds its 1/4 day).
CASCADE_CONSTANT = dict(
    delay={"dist": "constant", "value": 1.0},
    delays=[{"select": COMMUNE_PC, "delay": {"dist": "constant", "value": 2.0}}],
    capacity=4.0,
    failure=0.0,
)
RATE = 0.3  # incidents a day per commune
ESCALATION = dict(
    rates=[{"select": {"kind": "commune"}, "per_day": RATE}],
    service={"dist": "exponential", "mean": 0.5},
    services=[{"select": {"level": "district"}, "service": {"dist": "lognormal", "mu": -0.5, "sigma": 0.6}}],
    staffing=[{"select": {"level": "district"}, "servers": 2}],
    escalation=0.1,
    thresholds=[{"select": {"level": "commune"}, "waiting": 3}],
    step=1.0,
)


def is_commune_pc(kind: str, level: str) -> bool:
    return kind == "peoples_committee" and level == "commune"


def sampler(dist: dict, rng: random.Random):
    """A draw of the distribution as docs/simulation.md defines it (same parameters, Python's generator)."""
    if dist["dist"] == "constant":
        value = float(dist["value"])
        return lambda: value
    if dist["dist"] == "exponential":
        rate = 1.0 / dist["mean"]
        return lambda: rng.expovariate(rate)
    if dist["dist"] == "lognormal":
        mu, sigma = dist["mu"], dist["sigma"]
        return lambda: rng.lognormvariate(mu, sigma)
    raise ValueError(dist["dist"])


# ---- the pure-Python reference --------------------------------------------------------------------------------


class CascadeReference:
    """The directive cascade over the ``forwards`` ties of the frames, one heapq per replication."""

    def __init__(self, units, ties, params: dict) -> None:
        ids = units["id"].tolist()
        self.ids = ids
        self.position = {u: i for i, u in enumerate(ids)}
        self.out: list[list[int]] = [[] for _ in ids]
        forwards = ties[ties["kind"] == "forwards"]
        for s, t in zip(forwards["source"].tolist(), forwards["target"].tolist()):
            self.out[self.position[s]].append(self.position[t])
        self.commune_pc = [is_commune_pc(k, lv) for k, lv in zip(units["kind"].tolist(), units["level"].tolist())]
        self.params = params
        self.sources = [self.position[s] for s in SOURCES]

    def replicate(self, rng: random.Random) -> dict[int, float]:
        p = self.params
        default, rule = sampler(p["delay"], rng), sampler(p["delays"][0]["delay"], rng)
        draw = [rule if c else default for c in self.commune_pc]
        service, failure, out = 1.0 / p["capacity"], p["failure"], self.out
        free_at: dict[int, float] = {}
        arrival: dict[int, float] = {}
        events = [(0.0, k, s) for k, s in enumerate(self.sources)]
        order = len(events)
        push, pop = heapq.heappush, heapq.heappop
        while events:
            t, _, u = pop(events)
            done = max(t, free_at.get(u, 0.0)) + service  # FIFO: every copy takes its turn
            free_at[u] = done
            if u in arrival:
                continue
            arrival[u] = t
            if failure > 0 and rng.random() < failure:
                continue
            for v in out[u]:
                push(events, (done + draw[v](), order, v))
                order += 1
        return arrival

    def run(self, reps: int, seed: int) -> list[dict[int, float]]:
        return [self.replicate(random.Random(seed * 1_000_003 + r)) for r in range(reps)]


class EscalationReference:
    """Incident escalation over the frames: responsible police body, chain of command along ``directs``, M/G/c
    stations with FIFO queues, escalation by probability and by threshold, one heapq per replication."""

    def __init__(self, units, ties, horizon: float, warm_up: float) -> None:
        kind = dict(zip(units["id"], units["kind"]))
        level = dict(zip(units["id"], units["level"]))
        serves: dict[str, list[str]] = {}
        parent: dict[str, str] = {}
        directs_in: dict[str, list[str]] = {}
        for s, t, k in zip(ties["source"].tolist(), ties["target"].tolist(), ties["kind"].tolist()):
            if k == "serves":
                serves.setdefault(t, []).append(s)
            elif k == "contains":
                parent[t] = s
            elif k == "directs":
                directs_in.setdefault(t, []).append(s)

        def responsible(territory: str) -> str:
            t: str | None = territory
            while t is not None:
                for b in serves.get(t, []):
                    if kind[b] == "police":
                        return b
                t = parent.get(t)
            raise ValueError(f"no police serves {territory}")

        def superior(body: str) -> str | None:
            above = [p for p in directs_in.get(body, []) if kind[p] == kind[body]]
            assert len(above) <= 1, body
            return above[0] if above else None

        communes = units.loc[units["kind"] == "commune", "id"].tolist()
        bodies: list[str] = []
        index: dict[str, int] = {}
        handler = []
        for c in communes:
            b: str | None = responsible(c)
            handler.append(b)
            while b is not None and b not in index:
                index[b] = len(bodies)
                bodies.append(b)
                b = superior(b)
        self.source_station = [index[b] for b in handler]
        self.up = [index[s] if (s := superior(b)) is not None else -1 for b in bodies]
        self.level = [level[b] for b in bodies]
        self.servers = [2 if lv == "district" else 1 for lv in self.level]
        self.threshold = [3 if lv == "commune" else math.inf for lv in self.level]
        self.horizon, self.warm_up = horizon, warm_up

    def replicate(self, rng: random.Random) -> float:
        """The mean response time of the incidents that arose after the warm-up and were resolved by the horizon."""
        H, W, p_up = self.horizon, self.warm_up, ESCALATION["escalation"]
        default = sampler(ESCALATION["service"], rng)
        district = sampler(ESCALATION["services"][0]["service"], rng)
        service = [district if lv == "district" else default for lv in self.level]
        up, servers, threshold = self.up, self.servers, self.threshold
        busy = [0] * len(up)
        waiting: list[list[int]] = [[] for _ in up]  # FIFO queues, consumed from `head`
        head = [0] * len(up)
        created: list[float] = []
        events: list[tuple[float, int, int, int]] = []
        order = 0
        push, pop = heapq.heappush, heapq.heappop
        for k in range(len(self.source_station)):
            push(events, (rng.expovariate(RATE), order, k, -1))
            order += 1
        total, count = 0.0, 0

        def enter(i: int, s: int, t: float) -> None:
            nonlocal order
            while up[s] >= 0 and len(waiting[s]) - head[s] >= threshold[s]:
                s = up[s]
            if busy[s] < servers[s]:
                busy[s] += 1
                push(events, (t + service[s](), order, s, i))
                order += 1
            else:
                waiting[s].append(i)

        while events and events[0][0] <= H:
            t, _, who, i = pop(events)
            if i < 0:  # an incident arises at commune `who`
                push(events, (t + rng.expovariate(RATE), order, who, -1))
                order += 1
                created.append(t)
                enter(len(created) - 1, self.source_station[who], t)
                continue
            s = who  # station s finished incident i
            busy[s] -= 1
            if head[s] < len(waiting[s]):
                nxt = waiting[s][head[s]]
                head[s] += 1
                busy[s] += 1
                push(events, (t + service[s](), order, s, nxt))
                order += 1
            if up[s] >= 0 and rng.random() < p_up:
                enter(i, up[s], t)
            elif created[i] >= W:
                total += t - created[i]
                count += 1
        return total / count if count else math.nan

    def run(self, reps: int, seed: int) -> list[float]:
        return [self.replicate(random.Random(seed * 1_000_003 + r)) for r in range(reps)]


def cpu_time_reading(one_thread: float, two_threads: float) -> str:
    """What the CPU times of the 1- and 2-thread calls say: the same work costs the same CPU time unless the threads
    slow each other, in the code (a lock, a shared stream, false sharing) or in the machine (two virtual cores on
    one physical core, or sharing its memory bandwidth)."""
    extra = two_threads / one_thread - 1
    if extra <= 0.15:
        return ("About the same CPU time on 2 threads: the threads do not slow each other (no lock, no shared random "
                "stream, no false sharing, the GIL released); a speed-up needs the second core to be free, and fewer "
                "than 2 cores on average means it was not.")
    return (f"The 2-thread call took {extra:.0%} more CPU time for the same replications: with 2 cores in use, "
            "each thread ran slower. The code shares nothing between the threads (no lock, no shared random stream, "
            "no false sharing, the GIL released), so the machine slowed them: virtual cores that share a physical "
            "core or its memory bandwidth. The speed-up is this machine's, not the code's limit.")


def autogroup_note() -> str:
    """On a busy machine with autogroup scheduling, why a second thread cannot help (empty otherwise); the load
    average itself is printed beside every benchmark's figures."""
    try:
        with open("/proc/sys/kernel/sched_autogroup_enabled") as f:
            grouped = f.read().strip() == "1"
        busy = os.getloadavg()[0] > (os.cpu_count() or 1)
    except OSError:
        return ""
    if not (grouped and busy):
        return ""
    return ("The kernel groups a session's threads for scheduling (autogroup), so on a machine this busy the two "
            "threads share one group's slice: the 2-thread rows then say little about the engine's scaling.")


def cpu_share(call) -> tuple[float, float]:
    """(process CPU seconds, wall-clock seconds) of one call: their ratio is how many cores it actually had."""
    cpu, wall = time.process_time(), time.perf_counter()
    call()
    return time.process_time() - cpu, time.perf_counter() - wall


def interval(values: list[float]) -> tuple[float, float, float]:
    """Mean and 95% interval (Student's t) of independent replications' values."""
    from scipy import stats

    mean = statistics.fmean(values)
    half = stats.t.ppf(0.975, len(values) - 1) * statistics.stdev(values) / math.sqrt(len(values))
    return mean, mean - half, mean + half


# ---- checks and timings ---------------------------------------------------------------------------------------


def check_cascade(g, units, ties, seed: int) -> tuple[int, float]:
    """Constant delays: antq's arrival times equal the reference's at every unit. Returns (units, largest gap)."""
    from antq import simulation

    ours = simulation.cascade(g, SOURCES, reps=1, seed=seed, **CASCADE_CONSTANT)
    ref = CascadeReference(units, ties, CASCADE_CONSTANT)
    theirs = ref.replicate(random.Random(seed))
    got = dict(zip(ours.units, ours.arrivals[0].tolist()))
    want = {ref.ids[u]: t for u, t in theirs.items()}
    if set(got) != set(want):
        raise SystemExit(f"cascade: antq reaches {len(got):,} units, the reference {len(want):,}")
    gap = max(abs(got[u] - want[u]) for u in want)
    if gap > 1e-9:
        raise SystemExit(f"cascade: arrival times differ by up to {gap} days")
    return len(want), gap


def check_escalation(g, units, ties, config: Config, warm_up: float) -> dict:
    """Mean response time: the reference's mean within antq's 95% interval (or the intervals overlapping)."""
    from antq import simulation

    ours = simulation.escalation(g, **ESCALATION, horizon=config.horizon, warm_up=warm_up, reps=config.check_reps,
                                 seed=config.seed, threads=2)
    s = ours.summary()
    row = s[(s.level == "all") & (s.measure == "response")].iloc[0]
    ref = EscalationReference(units, ties, config.horizon, warm_up)
    mean, low, high = interval(ref.run(config.check_reps, config.seed))
    inside = row.ci_low <= mean <= row.ci_high
    if not (inside or (low <= row.ci_high and row.ci_low <= high)):
        raise SystemExit(f"escalation: mean response antq {row['mean']:.4f} [{row.ci_low:.4f}, {row.ci_high:.4f}], "
                         f"reference {mean:.4f} [{low:.4f}, {high:.4f}]: the intervals do not overlap")
    return {"antq": (row["mean"], row.ci_low, row.ci_high), "reference": (mean, low, high), "inside": inside,
            "stations": len(ours.stations), "incidents": len(ours.to_pandas()) / config.check_reps}


def run(config: Config) -> results.Report:
    import antq
    from antq import simulation

    units, ties = synth.generate(config.shape, config.seed, directive=True)
    g = antq.OrgGraph.from_pandas(units, ties)
    hd = antq.datasets.hai_duong_2024()
    hd_units, hd_ties = hd.to_pandas()
    communes = int((hd_units["kind"] == "commune").sum())
    warm_up = config.horizon / 6
    print(f"cascade graph: {len(units):,} units, {len(ties):,} ties (synthetic); escalation: Hải Dương, "
          f"{communes} communes", flush=True)

    reached, gap = check_cascade(g, units, ties, config.seed)
    agree = check_escalation(hd, hd_units, hd_ties, config, warm_up)
    print("answers agree", flush=True)

    cascade_ref = CascadeReference(units, ties, CASCADE)
    escalation_ref = EscalationReference(hd_units, hd_ties, config.horizon, warm_up)

    def antq_cascade(threads: int, reps: int):
        return lambda: simulation.cascade(g, SOURCES, reps=reps, seed=config.seed, threads=threads, **CASCADE)

    def antq_escalation(threads: int, reps: int):
        return lambda: simulation.escalation(hd, **ESCALATION, horizon=config.horizon, warm_up=warm_up, reps=reps,
                                             seed=config.seed, threads=threads)

    # Per model: a short and a long call on 1 thread (their difference is the cost of the extra replications alone),
    # the long call on 2 threads, and the reference.
    cascade_times = measure.round_robin({
        "few": antq_cascade(1, config.few_reps), "1": antq_cascade(1, config.cascade_reps),
        "2": antq_cascade(2, config.cascade_reps),
        "python": lambda: cascade_ref.run(config.reference_cascade_reps, config.seed),
    }, config.repeats)
    print("cascade timed", flush=True)
    escalation_times = measure.round_robin({
        "few": antq_escalation(1, config.few_reps), "1": antq_escalation(1, config.escalation_reps),
        "2": antq_escalation(2, config.escalation_reps),
        "python": lambda: escalation_ref.run(config.reference_escalation_reps, config.seed),
    }, config.repeats)
    print("escalation timed", flush=True)
    # Whether a missing 2-thread speed-up is the code's (threads waiting on each other or on shared memory would cost
    # CPU time) or the machine's (the same CPU time, but no second core to spend it on).
    shares = {threads: cpu_share(antq_escalation(threads, config.escalation_reps)) for threads in (1, 2)}

    def costs(times: dict[str, float], reps: int, ref_reps: int) -> dict[str, float]:
        """Milliseconds: per replication (the slope between the short and the long call), the short call itself
        (the fixed cost and its few replications: measured, not a difference of noisy figures), the long call on 1 and
        2 threads, and the reference per replication."""
        return {"rep": (times["1"] - times["few"]) / (reps - config.few_reps) * 1e3, "short": times["few"] * 1e3,
                "call1": times["1"] * 1e3, "call2": times["2"] * 1e3, "python": times["python"] / ref_reps * 1e3}

    c = costs(cascade_times, config.cascade_reps, config.reference_cascade_reps)
    e = costs(escalation_times, config.escalation_reps, config.reference_escalation_reps)
    rows = []
    for what, t, reps in (("cascade", c, config.cascade_reps), ("escalation", e, config.escalation_reps)):
        rows.append(results.Row(f"{what}: one replication, 1 thread", "ms", t["rep"], "pure Python (heapq)",
                                t["python"], 100.0))
        rows.append(results.Row(f"{what}: a call of {config.few_reps} replication{'s' if config.few_reps > 1 else ''}"
                                " (the fixed cost and it)", "ms", t["short"]))
        rows.append(results.Row(f"{what}: a call of {reps:,} replications, 2 threads", "s", t["call2"] / 1e3,
                                "antq on 1 thread", t["call1"] / 1e3, 1.8))
    a, r = agree["antq"], agree["reference"]
    inputs = f"""Both scenarios' values are assumptions of this benchmark, not measurements: figures about the \
engine's speed, not about real delays.

- **cascade**: bench/synth.py's national graph (synthetic; shape {config.shape}, seed {config.seed}, with the \
directive's bodies and forwarding ties): {len(units):,} units, {len(ties):,} ties, {reached:,} units reachable along \
`forwards` from {", ".join(f"`{s}`" for s in SOURCES)}. Every hop exponential with mean 1 day, commune People's \
Committees log-normal (μ 0.7, σ 0.4); every unit processes 4 documents a day (FIFO); each fails to forward with \
probability 0.01.
- **escalation**: the Hải Dương dataset's structure ({communes} communes, {agree['stations']} police bodies \
simulated); incidents at every commune at {RATE} a day (synthetic rate), handling exponential with mean 0.5 day, \
district police log-normal (μ −0.5, σ 0.6) with 2 servers, 1 in 10 passed up after handling, passed up at once at \
a commune police with 3 waiting; {config.horizon:g} days, the first {warm_up:g} not counted (about \
{agree['incidents']:,.0f} incidents counted per replication).
- **same answers first**: with constant delays (1 day, commune People's Committees 2 days; capacity 4 a day; no \
failure) antq's arrival times equal the reference's at all {reached:,} units (largest difference {gap:.1g} days). \
Escalation's mean response time over {config.check_reps} replications: antq {a[0]:.4f} days \
[{a[1]:.4f}, {a[2]:.4f}], the reference {r[0]:.4f} [{r[1]:.4f}, {r[2]:.4f}] (95%, Student's t); the reference's \
mean is {"inside" if agree["inside"] else "outside (the intervals overlap)"} antq's interval."""
    def rate(ms: float) -> str:
        return f"{1e3 / ms:,.1f}" if ms > 0 else "—"

    notes = [
        "Replications per second (antq 1 thread, the fixed cost aside / pure Python): "
        f"cascade {rate(c['rep'])} / {rate(c['python'])}; escalation {rate(e['rep'])} / {rate(e['python'])}. "
        f"Whole calls of {config.cascade_reps:,} and {config.escalation_reps:,} replications, 1 thread / 2 threads: "
        f"cascade {c['call1'] / 1e3:.2f} s / {c['call2'] / 1e3:.2f} s, escalation {e['call1'] / 1e3:.2f} s / "
        f"{e['call2'] / 1e3:.2f} s.",
        f"A call's time is a fixed cost (checking the parameters, resolving the selectors, the units the document "
        f"can reach or the bodies simulated, the result's tables) plus a cost per replication. antq is timed on "
        f"{config.few_reps} and on {config.cascade_reps:,} (cascade) or {config.escalation_reps:,} (escalation) "
        f"replications: the difference over the extra replications is the per-replication figure; the short call, "
        f"the fixed cost with its one replication, is shown as measured. The reference runs "
        f"{config.reference_cascade_reps} and {config.reference_escalation_reps} replications a call (its graph read beforehand, not timed). The "
        "2-thread rows compare whole long calls, fixed cost included; they need a second core free.",
        f"Escalation's call of {config.escalation_reps:,} replications took {shares[1][0]:.2f} CPU-seconds on 1 thread "
        f"and {shares[2][0]:.2f} on 2 (process CPU time, one call each), and the 2-thread call had "
        f"{shares[2][0] / shares[2][1]:.2f} cores on average (CPU time over wall-clock time, 1 thread: "
        f"{shares[1][0] / shares[1][1]:.2f}). {cpu_time_reading(shares[1][0], shares[2][0])}",
        autogroup_note(),
    ]
    return results.Report(
        title="simulation",
        repeats=config.repeats,
        rss_repeats=None,
        inputs_heading="Scenarios (synthetic and assumed values)",
        inputs=inputs,
        rows=rows,
        table_note="Wall-clock time. The peer of the per-replication rows is the pure-Python event-driven reference "
        "of the same model (this script); the fixed cost of a call has no peer; the peer of the 2-thread rows is the "
        "same call on 1 thread, so their ratio is the speed-up.",
        notes=[note for note in notes if note],
        summary=f"cascade {rate(c['rep'])} replications/s (Python {rate(c['python'])}); escalation "
        f"{rate(e['rep'])}/s (Python {rate(e['python'])}); synthetic scenarios",
    )


def main(argv: list[str]) -> None:
    measure.main(argv, doc=__doc__, section="simulation_scale", quick_help="small graph, few replications (smoke test)",
                 configs=(QUICK, FULL), run=run)


if __name__ == "__main__":
    main(sys.argv[1:])
