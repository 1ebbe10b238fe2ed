#!/usr/bin/env bash
# Runs the PyTorch twins and examples' NetworkBench back to back on this machine and prints DL4J/PyTorch ratios.
#
#   bench/run.sh [--threads 2] [--clock wall|cpu] [--batches 1,16] [--networks rnng-128-3,icnn-stage1-64]
#                [--setups stock,fast] [--iterations 10] [--warmup 30]
#   bench/run.sh --check [--networks rnng-128-3]
#
# Without --networks it runs every registered network (NetworkBench --list): the prototypes encdec-128 and
# icnn-like-64 in every DL4J variant, and the project's rnng-128-3, rnng-128-11 (3x3), rnng5-128-3, rnng5-128-11 (the
# shipped 5x5 RNN-G), icnn-stage1-64, icnn-part-64 and icnn-mouth-80. A name without /variant selects all of its DL4J variants.
#
# --clock cpu measures CPU time with one thread (it forces --threads 1): on a machine shared with other work it compares
# the work itself, where wall-clock ratios are noise. Needs Debian's python3-torch (/usr/bin/python3) and a JDK 17;
# builds the examples module offline first. Every case runs in its own process on both sides, so peak memory is per
# case.
#
# Warm-up defaults to 30 iterations on both sides: the JVM needs them (JIT); with 3, DL4J's batch-1 medians were
# 2-3x below its steady state (rnng-128-11: 36 against 91 images/s), while PyTorch's did not change.
# Raw output goes to runs/bench-<time>/.
set -euo pipefail
cd "$(dirname "$0")/.."

threads=2 clock=wall batches=1,16 networks="" setups=fast iterations=10 warmup=30 check=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --threads) threads=$2; shift 2 ;;
    --clock) clock=$2; shift 2 ;;
    --batches) batches=$2; shift 2 ;;
    --networks) networks=$2; shift 2 ;;
    --setups) setups=$2; shift 2 ;;
    --iterations) iterations=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --check) check=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [[ $clock == cpu ]]; then threads=1; fi

out="runs/bench-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
echo "# building examples (offline)" >&2
mvn -q -B -o -pl examples -am compile dependency:build-classpath -Dmdep.outputFile="$PWD/$out/classpath.txt" >&2
cp="examples/target/classes:core/target/classes:$(cat "$out/classpath.txt")"

if [[ $check == 1 ]]; then
  IFS=, read -ra names <<< "$networks"
  java -Xmx2g -cp "$cp" io.github.faceparse4j.examples.bench.TwinCheckDump "$out/twins" "${names[@]}" 2> "$out/dl4j.log"
  /usr/bin/python3 bench/check_twins.py "$out/twins" | tee "$out/check.txt"
  exit "${PIPESTATUS[0]}"
fi

torch_args=(--fork --threads "$threads" --clock "$clock" --batches "$batches" --iterations "$iterations"
            --warmup "$warmup")
if [[ -n $networks ]]; then
  # The twins have no variants: drop "/variant" and duplicates.
  torch_args+=(--networks "$(echo "$networks" | tr ',' '\n' | sed 's#/.*##' | sort -u | paste -sd, -)")
fi
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/load.txt" >&2
OMP_NUM_THREADS=$threads /usr/bin/python3 bench/torch_twins.py "${torch_args[@]}" | tee "$out/torch.txt"
java_args=(--fork --batches "$batches" --setups "$setups" --iterations "$iterations" --warmup "$warmup" --clock "$clock")
if [[ -n $networks ]]; then java_args+=(--networks "$networks"); fi
OMP_NUM_THREADS=$threads java -Xmx2g -cp "$cp" io.github.faceparse4j.examples.bench.NetworkBench "${java_args[@]}" \
  2> "$out/dl4j.log" | tee "$out/dl4j.txt"
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt" >&2

/usr/bin/python3 - "$out/torch.txt" "$out/dl4j.txt" <<'PY' | tee "$out/ratios.txt"
import sys
def rows(path):
    for line in open(path):
        if line.startswith('RESULT '):
            yield dict(kv.split('=', 1) for kv in line.split()[1:])
torch = {(r['network'], r['batch']): r for r in rows(sys.argv[1])}
print()
print(f"{'network':16} {'batch':>5} {'dl4j setup/variant':32} {'fwd ratio':>9} {'train ratio':>11} "
      f"{'(best fwd':>9} {'best train)':>11} {'RSS MiB dl4j/torch':>19}")
mismatched = set()
for r in rows(sys.argv[2]):
    t = torch.get((r['network'], r['batch']))
    if t is None:
        continue
    if r.get('params') != t.get('params'):
        mismatched.add(f"{r['network']}: DL4J {r.get('params')} parameters, PyTorch {t.get('params')}")
    f = lambda k: float(r[k]) / float(t[k])
    print(f"{r['network']:16} {r['batch']:>5} {r['framework'][5:] + '/' + r['variant']:32} {f('forward'):9.2f} "
          f"{f('train'):11.2f} {f('forward_best'):9.2f} {f('train_best'):11.2f} "
          f"{r['peak_rss_mib']:>9}/{t['peak_rss_mib']}")
print("\nratio = DL4J images/s / PyTorch images/s; >= 1.0 means DL4J is at least as fast.")
for m in sorted(mismatched):
    print(f"WARNING: the twin is not the same network, {m}")
PY
