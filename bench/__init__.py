"""Benchmarks: the engine against PyTorch CPU and the NumPy GEMM bound on the same workloads (``make bench``)."""
