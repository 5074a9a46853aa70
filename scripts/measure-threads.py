#!/usr/bin/env python3
"""Runs a command (python3 scripts/measure-threads.py CMD...), samples its threads in /proc every 100 ms, prints the wall time,
the CPU of each thread, the main thread's time on a CPU, waiting for one, and blocked, and the peak RSS (ru_maxrss)."""
import os, subprocess, sys, time, resource
tck = os.sysconf('SC_CLK_TCK')
t0 = time.time()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
threads = {}
while p.poll() is None:
    try:
        for tid in os.listdir(f'/proc/{p.pid}/task'):
            try:
                with open(f'/proc/{p.pid}/task/{tid}/stat') as f:
                    s = f.read()
                comm = s[s.index('(')+1:s.rindex(')')]
                fields = s[s.rindex(')')+2:].split()
                cpu = (int(fields[11]) + int(fields[12])) / tck
                try:
                    with open(f'/proc/{p.pid}/task/{tid}/schedstat') as f:
                        run_ns, wait_ns, _ = f.read().split()
                except Exception:
                    run_ns, wait_ns = 0, 0
                threads[tid] = (comm, cpu, int(run_ns)/1e9, int(wait_ns)/1e9)
            except (FileNotFoundError, ProcessLookupError, ValueError):
                pass
    except FileNotFoundError:
        pass
    time.sleep(0.1)
wall = time.time() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
m = threads.get(str(p.pid), ('?', 0, 0, 0))
main = m[1]
others = sorted(((c, cpu) for tid, (c, cpu, r, w) in threads.items() if tid != str(p.pid) and cpu >= 0.3), key=lambda x: -x[1])
print(f'main thread: on CPU {m[2]:.1f} s, waiting for a CPU {m[3]:.1f} s, blocked (I/O, the other thread) {wall - m[2] - m[3]:.1f} s')
print(f'exit {p.returncode}; wall {wall:.1f} s; user {ru.ru_utime:.1f} s; sys {ru.ru_stime:.1f} s; total CPU {ru.ru_utime+ru.ru_stime:.1f} s; main thread {main:.1f} s; peak RSS {ru.ru_maxrss/1024:.0f} MiB')
print('  other threads: ' + ', '.join(f'{c} {cpu:.1f}' for c, cpu in others))
