"""Turns bench/results/raw.tsv into a Markdown table: req/s, latency percentiles, ratio to sys/health in the same run."""
import csv
import os
import platform
import sys

rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
seconds = sys.argv[2]


def rate(row):
    return int(row["requests"]) / (int(row["duration_us"]) / 1e6)


health = {(r["storage"], r["concurrency"]): rate(r) for r in rows if r["scenario"] == "health"}
cores = os.cpu_count()
memory = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30)
print(f"Machine: {cores} cores, {memory} GiB, {platform.platform()}; wrk and the server share the cores; {seconds} s per row.")
print()
print("| storage | scenario | conc. | req/s | p50 ms | p99 ms | p99.9 ms | vs sys/health | errors | server RSS MiB | GC gen0/1/2 |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    baseline = health.get((r["storage"], r["concurrency"])) or health.get(("inmem", r["concurrency"]))
    ratio = f"{rate(r) / baseline:.2f}" if baseline else "-"
    print(f"| {r['storage']} | {r['scenario']} | {r['concurrency']} | {rate(r):,.0f} | {int(r['p50_us'])/1000:.2f} | "
          f"{int(r['p99_us'])/1000:.2f} | {int(r['p999_us'])/1000:.2f} | {ratio} | {r['errors']} | {int(r['rss_kib'])//1024} | "
          f"{r['gc0']}/{r['gc1']}/{r['gc2']} |")
