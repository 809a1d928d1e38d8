"""``make bench``: every benchmark, one table each."""

from __future__ import annotations

import numpy as np

from bench import conv, csv_load, mlp


def main() -> None:
    try:
        import torch

        versions = f"PyTorch {torch.__version__} ({torch.get_num_threads()} threads)"
    except ImportError:
        versions = "PyTorch not installed: engine and GEMM columns only"
    print(f"NumPy {np.__version__}; {versions}")
    mlp.main()
    conv.main()
    csv_load.main()


if __name__ == "__main__":
    main()
