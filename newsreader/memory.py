"""What glibc's malloc is told, so that the memory a process frees goes back to the system.

By default it keeps freed memory for reuse in ways that cost a long-running process more than it
gains: the size above which a block is mapped apart (and unmapped when freed) rises with each big
block freed, so big blocks end up in the heap, where freed ones stay; and each thread that allocates
while another does gets a heap of its own (up to eight a core), where what it frees waits for it.
Elsewhere than glibc nothing is told.
"""

from __future__ import annotations

M_ARENA_MAX = -8  # mallopt's parameters (malloc.h)
M_MMAP_THRESHOLD = -3
MAPPED_APART = 128 << 10  # bytes: a block this big or bigger is mapped apart (glibc's first threshold, kept)


def give_back_freed_memory(heaps: int = 0) -> None:
    """From now on, blocks of MAPPED_APART or more are mapped apart, given back to the system once
    freed, and (`heaps`) the threads share at most that many heaps (0: glibc's own number)."""
    import ctypes  # here: the processes that call this need it, the commands do not

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # no glibc: its own malloc
        return
    mallopt(M_MMAP_THRESHOLD, MAPPED_APART)
    if heaps:
        mallopt(M_ARENA_MAX, heaps)
