"""Run the benchmarks: ``python -m benchmarks [word ...]``."""

from __future__ import annotations

import importlib
import json
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    words = [w.lower() for w in argv]
    results = []
    failed = False
    for path in sorted(HERE.glob("bench_*.py")):
        module = importlib.import_module(f"benchmarks.{path.stem}")
        for name in sorted(n for n in dir(module) if n.startswith("bench_")):
            if words and not any(w in f"{path.stem}.{name}".lower() for w in words):
                continue
            started = time.perf_counter()
            print(f"— {path.stem}.{name} …", flush=True)
            try:
                measures = getattr(module, name)()
            except Exception as exc:  # a broken benchmark is reported, the others still run
                print(f"  ÉCHEC : {type(exc).__name__}: {exc}")
                failed = True
                continue
            for m in measures:
                print(f"  {m.name:<62} {m.value:>12,.3f} {m.unit:<8} {m.note}")
                results.append({"benchmark": f"{path.stem}.{name}", **m.as_dict()})
            print(f"  ({time.perf_counter() - started:.1f} s)")
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(
        {"python": sys.version.split()[0], "machine": platform.machine(), "results": results},
        ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"Résultats écrits dans {out / 'latest.json'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
