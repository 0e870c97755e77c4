"""Concurrent builders on one index folder (issue #13, finding 1).

N rounds; in each, 4 `policy-assistant index --rebuild` processes start at
once on the same index while a serving Assistant in this process keeps
asking a question. Counts builder crashes, rounds that left CURRENT pointing
at a missing or incomplete build, partial builds left behind, and failed
questions.

    python bench/concurrent_builds.py [ROUNDS] [BUILDERS]      # defaults 20, 4
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import ROOT, machine, save

from assistant.index.build import build_index, current_build
from assistant.service import Assistant
from assistant.settings import Settings

QUESTION = "高新技术企业倍增行动由哪个部门牵头？"


def main(rounds: int = 20, builders: int = 4) -> dict:
    work = Path(tempfile.mkdtemp(prefix="bench-concurrent-"))
    corpus = work / "corpus"
    corpus.mkdir()
    for doc in (ROOT / "tests" / "data").glob("示例市*.txt"):
        shutil.copy(doc, corpus / doc.name)
    s = Settings.load(corpus_dir=corpus, index_dir=work / "index")
    build_index(s)
    served = Assistant.open(s)
    asked, failed, stop = [0], [], threading.Event()

    def ask_forever() -> None:
        while not stop.is_set():
            try:
                if not served.ask(QUESTION).citations:
                    failed.append("no citations")
                asked[0] += 1
            except Exception as exc:  # noqa: BLE001 - counted, not raised
                failed.append(f"{type(exc).__name__}: {exc}")

    asker = threading.Thread(target=ask_forever)
    asker.start()
    crashes, broken_rounds, leftovers, seconds = 0, 0, 0, []
    command = [sys.executable, "-m", "assistant.cli", "index", "--rebuild", "--corpus", str(corpus),
               "--index", str(s.index_dir)]
    try:
        for number in range(1, rounds + 1):
            started = time.perf_counter()
            procs = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                      text=True) for _ in range(builders)]
            for proc in procs:
                _, err = proc.communicate(timeout=900)
                if proc.returncode != 0 or "Traceback" in err:
                    crashes += 1
            seconds.append(time.perf_counter() - started)
            serving = current_build(s)
            if serving is None or not (serving / "COMPLETE").exists():
                broken_rounds += 1
            leftovers += sum(1 for b in (s.index_dir / "builds").iterdir() if not (b / "COMPLETE").exists())
            print(f"round {number}: {seconds[-1]:.1f} s, crashes so far {crashes}, failed asks {len(failed)}",
                  file=sys.stderr)
    finally:
        stop.set()
        asker.join(timeout=60)
        shutil.rmtree(work, ignore_errors=True)
    result = {
        "machine": machine(), "rounds": rounds, "builders": builders, "builder_runs": rounds * builders,
        "builder_crashes": crashes, "rounds_leaving_current_broken": broken_rounds,
        "partial_builds_left": leftovers, "questions_asked": asked[0], "questions_failed": len(failed),
        "failures": failed[:10], "round_seconds_median": sorted(seconds)[len(seconds) // 2],
    }
    print(f"{rounds} rounds x {builders} concurrent `index --rebuild`: {crashes}/{rounds * builders} builder runs "
          f"failed, {broken_rounds} rounds left CURRENT broken, {leftovers} partial builds left; "
          f"serving assistant: {len(failed)} failed of {asked[0]} questions; "
          f"median round {result['round_seconds_median']:.1f} s")
    save("concurrent_builds", result)
    return result


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
