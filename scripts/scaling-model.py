#!/usr/bin/env python3
"""The exchange's cost on paper (docs/SCALING.md), fitted to scripts/netbench.sh's measurements.

    scripts/scaling-model.py RESULTS.tsv [MAX_P]

Fits, by least squares over the rows with P <= MAX_P (default 8), the exchange time per step of the ring:

    X(P) = 2 (P - 1)/P * B * (1/R + beta) + 2 (P - 1) * alpha + F

B the model's bytes, R the link's rate (1 Gbit/s in the runs), beta the time per byte beyond the link's (encoding,
adding, copying, where they do not overlap the transfer), alpha the cost of one hop (latency, a thread's wake-up, a
flush), F the step's fixed cost (the driver's round trip, the update). A step is then M/P + X(P) on P executors, M
the math of the global batch on one core (twice the math per step measured at P = 2). Prints the fit against the runs,
and the extrapolation to 64 and 256 executors on 10 and 25 Gbit/s links, as Markdown tables: strong scaling (the
runs' global batch of 256, efficiency = (M + F) / (P * step)) and weak scaling (128 samples a task, efficiency =
(M/2 + F) / step), with the costs as fitted here and with idle cores (beta = 0) and 50 us hops. Plain Python 3.
"""
import sys

RATE = 1e9 / 8  # bytes per second of the measured links


def rows(path):
    for line in open(path):
        f = line.rstrip("\n").split("\t")
        if len(f) >= 8:
            yield {"model": f[0], "p": int(f[1]), "params": int(f[2]), "bytes": float(f[3]) * 1e6,
                   "step": float(f[4]), "math": float(f[5]), "exchange": float(f[6])}


def solve(a, b):
    """Least squares a x = b through the normal equations (3 unknowns), by Gaussian elimination."""
    n = len(a[0])
    m = [[sum(r[i] * r[j] for r in a) for j in range(n)] + [sum(r[i] * y for r, y in zip(a, b))] for i in range(n)]
    for i in range(n):
        pivot = max(range(i, n), key=lambda k: abs(m[k][i]))
        m[i], m[pivot] = m[pivot], m[i]
        for k in range(n):
            if k != i:
                factor = m[k][i] / m[i][i]
                m[k] = [x - factor * y for x, y in zip(m[k], m[i])]
    return [m[i][n] / m[i][i] for i in range(n)]


def exchange_ms(p, model_bytes, rate, beta, alpha, fixed):
    if p == 1:
        return fixed
    share = 2 * (p - 1) / p * model_bytes
    return (share / rate + share * beta) * 1e3 + 2 * (p - 1) * alpha + fixed


def fit_costs(runs):
    """beta, alpha, F by least squares; F held at 0 when the free fit makes it negative."""
    a = [[2 * (r["p"] - 1) / r["p"] * r["bytes"] * 1e3, 2 * (r["p"] - 1), 1.0] for r in runs]
    b = [r["exchange"] - 2 * (r["p"] - 1) / r["p"] * r["bytes"] / RATE * 1e3 for r in runs]
    beta, alpha, fixed = solve(a, b)
    if fixed < 0:
        beta, alpha = solve([row[:2] for row in a], b)
        fixed = 0.0
    return beta, alpha, fixed


def main():
    data = list(rows(sys.argv[1]))
    max_p = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    fit = [r for r in data if r["p"] <= max_p]
    beta, alpha, fixed = fit_costs(fit)
    print(f"Fit over {len(fit)} runs (P <= {max_p}): beta = {beta * 1e9:.3f} ns/byte, alpha = {alpha:.3f} ms per "
          f"hop, F = {fixed:.2f} ms per step.")
    print()
    print("| run | P | exchange measured | model | the link alone |")
    print("|---|---|---|---|---|")
    for r in data:
        model = exchange_ms(r["p"], r["bytes"], RATE, beta, alpha, fixed)
        wire = 2 * (r["p"] - 1) / r["p"] * r["bytes"] / RATE * 1e3
        print(f"| {r['model']} | {r['p']} | {r['exchange']:.1f} ms | {model:.1f} ms | {wire:.1f} ms |")
    print()
    # The math of a 256-sample batch on one core: at P = 2 each of the 2 cores did half of it.
    math_one_core = {r["model"]: 2 * r["math"] for r in data if r["p"] == 2}
    scenarios = [("as fitted here", beta, alpha), ("idle cores, 50 us hops", 0.0, 0.05)]
    print("| model | B | links | P | costs | strong scaling (batch 256): step, efficiency "
          "| weak scaling (128 a task): step, efficiency |")
    print("|---|---|---|---|---|---|---|")
    for name, m in math_one_core.items():
        model_bytes = next(r["bytes"] for r in data if r["model"] == name)
        for gbit in (10, 25):
            for p in (64, 256):
                for label, b, a in scenarios:
                    x = exchange_ms(p, model_bytes, gbit * 1e9 / 8, b, a, fixed)
                    strong = m / p + x
                    weak = m / 2 + x
                    print(f"| {name} | {model_bytes / 1e6:.2f} MB | {gbit} Gbit/s | {p} | {label} | "
                          f"{strong:.1f} ms, {(m + fixed) / strong / p:.1%} | {weak:.1f} ms, "
                          f"{(m / 2 + fixed) / weak:.1%} |")


if __name__ == "__main__":
    main()
