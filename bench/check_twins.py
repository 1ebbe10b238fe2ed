#!/usr/bin/env python3
"""Checks that PyTorch twins compute the same function as their DL4J networks.

Reads the folders examples' TwinCheckDump writes (one per network: DL4J's parameters, a random batch, DL4J's outputs
and score), loads the parameters into the twin of the same name (through its dl4j_keys(): twin parameter name ->
DL4J key), and compares the twin's infer() outputs with DL4J's and its training loss with DL4J's score less the
regularisation term. Twins without dl4j_keys() (the prototypes) are skipped.

/usr/bin/python3 bench/check_twins.py DIR  (bench/run.sh --check makes DIR and runs this). Exits 1 on a mismatch.
"""
import os, sys
import numpy as np, torch
import torch_twins

OUTPUT_TOLERANCE = 1e-4  # absolute, on probabilities
LOSS_TOLERANCE = 1e-4    # relative


def load(folder, key):
    return torch.from_numpy(np.load(os.path.join(folder, key + '.npy')).astype(np.float32))


def check(name, folder):
    twin = torch_twins.TWINS[name]()
    if not hasattr(twin, 'dl4j_keys'):
        print(f"{name}: skipped, the twin has no dl4j_keys()")
        return True
    params = dict(twin.named_parameters())
    keys = twin.dl4j_keys()
    if set(keys) != set(params):
        raise SystemExit(f"{name}: dl4j_keys() does not name every parameter: {set(params) ^ set(keys)}")
    with torch.no_grad():
        for p, key in keys.items():
            params[p].copy_(load(folder, key).reshape(params[p].shape))
    x = load(folder, 'input')
    labels = [load(folder, f) for f in sorted(f[:-4] for f in os.listdir(folder) if f.startswith('labels'))]
    masks = {int(f[4:-4]): load(folder, f[:-4]) for f in os.listdir(folder) if f.startswith('mask')}
    with torch.no_grad():
        outputs = twin.infer(x)
        outputs = outputs if isinstance(outputs, tuple) else (outputs,)
        loss = float(twin.loss(twin(x), twin.targets_from_dl4j(labels, masks)))
    diffs = [float((o - load(folder, f'out{i}')).abs().max()) for i, o in enumerate(outputs)]
    score, regularisation = np.load(os.path.join(folder, 'score.npy'))
    expected = float(score - regularisation)
    ok = max(diffs) <= OUTPUT_TOLERANCE and abs(loss - expected) <= LOSS_TOLERANCE * abs(expected)
    print(f"{name}: {'OK' if ok else 'MISMATCH'}; max |output difference| "
          f"{', '.join(f'{d:.1e}' for d in diffs)}; loss {loss:.6f} (PyTorch) vs {expected:.6f} (DL4J)")
    return ok


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    root = sys.argv[1]
    # A folder is named after the DL4J network, "name" or "name_variant"; the twin has the name.
    results = [check(folder.split('_')[0], os.path.join(root, folder)) for folder in sorted(os.listdir(root))
               if folder.split('_')[0] in torch_twins.TWINS]
    if not all(results):
        sys.exit(1)


if __name__ == '__main__':
    main()
