#!/usr/bin/env python3
"""Turns one benchmarks/run.sh run into docs/performance.md's tables and docs/images/*.svg.

    python3 benchmarks/report.py --results artifacts/benchmarks --mode short

Reads BenchmarkDotNet's JSON exports (results/*.json under router/ and scale/) and
benchmarks/node/throughput.js's node.json, all from the same run, and rewrites only the sections of
docs/performance.md between `<!-- name:begin -->` and `<!-- name:end -->` markers. Every number is
shown next to its ratio to the baseline measured in that run.
"""
import argparse
import datetime
import glob
import json
import math
import os
import platform
import re
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC = os.path.join(ROOT, "docs", "performance.md")
IMAGES = os.path.join(ROOT, "docs", "images")
ROUTES = ["user/register", "user/login", "pay/makeOrder", "pay/pay"]
COLORS = {"HandWritten": "#6b7280", "Generated": "#2563eb", "Reflection": "#dc2626", "Node.js": "#16a34a"}


def load_bdn(folder):
    """Returns (host info, {(type, method, params): benchmark}) from every JSON export in folder."""
    files = glob.glob(os.path.join(folder, "results", "*.json"))
    if not files:
        raise SystemExit(f"no BenchmarkDotNet JSON results under {folder}/results")
    host, rows = None, {}
    for path in files:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        host = data["HostEnvironmentInfo"]
        for b in data["Benchmarks"]:
            params = dict(p.split("=", 1) for p in b["Parameters"].split("&")) if b.get("Parameters") else {}
            rows[(b["Type"], b["Method"], tuple(sorted(params.items())))] = b
    return host, rows


def stat(rows, type_, method, **params):
    b = rows.get((type_, method, tuple(sorted((k, str(v)) for k, v in params.items()))))
    if b is None or b.get("Statistics") is None:
        raise SystemExit(f"no result for {type_}.{method} {params}")
    return b["Statistics"]["Mean"], b["Statistics"]["StandardDeviation"], b["Memory"]["BytesAllocatedPerOperation"]


def ns(value):
    if value >= 1000:
        return f"{value / 1000:,.2f} µs"
    return f"{value:,.1f} ns" if value < 100 else f"{value:,.0f} ns"


def ratio(value):
    return f"{value:.2f}x" if value < 10 else f"{value:.1f}x"


def within(worst, limit):
    """The verdict on an "at most limit x" goal: yes, or by how much it missed."""
    return "yes" if worst <= limit else f"no, by {(worst / limit - 1) * 100:.0f}%"


def replace_section(text, name, body):
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.S)
    if not pattern.search(text):
        raise SystemExit(f"docs/performance.md has no {begin} ... {end} section")
    return pattern.sub(lambda _: begin + "\n" + body.strip() + "\n" + end, text)


# --- charts: plain SVG, no plotting library needed ---------------------------------------------

def svg(width, height, parts):
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">\n'
            f'<rect width="{width}" height="{height}" fill="white"/>\n' + "\n".join(parts) + "\n</svg>\n")


def bar_chart(title, groups, series, values, unit_label, log=False):
    """Horizontal grouped bars: one group per route, one bar per series; values[(group, series)] = ns."""
    bar, gap, left, right, top = 14, 10, 110, 150, 40
    height = top + len(groups) * (len(series) * bar + gap) + 50
    width = 760
    vmax = max(values.values())
    vmin = min(values.values())

    def x(v):
        span = width - left - right
        if log:
            lo = 10 ** math.floor(math.log10(vmin))
            return left + span * (math.log10(v) - math.log10(lo)) / (math.log10(vmax * 1.05) - math.log10(lo))
        return left + span * v / (vmax * 1.05)

    parts = [f'<text x="{left}" y="22" font-size="14" font-weight="bold">{title}</text>']
    y = top
    for g in groups:
        parts.append(f'<text x="{left - 8}" y="{y + len(series) * bar / 2 + 4}" text-anchor="end">{g}</text>')
        for s in series:
            v = values[(g, s)]
            parts.append(f'<rect x="{left}" y="{y}" width="{max(1.0, x(v) - left):.1f}" height="{bar - 2}" fill="{COLORS[s]}"/>')
            parts.append(f'<text x="{x(v) + 4:.1f}" y="{y + bar - 4}" font-size="11">{ns(v)}</text>')
            y += bar
        y += gap
    legend_x = left
    for s in series:
        parts.append(f'<rect x="{legend_x}" y="{height - 30}" width="12" height="12" fill="{COLORS[s]}"/>')
        parts.append(f'<text x="{legend_x + 16}" y="{height - 20}">{s}</text>')
        legend_x += 16 + 8 * len(s) + 24
    parts.append(f'<text x="{width - 10}" y="{height - 20}" text-anchor="end" fill="#555">{unit_label}</text>')
    return svg(width, height, parts)


def line_chart(title, points, baseline_label):
    """Dispatch ns against route count (log x), with a dashed line at the smallest table's cost."""
    width, height, left, right, top, bottom = 760, 340, 70, 30, 40, 50
    xs = [p[0] for p in points]
    ymax = max(p[1] for p in points) * 1.4
    lx0, lx1 = math.log10(min(xs)), math.log10(max(xs))

    def px(n):
        return left + (width - left - right) * (math.log10(n) - lx0) / (lx1 - lx0)

    def py(v):
        return height - bottom - (height - top - bottom) * v / ymax

    parts = [f'<text x="{left}" y="22" font-size="14" font-weight="bold">{title}</text>',
             f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" stroke="#333"/>',
             f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" stroke="#333"/>']
    for tick in range(5):
        v = ymax * tick / 4
        parts.append(f'<text x="{left - 6}" y="{py(v) + 4:.1f}" text-anchor="end" font-size="11">{v:.0f}</text>')
        parts.append(f'<line x1="{left}" y1="{py(v):.1f}" x2="{width - right}" y2="{py(v):.1f}" stroke="#eee"/>')
    for n in xs:
        parts.append(f'<text x="{px(n):.1f}" y="{height - bottom + 18}" text-anchor="middle">{n:,} routes</text>')
    base = points[0][1]
    parts.append(f'<line x1="{left}" y1="{py(base):.1f}" x2="{width - right}" y2="{py(base):.1f}" stroke="#6b7280" stroke-dasharray="6 4"/>')
    parts.append(f'<text x="{width - right}" y="{py(base) - 6:.1f}" text-anchor="end" fill="#6b7280" font-size="11">{baseline_label}</text>')
    path = " ".join(f"{'M' if i == 0 else 'L'}{px(n):.1f},{py(v):.1f}" for i, (n, v) in enumerate(points))
    parts.append(f'<path d="{path}" fill="none" stroke="{COLORS["Generated"]}" stroke-width="2"/>')
    for n, v in points:
        parts.append(f'<circle cx="{px(n):.1f}" cy="{py(v):.1f}" r="4" fill="{COLORS["Generated"]}"/>')
        parts.append(f'<text x="{px(n):.1f}" y="{py(v) - 10:.1f}" text-anchor="middle" font-size="11">{ns(v)}</text>')
    parts.append(f'<text x="16" y="{top + (height - top - bottom) / 2}" transform="rotate(-90 16 {top + (height - top - bottom) / 2})" text-anchor="middle">ns per dispatch</text>')
    return svg(width, height, parts)


# --- the report ----------------------------------------------------------------------------------

def machine(host, node):
    sdk = subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip()
    cpu = host["ProcessorName"].strip()
    return (f"{host['LogicalCoreCount']} logical cores ({cpu}), {platform.system()} {platform.release()}, "
            f".NET SDK {sdk} (runtime {host['RuntimeVersion']}), BenchmarkDotNet {host['BenchmarkDotNetVersion']}, "
            f"Node.js {node['node']} with tcb-router {node['tcbRouter']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", default=os.path.join(ROOT, "artifacts", "benchmarks"))
    parser.add_argument("--mode", default="short", choices=["short", "full"])
    args = parser.parse_args()

    host, router = load_bdn(os.path.join(args.results, "router"))
    _, scale = load_bdn(os.path.join(args.results, "scale"))
    with open(os.path.join(args.results, "node.json"), encoding="utf-8") as f:
        node = json.load(f)
    node_ns = {r["route"]: r["medianNs"] for r in node["routes"]}

    today = datetime.date.today().isoformat()
    job = ("short mode (BenchmarkDotNet, 3 launches of 3 iterations of 200 ms; Node.js, 7 rounds)" if args.mode == "short"
           else "full mode (BenchmarkDotNet default job; Node.js, 21 rounds)")
    command = "benchmarks/run.sh" + ("" if args.mode == "short" else " --full")
    header = f"Measured {today} on {machine(host, node)}; {job}; reproduce with `{command}`."

    # Dispatch and pipeline.
    d = {(r, m): stat(router, "DispatchBenchmarks", m, Route=r) for r in ROUTES for m in ["NewContext", "HandWritten", "Generated", "Reflection"]}
    lines = [header, "",
             "| route | hand-written (limit) | generated | vs limit | reflection | vs limit | generated vs reflection | allocated: context alone / limit / generated / reflection |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    worst_limit, worst_reflection, extra_bytes = 0.0, math.inf, 0
    for r in ROUTES:
        ctx, hand, gen, refl = (d[(r, m)] for m in ["NewContext", "HandWritten", "Generated", "Reflection"])
        worst_limit = max(worst_limit, gen[0] / hand[0])
        worst_reflection = min(worst_reflection, refl[0] / gen[0])
        extra_bytes = max(extra_bytes, gen[2] - hand[2])
        lines.append(f"| `{r}` | {ns(hand[0])} | {ns(gen[0])} | {ratio(gen[0] / hand[0])} | {ns(refl[0])} | {ratio(refl[0] / hand[0])} | "
                     f"{ratio(refl[0] / gen[0])} faster | {ctx[2]} B / {hand[2]} B / {gen[2]} B / {refl[2]:,} B |")
    dispatch_table = "\n".join(lines)
    with open(os.path.join(IMAGES, "dispatch-vs-limit.svg"), "w", encoding="utf-8") as f:
        f.write(bar_chart("Dispatch and pipeline per route (lower is better, log scale)", ROUTES, ["HandWritten", "Generated", "Reflection"],
                          {(r, m): d[(r, m)][0] for r in ROUTES for m in ["HandWritten", "Generated", "Reflection"]}, "ns per invocation", log=True))

    # End to end.
    e = {(r, m): stat(router, "EndToEndBenchmarks", m, Route=r) for r in ROUTES for m in ["HandWritten", "Generated", "Reflection"]}
    lines = [header, "",
             "| route | hand-written end-to-end limit | generated, through FunctionInvoker | vs limit | allocated: limit / generated | reflection router, same invoker | vs generated | tcb-router on Node.js | Node.js / generated (throughput per core) |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    worst_node, worst_e2e = math.inf, 0.0
    for r in ROUTES:
        hand, gen, refl = e[(r, "HandWritten")], e[(r, "Generated")], e[(r, "Reflection")]
        worst_node = min(worst_node, node_ns[r] / gen[0])
        worst_e2e = max(worst_e2e, gen[0] / hand[0])
        lines.append(f"| `{r}` | {ns(hand[0])} | {ns(gen[0])} | {ratio(gen[0] / hand[0])} | {hand[2]:,} B / {gen[2]:,} B | {ns(refl[0])} | {ratio(refl[0] / gen[0])} | {ns(node_ns[r])} | {ratio(node_ns[r] / gen[0])} |")
    end_to_end_table = "\n".join(lines)
    values = {(r, "Generated"): e[(r, "Generated")][0] for r in ROUTES}
    values.update({(r, "Reflection"): e[(r, "Reflection")][0] for r in ROUTES})
    values.update({(r, "Node.js"): node_ns[r] for r in ROUTES})
    with open(os.path.join(IMAGES, "end-to-end.svg"), "w", encoding="utf-8") as f:
        f.write(bar_chart("Event bytes in, response bytes out, per route (lower is better)", ROUTES, ["Generated", "Reflection", "Node.js"], values, "ns per event, one core"))

    # Scale.
    sizes = [10, 100, 1000, 10000]
    s = {n: stat(scale, "ScaleBenchmarks", "Dispatch", Routes=n) for n in sizes}
    lines = [header, "", "| routes | dispatch (mean of 8 routes spread over the table) | vs 10 routes | allocated |", "| ---: | ---: | ---: | ---: |"]
    for n in sizes:
        lines.append(f"| {n:,} | {ns(s[n][0])} | {ratio(s[n][0] / s[10][0])} | {s[n][2]} B |")
    scale_table = "\n".join(lines)
    worst_scale = max(s[n][0] / s[10][0] for n in sizes)
    with open(os.path.join(IMAGES, "scale.svg"), "w", encoding="utf-8") as f:
        f.write(line_chart("Dispatch cost against route count", [(n, s[n][0]) for n in sizes], "10 routes"))

    goals = ["| goal | measured (worst route) | met? |", "| --- | --- | --- |",
             f"| generated router within 1.2x of the hand-written limit | {ratio(worst_limit)} | {within(worst_limit, 1.2)} |",
             f"| at least 10x faster than the reflection router | {ratio(worst_reflection)} | {'yes' if worst_reflection >= 10 else f'no, {worst_reflection:.1f}x'} |",
             f"| 0 bytes allocated by the dispatcher and pipeline (generated minus limit) | {extra_bytes} B | {'yes' if extra_bytes <= 0 else 'no'} |",
             f"| at least 10x Node.js's throughput per core, end to end (BenchmarkDotNet against Node.js's own run; the paired rounds below are the steadier measure) | {ratio(worst_node)} | {'yes' if worst_node >= 10 else f'no, {worst_node:.1f}x'} |",
             f"| end to end within 1.15x of the hand-written end-to-end limit (BenchmarkDotNet; the paired rounds below are the steadier measure) | {ratio(worst_e2e)} | {within(worst_e2e, 1.15)} |",
             f"| dispatch cost flat from 10 to 10,000 routes | at most {ratio(worst_scale)} the 10-route cost | {'yes' if worst_scale <= 1.5 else 'no'} |"]

    # Paired rounds (Paired/PairedRounds.cs): ratios from alternating rounds of one process, on the JIT,
    # on the JIT without dynamic PGO and on NativeAOT.
    runs = [("JIT", "paired-jit.json"), ("JIT, `DOTNET_TieredPGO=0`", "paired-jit-nopgo.json"), ("NativeAOT", "paired-aot.json")]
    paired = {}
    for label, name in runs:
        path = os.path.join(args.results, name)
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                paired[label] = {(c["kind"], c["route"]): c for c in json.load(f)}
    paired_goals = []
    if paired:
        labels = list(paired)
        lines = [f"Measured {today}; each ratio is the median of 41 alternating rounds in one process (Node.js's in its child "
                 "process; range in brackets); reproduce with `benchmarks/run.sh`.", "",
                 "| comparison | route | " + " | ".join(labels) + " | allocated: limit / ours |",
                 "| --- | --- | " + " | ".join("---:" for _ in labels) + " | ---: |"]
        # "types-vs-contract": the contract limit through the library's public types (Variants/ContractTypesFunction.cs)
        # over the contract limit, what the API's shape costs; "contract-types": ours over that, what is left to us.
        kind_labels = {"types-vs-contract": "public types over the contract limit", "contract-types": "ours over the contract limit with the public types"}
        for kind in ["dispatch", "end-to-end", "contract", "types-vs-contract", "contract-types"]:
            for r in ROUTES:
                cells = []
                for label in labels:
                    c = paired[label].get((kind, r))
                    cells.append(f"{c['ratio']:.2f}x [{c['minRatio']:.2f}-{c['maxRatio']:.2f}]" if c else "-")
                first = paired[labels[0]].get((kind, r))
                alloc = f"{first['limitBytes']:.0f} B / {first['oursBytes']:.0f} B" if first else "-"
                if any(cell != "-" for cell in cells):
                    lines.append(f"| {kind_labels.get(kind, kind)} | `{r}` | " + " | ".join(cells) + f" | {alloc} |")
        # "node": tcb-router on Node.js in its child process, a batch of it alternating with a batch of ours
        # (Paired/NodeProcess.cs); shown as how many times ours is faster, so the range turns around too.
        for r in ROUTES:
            if not any((("node", r) in paired[label]) for label in labels):
                continue
            cells = []
            for label in labels:
                c = paired[label].get(("node", r))
                cells.append(f"{1 / c['ratio']:.1f}x faster [{1 / c['maxRatio']:.1f}-{1 / c['minRatio']:.1f}]" if c else "-")
            first = next(paired[label][("node", r)] for label in labels if ("node", r) in paired[label])
            lines.append(f"| Node.js (tcb-router) | `{r}` | " + " | ".join(cells) + f" | - / {first['oursBytes']:.0f} B |")
        text_paired = "\n".join(lines)
        # "contract" is the end-to-end invocation against the limit that keeps the runtime's contract
        # (Variants/ContractFunction.cs), which issue 28 holds to 1.15x.
        for kind, limit in [("dispatch", 1.1), ("end-to-end", 1.15), ("contract", 1.15), ("contract-types", 1.15)]:
            for label in labels:
                worst = max((c["ratio"] for (k, _), c in paired[label].items() if k == kind), default=math.nan)
                if math.isnan(worst):
                    continue
                met = within(worst, limit)
                what = ("ours at most 1.15x the contract limit through the public types (not one of the issue's goals: what the API's shape leaves to us)"
                        if kind == "contract-types" else f"{kind} at most {limit}x its hand-written limit")
                paired_goals.append(f"| {what}, {label} (paired) | {worst:.2f}x | {met} |")
        for label in labels:
            node_ratios = [c["ratio"] for (k, _), c in paired[label].items() if k == "node"]
            if node_ratios:
                worst = 1 / max(node_ratios)
                paired_goals.append(f"| at least 10x tcb-router on Node.js per core, every route, {label} (paired with Node.js's rounds) | "
                                    f"{worst:.1f}x | {'yes' if worst >= 10 else 'no'} |")
    goals += paired_goals

    # BenchmarkDotNet's NativeAOT toolchain (--runtimes nativeaot10.0): the same cases compiled ahead of time.
    aot_table = None
    if os.path.isdir(os.path.join(args.results, "router-aot", "results")):
        _, aot = load_bdn(os.path.join(args.results, "router-aot"))
        lines = [header, "",
                 "| route | dispatch: limit | generated | vs limit | allocated | end to end: limit | generated | vs limit | allocated: limit / generated |",
                 "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        worst_d, worst_e = 0.0, 0.0
        for r in ROUTES:
            dh, dg = stat(aot, "DispatchBenchmarks", "HandWritten", Route=r), stat(aot, "DispatchBenchmarks", "Generated", Route=r)
            eh, eg = stat(aot, "EndToEndBenchmarks", "HandWritten", Route=r), stat(aot, "EndToEndBenchmarks", "Generated", Route=r)
            worst_d, worst_e = max(worst_d, dg[0] / dh[0]), max(worst_e, eg[0] / eh[0])
            lines.append(f"| `{r}` | {ns(dh[0])} | {ns(dg[0])} | {ratio(dg[0] / dh[0])} | {dg[2] - dh[2]} B over the limit | "
                         f"{ns(eh[0])} | {ns(eg[0])} | {ratio(eg[0] / eh[0])} | {eh[2]:,} B / {eg[2]:,} B |")
        aot_table = "\n".join(lines)
        goals += [f"| dispatch at most 1.1x its hand-written limit, NativeAOT (BenchmarkDotNet) | {ratio(worst_d)} | {within(worst_d, 1.1)} |",
                  f"| end to end at most 1.15x its hand-written limit, NativeAOT (BenchmarkDotNet) | {ratio(worst_e)} | {within(worst_e, 1.15)} |"]

    with open(DOC, encoding="utf-8") as f:
        text = f.read()
    if paired:
        text = replace_section(text, "paired", text_paired)
    if aot_table:
        text = replace_section(text, "aot", aot_table)
    text = replace_section(text, "dispatch", dispatch_table)
    text = replace_section(text, "end-to-end", end_to_end_table)
    text = replace_section(text, "scale", scale_table)
    text = replace_section(text, "runtime-goals", "\n".join(goals))
    with open(DOC, "w", encoding="utf-8") as f:
        f.write(text)
    print("\n\n".join([dispatch_table, end_to_end_table, scale_table, "\n".join(goals)]))


if __name__ == "__main__":
    main()
