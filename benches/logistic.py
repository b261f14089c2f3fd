"""Logistic regression by Newton's method, standard library only: the fitting the judgements of
stories and claims share (benches/fit_stories.py, benches/fit_claims.py), and how both run
the parallax binary."""
import math
import subprocess
import sys


def write_model(path, model):
    """Writes the part of a fitted model the engine reads (features, weights, bias)."""
    import json
    with open(path, "w") as f:
        json.dump({k: model[k] for k in ("features", "weights", "bias")}, f, indent=1)
        f.write("\n")


def run(cmd, env=None):
    """The standard output of `cmd`; exits with its error if it fails."""
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if p.returncode:
        sys.exit(f"{' '.join(cmd)} failed: {p.stderr[-500:]}")
    return p.stdout


def solve(m, v):
    """Solves m x = v (Gauss-Jordan with partial pivoting)."""
    n = len(v)
    a = [row[:] + [v[i]] for i, row in enumerate(m)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(a[r][c]))
        a[c], a[p] = a[p], a[c]
        for r in range(n):
            if r != c and a[c][c] != 0:
                f = a[r][c] / a[c][c]
                a[r] = [x - f * y for x, y in zip(a[r], a[c])]
    return [a[i][n] / a[i][i] if a[i][i] else 0.0 for i in range(n)]


def fit(samples, l2):
    """samples: (x, y, weight). Returns (weights, bias)."""
    k = len(samples[0][0])
    beta = [0.0] * (k + 1)  # bias last
    for _ in range(50):
        grad = [0.0] * (k + 1)
        hess = [[0.0] * (k + 1) for _ in range(k + 1)]
        for x, y, w in samples:
            xb = list(x) + [1.0]
            z = sum(b * v for b, v in zip(beta, xb))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            g = w * (p - y)
            h = w * p * (1 - p)
            for i in range(k + 1):
                grad[i] += g * xb[i]
                hi = h * xb[i]
                row = hess[i]
                for j in range(i, k + 1):
                    row[j] += hi * xb[j]
        for i in range(k + 1):
            for j in range(i):
                hess[i][j] = hess[j][i]
        for i in range(k):
            grad[i] += l2 * beta[i]
            hess[i][i] += l2
        step = solve(hess, grad)
        beta = [b - s for b, s in zip(beta, step)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return beta[:k], beta[k]


