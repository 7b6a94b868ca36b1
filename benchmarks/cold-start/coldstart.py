#!/usr/bin/env python3
"""Cold-start benchmark: process start to first answer, in one run on one machine.

Builds everything it measures, then runs the variants interleaved, round after round, and reports
medians, ratios to the floor (an AOT "hello world"; each the median of the rounds' own ratios), peak
memory (ru_maxrss from wait4) and binary sizes. Peak memory is measured in a separate pass: GNU time's %M
for programs that exit by themselves, VmHWM from /proc for servers (read at the answer), so the harness's
own memory never counts.
Writes the table into docs/performance.md between the cold-start markers.

    python3 benchmarks/cold-start/coldstart.py            # 21 rounds
    python3 benchmarks/cold-start/coldstart.py --rounds 5 --no-write

Needs the .NET SDK and Node.js with npm (tcb-router is installed from npm into node/).
Standard library only.
"""
import argparse
import http.server
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(ROOT, "artifacts", "coldstart")
EVENT = os.path.join(ROOT, "samples", "ShopFunction", "events", "pay-makeOrder.json")
DOC = os.path.join(ROOT, "docs", "performance.md")
BEGIN, END = "<!-- cold-start:begin -->", "<!-- cold-start:end -->"
# The first body the function answers, whatever its code: since issue 5 the shop answers the
# article's event without a session with {"code":2001,...}, after opening and migrating its store.
ANSWER = b'{"code":'


def run(cmd, **kw):
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)


def build():
    """Publishes every program measured, into artifacts/coldstart."""
    pub = ["dotnet", "publish", "-c", "Release", "-r", "linux-x64", "--nologo", "-v", "q"]
    run(pub + [os.path.join(ROOT, "samples", "ShopFunction"), "-o", os.path.join(OUT, "aot")])
    run(["dotnet", "publish", os.path.join(ROOT, "samples", "ShopFunction"), "-c", "Release", "--nologo", "-v", "q",
         "-p:PublishAot=false", "-o", os.path.join(OUT, "jit")])
    for probe in ("HelloAot", "SmallestFunction", "TemplateFunction", "ListenerProbe", "KestrelProbe"):
        run(pub + [os.path.join(HERE, probe), "-o", os.path.join(OUT, probe)])
    # The floor linked as the package links a function (type data not dehydrated, a fixed-address executable),
    # to show what the link alone does to a program that does nothing else; the floor stays the SDK's default.
    run(pub + [os.path.join(HERE, "HelloAot"), "-p:IlcDehydrate=false", "-p:PositionIndependentExecutable=false", "-o", os.path.join(OUT, "HelloLinked")])
    # The same smallest function for AWS Lambda only: the other hosts left out by their feature switches.
    run(pub + [os.path.join(HERE, "SmallestFunction"), "-p:OnlyHost=lambda", "-o", os.path.join(OUT, "SmallestLambda")])
    run(["npm", "install", "--no-audit", "--no-fund", "--silent"], cwd=os.path.join(HERE, "node"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


MEMORY = False  # set for the memory pass


def high_water_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmHWM:")) / 1024


def finish(proc, started, answered, terminate):
    """Waits for the process (after SIGTERM when it serves forever); returns (ms to answer, peak MB or None)."""
    peak = high_water_mb(proc.pid) if MEMORY and terminate else None
    if terminate:
        proc.send_signal(signal.SIGTERM)
    proc.wait()
    if answered is None:
        raise RuntimeError(f"{proc.args} gave no answer (exit {proc.returncode})")
    return (answered - started) * 1000, peak


def measure_stdout(cmd, env=None):
    """Start to the first line on standard output, which must be the body."""
    with tempfile.NamedTemporaryFile("r") as usage:
        if MEMORY:
            cmd = ["/usr/bin/time", "-f", "%M", "-o", usage.name] + cmd
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        line = proc.stdout.readline()
        answered = time.perf_counter() if line.startswith(ANSWER) else None
        proc.stdout.read()
        elapsed, _ = finish(proc, started, answered, terminate=False)
        return elapsed, int(usage.read().split()[-1]) / 1024 if MEMORY else None


def post(port, path, body):
    deadline = time.perf_counter() + 30
    while True:
        try:
            conn = socket.create_connection(("127.0.0.1", port))
            break
        except OSError:
            if time.perf_counter() > deadline:
                raise
            time.sleep(0.0002)
    with conn:
        conn.sendall(b"POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % (path.encode(), len(body)) + body)
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    return data


def measure_http(cmd, env, port, terminate, event=None):
    """Start to the first answer of POST /invoke, polling the port as a platform's health check does."""
    with open(event or EVENT, "rb") as f:
        body = f.read()
    if MEMORY and not terminate:  # the probes exit after one answer: measure them as GNU time sees them
        with tempfile.NamedTemporaryFile("r") as usage:
            proc = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", usage.name] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
            post(port, "/invoke", body)
            proc.wait()
            return 0.0, int(usage.read().split()[-1]) / 1024
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        data = post(port, "/invoke", body)
    except OSError:
        proc.kill()
        proc.wait()
        raise
    answered = time.perf_counter() if data.startswith(b"HTTP/1.1 200") else None
    return finish(proc, started, answered, terminate)


class FakeLambda(http.server.BaseHTTPRequestHandler):
    """Just enough of the Lambda Runtime API: one event on next, then a long poll."""
    protocol_version = "HTTP/1.1"
    event = b""
    answered = None
    served = None

    def do_GET(self):
        if FakeLambda.served.is_set():
            time.sleep(30)
            return
        FakeLambda.served.set()
        self.send_response(200)
        self.send_header("Lambda-Runtime-Aws-Request-Id", "cold-1")
        self.send_header("Lambda-Runtime-Deadline-Ms", str(int(time.time() * 1000) + 30000))
        self.send_header("Content-Length", str(len(FakeLambda.event)))
        self.end_headers()
        self.wfile.write(FakeLambda.event)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if body.startswith(ANSWER):
            FakeLambda.answered.append(time.perf_counter())
        self.send_response(202)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def measure_lambda(cmd, event=None):
    """Start to the response post on a loopback Lambda Runtime API."""
    with open(event or EVENT, "rb") as f:
        FakeLambda.event = f.read()
    FakeLambda.answered, FakeLambda.served = [], threading.Event()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeLambda)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = dict(os.environ, AWS_LAMBDA_RUNTIME_API=f"127.0.0.1:{server.server_address[1]}")
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    limit = started + 30
    while not FakeLambda.answered and time.perf_counter() < limit:
        time.sleep(0.0002)
    result = finish(proc, started, FakeLambda.answered[0] if FakeLambda.answered else None, terminate=True)
    server.shutdown()
    return result


def variants():
    aot = os.path.join(OUT, "aot", "bootstrap")
    jit = ["dotnet", os.path.join(OUT, "jit", "ShopFunction.dll")]
    node = ["node", os.path.join(HERE, "node", "run.js"), EVENT]

    def fc(cmd, event=None):
        def go():
            port = free_port()
            return measure_http(cmd, dict(os.environ, FC_FUNCTION_NAME="shop", FC_CUSTOM_LISTEN_PORT=str(port)), port, terminate=True, event=event)
        return go

    def probe(name):
        def go():
            port = free_port()
            return measure_http([os.path.join(OUT, name, name), str(port)], None, port, terminate=False)
        return go

    def function(folder, name, event):
        path = os.path.join(OUT, folder, name)
        return path, lambda: measure_stdout([path, "invoke", "@" + os.path.join(OUT, folder, event)])

    smallest = function("SmallestFunction", "SmallestFunction", "order-make.json")
    smallest_path, smallest_event = smallest[0], os.path.join(OUT, "SmallestFunction", "order-make.json")
    smallest_lambda = function("SmallestLambda", "SmallestFunction", "order-make.json")
    template = function("TemplateFunction", "TemplateFunction", "hello-greet.json")
    return [
        ("AOT hello world (floor)", os.path.join(OUT, "HelloAot", "HelloAot"), lambda: measure_stdout([os.path.join(OUT, "HelloAot", "HelloAot")])),
        ("smallest function (1 middleware, 4 routes), `invoke`", *smallest),
        ("AOT hello world, linked as the package links (not the floor)", os.path.join(OUT, "HelloLinked", "HelloAot"), lambda: measure_stdout([os.path.join(OUT, "HelloLinked", "HelloAot")])),
        ("smallest function, Lambda host only, `invoke`", *smallest_lambda),
        ("smallest function, Lambda runtime API", smallest_path, lambda: measure_lambda([smallest_path], smallest_event)),
        ("smallest function, FC HTTP server", smallest_path, fc([smallest_path], smallest_event)),
        ("the template's function, `invoke`", *template),
        ("AOT bootstrap (the shop), `invoke`", aot, lambda: measure_stdout([aot, "invoke", "@" + EVENT])),
        ("JIT (`dotnet ShopFunction.dll`), `invoke`", os.path.join(OUT, "jit", "ShopFunction.dll"), lambda: measure_stdout(jit + ["invoke", "@" + EVENT])),
        ("Node.js 20 + tcb-router 1.1.2", None, lambda: measure_stdout(node)),
        ("AOT bootstrap, Lambda runtime API", aot, lambda: measure_lambda([aot])),
        ("AOT bootstrap, FC HTTP server", aot, fc([aot])),
        ("HttpListener probe (AOT)", os.path.join(OUT, "ListenerProbe", "ListenerProbe"), probe("ListenerProbe")),
        ("Kestrel slim probe (AOT)", os.path.join(OUT, "KestrelProbe", "KestrelProbe"), probe("KestrelProbe")),
    ]


def measure_again_once(go):
    """A start whose connection was reset (the HttpListener probe's listener can drop the first connection as it
    starts, dotnet/corefx#35191) is measured again once, rather than losing the whole run."""
    try:
        return go()
    except ConnectionError as error:
        print(f"measured again after {error!r}", file=sys.stderr, flush=True)
        return go()


def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            model = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    dotnet = subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip()
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    return f"{os.cpu_count()} cores ({model}), {platform.system()} {platform.release()}, .NET SDK {dotnet}, Node.js {node}"


def report(rows, rounds):
    lines = [
        BEGIN,
        f"Measured {time.strftime('%Y-%m-%d')} on {machine()}; {rounds} rounds, variants interleaved; "
        "\"vs floor\" is the median of each round's ratio to that round's floor; "
        "reproduce with `python3 benchmarks/cold-start/coldstart.py`.",
        "",
        "| variant | start to first answer (median) | p90 | vs floor | peak memory (RSS) | binary |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, path, median, p90, ratio, rss in rows:
        size = os.path.getsize(path) if path else 0
        size_text = "-" if path is None else f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / 1e3:.0f} KB"
        if path and path.endswith(".dll"):
            size_text += " + shared runtime"
        lines.append(f"| {name} | {median:.1f} ms | {p90:.1f} ms | {ratio:.2f}x | {rss:.1f} MB | {size_text} |")
    lines.append(END)
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--no-build", action="store_true", help="measure what artifacts/coldstart already holds")
    parser.add_argument("--no-write", action="store_true", help="print the table without updating docs/performance.md")
    args = parser.parse_args()
    if not args.no_build:
        build()

    chosen = variants()
    for _, _, go in chosen:  # one warm-up each: page cache and the JIT's disk caches
        go()
    samples = {name: [] for name, _, _ in chosen}
    for round_ in range(args.rounds):
        for name, _, go in chosen:
            samples[name].append(measure_again_once(go)[0])
        print(f"round {round_ + 1}/{args.rounds}", file=sys.stderr, flush=True)

    global MEMORY
    MEMORY = True
    memory = {name: statistics.median(measure_again_once(go)[1] for _ in range(3)) for name, _, go in chosen}

    # Each ratio is paired within its round (the floor ran moments before), so the machine's drift
    # between rounds, which moves every variant together, cancels out of it.
    floor = samples[chosen[0][0]]
    rows = []
    for name, path, _ in chosen:
        times = sorted(samples[name])
        p90 = times[min(len(times) - 1, int(round(0.9 * (len(times) - 1))))]
        ratio = statistics.median(t / f for t, f in zip(samples[name], floor))
        rows.append((name, path, statistics.median(times), p90, ratio, memory[name]))

    table = report(rows, args.rounds)
    print(table)
    if not args.no_write:
        with open(DOC) as f:
            text = f.read()
        start, end = text.index(BEGIN), text.index(END) + len(END)
        with open(DOC, "w") as f:
            f.write(text[:start] + table + text[end:])
        print(f"updated {os.path.relpath(DOC, ROOT)}")


if __name__ == "__main__":
    main()
