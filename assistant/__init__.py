"""policy-assistant (政策助手): cited answers over Chinese policy documents."""

import os

# Answering runs the embedding engine's own threads next to numpy's
# sentence-similarity product; an OpenBLAS thread pool that keeps spinning
# after that product starves the engine on small machines (bench/scale.py:
# 10x corpus p50 65 ms -> 18 ms with one BLAS thread). Respect a caller's choice.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
