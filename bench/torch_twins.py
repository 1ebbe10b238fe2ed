#!/usr/bin/env python3
"""PyTorch twins of the networks that examples' NetworkBench times, for a ratio measured on the same machine.

Each twin has the same name, layers and parameter count as its DL4J network. Protocol, as in NetworkBench: for each
batch size, W warm-up iterations, then N timed ones, each a forward pass (no_grad) then an Adam training step
(zero_grad, forward, per-pixel cross entropy, backward, step); the median of each is reported as images/s, with the
process's peak resident set over the stretch (VmHWM, reset through /proc/self/clear_refs as the Java side does).

Runs on Debian's python3-torch (1.13): /usr/bin/python3 bench/torch_twins.py [--networks a,b] [--batches 1,16]
[--threads 2] [--iterations 10] [--warmup 3]. Prints one RESULT line per case.
"""
import argparse, statistics, subprocess, sys, time
import torch, torch.nn as nn, torch.nn.functional as F


class EncDec(nn.Module):
    """encdec-128: conv 5x5x16, pool, conv 3x3x32, pool, conv 3x3x64, two 2x2/2 transposed convs, 1x1 to k."""
    def __init__(s, k=3):
        super().__init__()
        s.c1 = nn.Conv2d(3, 16, 5, padding=2); s.c2 = nn.Conv2d(16, 32, 3, padding=1)
        s.c3 = nn.Conv2d(32, 64, 3, padding=1)
        s.d1 = nn.ConvTranspose2d(64, 32, 2, 2); s.d2 = nn.ConvTranspose2d(32, 16, 2, 2); s.o = nn.Conv2d(16, k, 1)

    def forward(s, x):
        x = F.max_pool2d(F.relu(s.c1(x)), 2); x = F.max_pool2d(F.relu(s.c2(x)), 2); x = F.relu(s.c3(x))
        return s.o(F.relu(s.d2(F.relu(s.d1(x)))))


class ICNN(nn.Module):
    """icnn-like-64: 4 scales (8/16/24/32 ch), 5x5 convs, interlinking by max-pool / nearest upsampling + concat."""
    def __init__(s, k=9, ch=(8, 16, 24, 32)):
        super().__init__()
        s.A = nn.ModuleList([nn.Conv2d(3, ch[i], 5, padding=2) for i in range(4)])
        def cin(i): return ch[i] + (ch[i - 1] if i > 0 else 0) + (ch[i + 1] if i < 3 else 0)
        s.B = nn.ModuleList([nn.Conv2d(cin(i), ch[i], 5, padding=2) for i in range(4)])
        s.C = nn.ModuleList([nn.Conv2d(cin(i), ch[i], 5, padding=2) for i in range(4)])
        s.Fu = nn.ModuleList([nn.Conv2d(ch[i] + ch[i + 1], ch[i], 5, padding=2) for i in range(3)])
        s.o = nn.Conv2d(ch[0], k, 1)

    def inter(s, convs, p):
        out = []
        for i in range(4):
            parts = [p[i]]
            if i > 0: parts.append(F.max_pool2d(p[i - 1], 2))
            if i < 3: parts.append(F.interpolate(p[i + 1], scale_factor=2, mode='nearest'))
            out.append(F.relu(convs[i](torch.cat(parts, 1))))
        return out

    def forward(s, x):
        xs = [x]
        for i in range(3): xs.append(F.avg_pool2d(xs[-1], 2))
        p = [F.relu(s.A[i](xs[i])) for i in range(4)]
        p = s.inter(s.B, p); p = s.inter(s.C, p)
        f = p[3]
        for i in (2, 1, 0):
            f = F.relu(s.Fu[i](torch.cat([p[i], F.interpolate(f, scale_factor=2, mode='nearest')], 1)))
        return s.o(f)


# name -> (constructor, input channels, size, classes). Register the real networks' twins here, named as in
# io.github.faceparse4j.examples.bench.BenchNetworks.
TWINS = {
    'encdec-128': (lambda: EncDec(3), 3, 128, 3),
    'icnn-like-64': (lambda: ICNN(9), 3, 64, 9),
}


def status_kb(key):
    try:
        with open('/proc/self/status') as f:
            for line in f:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return -1


def reset_peak():
    try:
        with open('/proc/self/clear_refs', 'w') as f:
            f.write('5')
        return status_kb('VmRSS:')
    except OSError:
        return -1


CLOCK = time.perf_counter


def measure(name, batch, warmup, iterations):
    make, c, size, k = TWINS[name]
    torch.manual_seed(0)
    m = make()
    g = torch.Generator().manual_seed(1)
    x = torch.randn(batch, c, size, size, generator=g)
    y = torch.randint(0, k, (batch, size, size), generator=g)
    opt = torch.optim.Adam(m.parameters(), 1e-3)
    start_rss = reset_peak()
    fw, tr = [], []
    for i in range(warmup + iterations):
        t = CLOCK()
        with torch.no_grad():
            m(x)
        t1 = CLOCK()
        opt.zero_grad(); F.cross_entropy(m(x), y).backward(); opt.step()
        t2 = CLOCK()
        if i >= warmup:
            fw.append(t1 - t); tr.append(t2 - t1)
    peak = status_kb('VmHWM:')
    peak_mib = peak / 1024 if start_rss >= 0 else -1
    growth_mib = (peak - start_rss) / 1024 if start_rss >= 0 else -1
    params = sum(p.numel() for p in m.parameters())
    print(f"RESULT framework=pytorch variant=default network={name} batch={batch} "
          f"forward={batch / statistics.median(fw):.1f} train={batch / statistics.median(tr):.1f} "
          f"forward_best={batch / min(fw):.1f} train_best={batch / min(tr):.1f} "
          f"peak_rss_mib={peak_mib:.0f} rss_growth_mib={growth_mib:.0f} peak_heap_mib=0 params={params}", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--networks', default=','.join(TWINS))
    ap.add_argument('--batches', default='1,16')
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--iterations', type=int, default=10)
    ap.add_argument('--warmup', type=int, default=3)
    ap.add_argument('--fork', action='store_true', help='run every case in its own process (per-case peak memory)')
    ap.add_argument('--clock', choices=['wall', 'cpu'], default='wall',
                    help='cpu: CPU time of the process; use with --threads 1 on a busy machine')
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    global CLOCK
    CLOCK = time.process_time if a.clock == 'cpu' else time.perf_counter
    print(f"# PyTorch {torch.__version__}, {torch.get_num_threads()} threads, clock {a.clock}")
    for name in a.networks.split(','):
        if name not in TWINS:
            raise SystemExit(f"unknown network {name!r}; known: {', '.join(TWINS)}")
        for b in a.batches.split(','):
            if a.fork:
                args = [sys.executable, __file__, '--networks', name, '--batches', b, '--threads', str(a.threads),
                        '--iterations', str(a.iterations), '--warmup', str(a.warmup), '--clock', a.clock]
                out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
                print(''.join(l + '\n' for l in out.splitlines() if l.startswith('RESULT')), end='', flush=True)
            else:
                measure(name, int(b), a.warmup, a.iterations)


if __name__ == '__main__':
    main()
