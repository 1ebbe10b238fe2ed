#!/usr/bin/env python3
"""PyTorch twins of the networks that examples' NetworkBench times, for a ratio measured on the same machine.

Each twin has the same name, layers and parameter count as its DL4J network (the RESULT lines of both print it as
params=); bench/check_twins.py checks that the project's networks' twins compute the same function. Protocol, as in
NetworkBench: for each batch size, W warm-up iterations, then N timed ones, each a forward pass (no_grad) then an
Adam training step (zero_grad, forward, the DL4J network's training loss or losses, backward, step); the median of
each is reported as images/s, with the process's peak resident set over the stretch (VmHWM, reset through
/proc/self/clear_refs as the Java side does).

Runs on Debian's python3-torch (1.13): /usr/bin/python3 bench/torch_twins.py [--networks a,b] [--batches 1,16]
[--threads 2] [--iterations 10] [--warmup 30]. Prints one RESULT line per case.
"""
import argparse, statistics, subprocess, sys, time
import torch, torch.nn as nn, torch.nn.functional as F


class Twin(nn.Module):
    """A bench network: its input [N, channels, size, size], a random batch, its training loss and optimiser.

    The defaults are the prototypes' protocol: a standard normal input, integer labels [N, size, size] of `classes`
    classes, mean per-pixel cross entropy on the single output, Adam 1e-3 on every parameter, forward() timed as the
    forward pass.
    """
    def __init__(s, channels, size, classes):
        super().__init__()
        s.channels, s.size, s.classes = channels, size, classes

    def random_batch(s, batch, g):
        """(input, targets) for `batch` examples drawn from generator g."""
        x = torch.randn(batch, s.channels, s.size, s.size, generator=g)
        return x, torch.randint(0, s.classes, (batch, s.size, s.size), generator=g)

    def infer(s, x):
        """What NetworkBench times as the forward pass (DL4J's graph.output)."""
        return s(x)

    def loss(s, out, targets):
        return F.cross_entropy(out, targets)

    def targets_from_dl4j(s, labels, masks):
        """The targets of loss() from the DL4J batch's label arrays and {index: label mask} (check_twins.py)."""
        return labels[0].argmax(1)

    def optimizer(s):
        return torch.optim.Adam(s.parameters(), 1e-3)

    def after_step(s):
        """Called after each optimiser step (DL4J applies parameter constraints there)."""


class EncDec(Twin):
    """encdec-128: conv 5x5x16, pool, conv 3x3x32, pool, conv 3x3x64, two 2x2/2 transposed convs, 1x1 to k."""
    def __init__(s, k=3):
        super().__init__(3, 128, k)
        s.c1 = nn.Conv2d(3, 16, 5, padding=2); s.c2 = nn.Conv2d(16, 32, 3, padding=1)
        s.c3 = nn.Conv2d(32, 64, 3, padding=1)
        s.d1 = nn.ConvTranspose2d(64, 32, 2, 2); s.d2 = nn.ConvTranspose2d(32, 16, 2, 2); s.o = nn.Conv2d(16, k, 1)

    def forward(s, x):
        x = F.max_pool2d(F.relu(s.c1(x)), 2); x = F.max_pool2d(F.relu(s.c2(x)), 2); x = F.relu(s.c3(x))
        return s.o(F.relu(s.d2(F.relu(s.d1(x)))))


class ICNN(Twin):
    """icnn-like-64: 4 scales (8/16/24/32 ch), 5x5 convs, interlinking by max-pool / nearest upsampling + concat."""
    def __init__(s, k=9, ch=(8, 16, 24, 32)):
        super().__init__(3, 64, k)
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


def conv_keys(module, layer):
    """dl4j_keys() entries of a conv module: DL4J's convolution weights [out, in, kh, kw] are PyTorch's layout."""
    return {module + '.weight': layer + '_W', module + '.bias': layer + '_b'}


def up2(x):
    """Nearest-neighbour 2x upsampling, DL4J's Upsampling2D(2)."""
    return F.interpolate(x, scale_factor=2, mode='nearest')


class InterlinkedCNN(Twin):
    """icnn-*: the project's iCNN (icnn module, InterlinkedCnn with IcnnTrainer's defaults), L labels at S x S.

    Scale k (0 = finest) sees the input mean-pooled k times. conv0: 5x5 to ch[k] per scale; then 3 interlinking
    layers, each a 5x5 conv at every scale over concat(max-pool 2x2 of scale k-1, scale k, nearest-up 2x of scale
    k+1), in that channel order; then fusion from coarse to fine: 5x5 conv over concat(scale k-1, up(fused)) to
    ch[k-1], the last one to 2L + 8 maps; then a 9x9 conv to L logits. tanh after every conv but the last, padding
    k // 2. Loss: softmax cross entropy summed over pixels, divided by N (DL4J's PixelSoftmaxCrossEntropy score).
    """
    def __init__(s, labels, size, ch=(8, 16, 24, 32), interlinks=3):
        super().__init__(3, size, labels)
        n = len(ch)
        def cin(k): return ch[k] + (ch[k - 1] if k > 0 else 0) + (ch[k + 1] if k < n - 1 else 0)
        s.conv0 = nn.ModuleList([nn.Conv2d(3, ch[k], 5, padding=2) for k in range(n)])
        s.links = nn.ModuleList([nn.ModuleList([nn.Conv2d(cin(k), ch[k], 5, padding=2) for k in range(n)])
                                 for _ in range(interlinks)])
        fuse, fused = [], ch[n - 1]
        for k in range(n - 1, 0, -1):
            out = 2 * labels + 8 if k == 1 else ch[k - 1]
            fuse.append(nn.Conv2d(ch[k - 1] + fused, out, 5, padding=2))
            fused = out
        s.fuse = nn.ModuleList(fuse)
        s.logits = nn.Conv2d(fused, labels, 9, padding=4)

    def forward(s, x):
        n = len(s.conv0)
        xs = [x]
        for _ in range(n - 1): xs.append(F.avg_pool2d(xs[-1], 2))
        f = [torch.tanh(s.conv0[k](xs[k])) for k in range(n)]
        for convs in s.links:
            nxt = []
            for k in range(n):
                parts = ([F.max_pool2d(f[k - 1], 2)] if k > 0 else []) + [f[k]] + ([up2(f[k + 1])] if k < n - 1 else [])
                nxt.append(torch.tanh(convs[k](torch.cat(parts, 1))))
            f = nxt
        fused = f[n - 1]
        for conv, k in zip(s.fuse, range(n - 1, 0, -1)):
            fused = torch.tanh(conv(torch.cat([f[k - 1], up2(fused)], 1)))
        return s.logits(fused)

    def infer(s, x):
        return F.softmax(s(x), 1)

    def loss(s, out, targets):
        return F.cross_entropy(out, targets, reduction='sum') / out.shape[0]

    def dl4j_keys(s):
        """Twin parameter name -> DL4J parameter key (InterlinkedCnn's layer names), for check_twins.py."""
        n, keys = len(s.conv0), {}
        for k in range(n):
            keys.update(conv_keys(f'conv0.{k}', f'conv0_s{k}'))
        for i in range(len(s.links)):
            for k in range(n):
                keys.update(conv_keys(f'links.{i}.{k}', f'conv{i + 1}_s{k}'))
        for j, k in enumerate(range(n - 1, 0, -1)):
            keys.update(conv_keys(f'fuse.{j}', f'fuse_s{k - 1}'))
        keys.update(conv_keys('logits', 'logits'))
        return keys


class GateRecurrence(nn.Module):
    """RNN-G's four-direction gated recurrence (rnn-gate's GateRecurrenceLayer, GateMode.LINEAR), written plainly.

    x, g: [N, C, H, W]; g is already squashed (tanh). Along every row left->right and right->left and every column
    top->bottom and bottom->top: h_i = x_i + g_i * (W_d h_{i-1} + b_d), h_{-1} = 0, with W [4, C, C], b [4, C]; the
    four maps are merged by a node-wise max (its gradient goes to the winning direction, as in DL4J). A Python loop
    over the positions of a line, each step one batched matmul over all lines, batch and channels; autograd does the
    backward (back-propagation through time). project() is the layer's constraint ||W_d||_inf <= 1, applied after
    every update.
    """
    def __init__(s, c):
        super().__init__()
        s.W = nn.Parameter(torch.randn(4, c, c) * (1.0 / c) ** 0.5)  # Xavier normal, fan-in = fan-out = C
        s.b = nn.Parameter(torch.zeros(4, c))
        s.project()

    @torch.no_grad()
    def project(s):
        norm = s.W.abs().sum(2).amax(1)  # largest absolute row sum of each W_d
        s.W.mul_((1.0 / norm.clamp(min=1.0)).view(4, 1, 1))

    def scan(s, x, g, d):
        dim = 3 if d < 2 else 2  # 0: left->right, 1: right->left (along W); 2, 3: top->bottom, bottom->top
        length = x.shape[dim]
        w, b = s.W[d], s.b[d].view(1, -1, 1)
        h = x.new_zeros(x.select(dim, 0).shape)  # [N, C, lines]
        out = [None] * length
        for i in (range(length - 1, -1, -1) if d % 2 else range(length)):
            h = x.select(dim, i) + g.select(dim, i) * (torch.matmul(w, h) + b)
            out[i] = h
        return torch.stack(out, dim)

    def forward(s, x, g):
        return torch.stack([s.scan(x, g, d) for d in range(4)]).max(0).values


class RnnG(Twin):
    """rnng-128-K: the project's RNN-G (rnn-gate's RnnGNetwork: variant RNN_G, nearest-convolution upsampler), S = 128.

    conv1 5x5x16 ReLU, max-pool, conv2 3x3x32 ReLU, max-pool, conv3 3x3x32 ReLU; deconv1 = nearest 2x + 3x3 conv to
    16 (linear) at S/2; X = channels 0-7, G = 8-15; recurrence on (X, tanh G); classifier 1x1 to K; deconv2 = nearest
    2x + 3x3 conv K -> K; plus the coarse head (1x1 on X to K) and the gate head (1x1 on raw G to 1). Losses as
    RnnGNetwork's with uniform class weights and loss weights 1: mean per-pixel cross entropy at S and at S/2, plus
    the gate's binary cross entropy summed over the masked (1:5 sampled) pixels / (N * (S/2)^2); Adam 1e-3 with L2
    1e-4 on the weights, not the biases (DL4J's l2: added to the gradient before the updater, like weight_decay).
    Not mirrored, as they do not change the work: DL4J's per-epoch learning-rate decay, its clipping of
    probabilities in the losses, and its init (Xavier / He; PyTorch's defaults here).
    """
    def __init__(s, k, conv=3, up=3):
        # conv: kernel of conv2 and conv3; up: kernel of the two upsampling convolutions (rnng5-128-K: the shipped 5x5).
        super().__init__(3, 128, k)
        s.conv1 = nn.Conv2d(3, 16, 5, padding=2); s.conv2 = nn.Conv2d(16, 32, conv, padding=conv // 2)
        s.conv3 = nn.Conv2d(32, 32, conv, padding=conv // 2); s.deconv1 = nn.Conv2d(32, 16, up, padding=up // 2)
        s.recurrence = GateRecurrence(8)
        s.classifier = nn.Conv2d(8, k, 1); s.deconv2 = nn.Conv2d(k, k, up, padding=up // 2)
        s.coarse = nn.Conv2d(8, k, 1); s.gate = nn.Conv2d(8, 1, 1)

    def forward(s, image):
        f = F.max_pool2d(F.relu(s.conv1(image)), 2)
        f = F.max_pool2d(F.relu(s.conv2(f)), 2)
        f = s.deconv1(up2(F.relu(s.conv3(f))))
        x, g = f[:, :8], f[:, 8:]
        h = s.recurrence(x, torch.tanh(g))
        return s.deconv2(up2(s.classifier(h))), s.coarse(x), s.gate(g)

    def infer(s, image):
        final, coarse, gate = s(image)
        return F.softmax(final, 1), F.softmax(coarse, 1), torch.sigmoid(gate)

    def loss(s, out, targets):
        final, coarse, gate = out
        labels, half, boundary, mask = targets
        gate_loss = (F.binary_cross_entropy_with_logits(gate, boundary, reduction='none') * mask).sum()
        return F.cross_entropy(final, labels) + F.cross_entropy(coarse, half) + gate_loss / gate.numel()

    def optimizer(s):
        decay = [p for n, p in s.named_parameters() if not n.endswith('bias') and n != 'recurrence.b']
        keep = [p for n, p in s.named_parameters() if n.endswith('bias') or n == 'recurrence.b']
        return torch.optim.Adam([{'params': decay, 'weight_decay': 1e-4}, {'params': keep}], 1e-3)

    def after_step(s):
        s.recurrence.project()

    def dl4j_keys(s):
        """Twin parameter name -> DL4J parameter key (RnnGNetwork's layer names), for check_twins.py."""
        keys = {'recurrence.W': 'recurrence_W', 'recurrence.b': 'recurrence_b'}
        for module, layer in (('conv1', 'conv1'), ('conv2', 'conv2'), ('conv3', 'conv3'), ('deconv1', 'deconv1'),
                              ('classifier', 'classifier'), ('deconv2', 'deconv2'), ('coarse', 'coarse-classifier'),
                              ('gate', 'gate-classifier')):
            keys.update(conv_keys(module, layer))
        return keys

    def targets_from_dl4j(s, labels, masks):
        return labels[0].argmax(1), labels[1].argmax(1), labels[2], masks[2]

    def random_batch(s, batch, g):
        """RnnGEncoder's targets for random faces: labels [N, S, S] (background and 6 random rectangles, as the Java
        bench's RandomLabelMaps), the same at S/2 (nearest), the boundary map at S/2 (0 where a 4-neighbour differs,
        else 1) and its mask: every boundary pixel plus 5 times as many others, drawn without replacement."""
        x = torch.randn(batch, 3, s.size, s.size, generator=g)
        labels = torch.stack([random_parts(s.size, s.classes, 6, g) for _ in range(batch)])
        half = labels[:, ::2, ::2].contiguous()
        edge = torch.zeros_like(half, dtype=torch.bool)
        dx, dy = half[:, :, 1:] != half[:, :, :-1], half[:, 1:, :] != half[:, :-1, :]
        edge[:, :, 1:] |= dx; edge[:, :, :-1] |= dx; edge[:, 1:, :] |= dy; edge[:, :-1, :] |= dy
        mask = edge.clone().view(batch, -1)
        for n in range(batch):
            interior = (~edge[n]).view(-1).nonzero().squeeze(1)
            draws = min(interior.numel(), 5 * int(edge[n].sum()))
            mask[n, interior[torch.randperm(interior.numel(), generator=g)[:draws]]] = True
        boundary = (~edge).float().unsqueeze(1)
        return x, (labels, half, boundary, mask.view_as(boundary).float())


def random_parts(size, classes, parts, g):
    """A [size, size] label map: one random class, then `parts` rectangles of random classes with sides from
    size / 16 to size / 4 (the Java bench's RandomLabelMaps.parts)."""
    def draw(low, high): return int(torch.randint(low, high + 1, (1,), generator=g))
    m = torch.full((size, size), draw(0, classes - 1), dtype=torch.long)
    for _ in range(parts):
        w, h = draw(size // 16, size // 4), draw(size // 16, size // 4)
        left, top = draw(0, size - w), draw(0, size - h)
        m[top:top + h, left:left + w] = draw(0, classes - 1)
    return m


# name -> constructor, named as in io.github.faceparse4j.examples.bench.BenchNetworks.
TWINS = {
    'encdec-128': lambda: EncDec(3),
    'icnn-like-64': lambda: ICNN(9),
    'rnng-128-3': lambda: RnnG(3),
    'rnng-128-11': lambda: RnnG(11),
    'rnng5-128-3': lambda: RnnG(3, conv=5, up=5),
    'rnng5-128-11': lambda: RnnG(11, conv=5),
    'icnn-stage1-64': lambda: InterlinkedCNN(9, 64),
    'icnn-part-64': lambda: InterlinkedCNN(2, 64),
    'icnn-mouth-80': lambda: InterlinkedCNN(4, 80),
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
    torch.manual_seed(0)
    m = TWINS[name]()
    x, targets = m.random_batch(batch, torch.Generator().manual_seed(1))
    opt = m.optimizer()
    start_rss = reset_peak()
    fw, tr = [], []
    for i in range(warmup + iterations):
        t = CLOCK()
        with torch.no_grad():
            m.infer(x)
        t1 = CLOCK()
        opt.zero_grad(); m.loss(m(x), targets).backward(); opt.step(); m.after_step()
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
    ap.add_argument('--warmup', type=int, default=30)
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
