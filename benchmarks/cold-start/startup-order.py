#!/usr/bin/env python3
"""Writes the start-up order file Router.Serverless hands to ILCompiler (docs/performance.md, "Start-up
code in one place").

Publishes the smallest function, the template's function and the shop with their symbols kept, runs each
under valgrind's callgrind from exec to its first answer on the paths a platform takes (`invoke`, the
Lambda runtime API, the FC HTTP server), and keeps the name of every managed method that ran: the
runtime's, the router's and the libraries' (System.Text.Json, System.CommandLine, sockets, logging,
dependency injection, SQLite, ...). Methods of the three sample applications are left out: no other
function has them. The names are written sorted, one per line, to
src/Router.Runtime/build/Router.StartupOrder.txt; ILCompiler places the methods it finds there first, in
one block, and skips the names a function does not have. The shop's own methods that ran go to
samples/ShopFunction/startup-order.txt, which its project names in RouterStartupOrderFile.

    python3 benchmarks/cold-start/startup-order.py

Needs the .NET SDK, valgrind and binutils' objdump (valgrind is installed from the distribution's packages when
missing, as benchmarks/instructions.sh does). Standard library only.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

import coldstart  # its command runner, loopback Lambda runtime API and FC request, beside this file

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
ORDER = os.path.join(ROOT, "src", "Router.Runtime", "build", "Router.StartupOrder.txt")
SHOP_EVENT = os.path.join(ROOT, "samples", "ShopFunction", "events", "pay-makeOrder.json")
# The shop's own start-up methods, which its project names in RouterStartupOrderFile.
SHOP_ORDER = os.path.join(ROOT, "samples", "ShopFunction", "startup-order.txt")
# The sample applications' own code: another function has none of it.
APPLICATION = re.compile(r"SmallestFunction|ShopFunction|RouterFunction")
HEADER = ("# Router.Serverless start-up order: managed methods that run from exec to a function's first answer,"
          " placed first by ILCompiler (--method-layout:explicit). Written by benchmarks/cold-start/startup-order.py;"
          " do not edit.")
SHOP_HEADER = ("# The shop's own start-up methods (RouterStartupOrderFile in ShopFunction.csproj), placed before"
               " Router.Serverless's. Written by benchmarks/cold-start/startup-order.py; do not edit.")


def publish(project, out):
    """A NativeAOT publish with the symbol table kept in the executable, so callgrind and objdump name the methods."""
    coldstart.run(["dotnet", "publish", project, "-c", "Release", "-r", "linux-x64", "--nologo", "-v", "q", "-o", out,
         "-p:StripSymbols=false", "-p:DebugType=none", "-p:DebugSymbols=false"])


def invoke_path(binary, event, out_file):
    """`invoke @event`: the process answers and exits by itself."""
    subprocess.run(under_callgrind(out_file) + [binary, "invoke", "@" + event], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def executed(out_file):
    """Every function callgrind saw run (its fn= and cfn= names)."""
    names = set()
    with open(out_file, errors="replace") as f:
        for line in f:
            m = re.match(r"c?fn=\(\d+\) (.+)$", line)
            if m:
                names.add(m.group(1).strip())
    return names


def managed_methods(binary):
    """The executable's managed methods: the functions of ILCompiler's __managedcode section (objdump -t),
    the only ones the order applies to (the runtime's C++ and SQLite's C are linked as they are)."""
    out = subprocess.run(["objdump", "-t", binary], capture_output=True, text=True, check=True).stdout
    return {m.group(1) for m in re.finditer(r"^[0-9a-f]+ .* F __managedcode\t[0-9a-f]+\s+(?:\.hidden\s+)?(\S.*)$", out, re.MULTILINE)}


def under_callgrind(out_file):
    return ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out_file]


def lambda_path(binary, event, out_file):
    """The Lambda runtime API path, through coldstart.py's loopback runtime API (stopped with SIGTERM once answered)."""
    coldstart.measure_lambda(under_callgrind(out_file) + [binary], event)


def fc_path(binary, event, out_file):
    """The FC HTTP server path, through coldstart.py's POST /invoke (stopped with SIGTERM once answered)."""
    port = coldstart.free_port()
    env = dict(os.environ, FC_FUNCTION_NAME="order", FC_CUSTOM_LISTEN_PORT=str(port))
    coldstart.measure_http(under_callgrind(out_file) + [binary], env, port, terminate=True, event=event)


def collect(work):
    functions = [
        ("SmallestFunction", os.path.join(HERE, "SmallestFunction"), "SmallestFunction", "order-make.json"),
        ("TemplateFunction", os.path.join(HERE, "TemplateFunction"), "TemplateFunction", "hello-greet.json"),
        ("ShopFunction", os.path.join(ROOT, "samples", "ShopFunction"), "bootstrap", SHOP_EVENT),
    ]
    names, shop = set(), set()
    for name, project, executable, event in functions:
        out = os.path.join(work, name)
        publish(project, out)
        binary = os.path.join(out, executable)
        event = event if os.path.isabs(event) else os.path.join(out, event)
        symbols = managed_methods(binary)
        # The template's answer is not the article's {"code": ...}, which coldstart.py's platform paths wait for.
        paths = [invoke_path] if name == "TemplateFunction" else [invoke_path, lambda_path, fc_path]
        for i, path in enumerate(paths):
            out_file = os.path.join(work, f"{name}-{i}.callgrind")
            print(f"profiling {name}: {path.__name__}", file=sys.stderr, flush=True)
            path(binary, event, out_file)
            if not os.path.exists(out_file):
                raise RuntimeError(f"callgrind wrote no profile for {name}'s {path.__name__}")
            ran = executed(out_file) & symbols
            names |= ran
            if name == "ShopFunction":
                shop |= ran
    return sorted(n for n in names if not APPLICATION.search(n)), sorted(n for n in shop if APPLICATION.search(n))


def main():
    argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter).parse_args()
    if shutil.which("valgrind") is None:
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        coldstart.run(sudo + ["apt-get", "update", "-qq"])
        coldstart.run(sudo + ["apt-get", "install", "-y", "-qq", "valgrind"], env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    with tempfile.TemporaryDirectory(prefix="startup-order-") as work:
        names, shop = collect(work)
    for path, header, methods in ((ORDER, HEADER, names), (SHOP_ORDER, SHOP_HEADER, shop)):
        with open(path, "w") as f:
            f.write(header + "\n" + "\n".join(methods) + "\n")
        print(f"wrote {len(methods)} methods to {os.path.relpath(path, ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
