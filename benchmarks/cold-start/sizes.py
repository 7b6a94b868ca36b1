#!/usr/bin/env python3
"""A NativeAOT binary's size by part: which assemblies its code and data come from.

Reads the map file ILCompiler writes with -p:IlcGenerateMapFile=true (obj/.../native/NAME.map.xml), adds
up the length of every node (method code, GC info, type data, statics, frozen data, ...) by the assembly
its mangled name starts with, and prints the parts from the largest. Nodes that belong to no assembly
(metadata, the runtime's tables) are one line each by kind.

    dotnet publish benchmarks/cold-start/SmallestFunction -c Release -r linux-x64 -p:IlcGenerateMapFile=true -o DIR
    python3 benchmarks/cold-start/sizes.py benchmarks/cold-start/SmallestFunction/obj/Release/net10.0/linux-x64/native/SmallestFunction.map.xml

Standard library only.
"""
import collections
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

# Assemblies whose mangled names ILCompiler shortens.
SHORT = {"System.Private.CoreLib": "S_P_CoreLib", "System.Private.TypeLoader": "S_P_TypeLoader",
         "System.Private.Reflection.Execution": "S_P_Reflection_Execution",
         "System.Private.StackTraceMetadata": "S_P_StackTraceMetadata"}

# Parts reported together: an assembly name's prefix and the part it is counted in.
PARTS = [
    ("System.Net.HttpListener", "HttpListener (the FC and serve hosts until issue 28)"),
    ("System.Net.Http", "HttpClient (the function's own HTTPS calls: code login, OTLP)"),
    ("System.Net.Security", "TLS (SslStream), for HttpClient"),
    ("System.Security.Cryptography", "cryptography and X.509, for TLS"),
    ("System.Net.", "sockets, names, primitives"),
    ("System.Text.Json", "System.Text.Json"),
    ("System.CommandLine", "System.CommandLine"),
    ("Microsoft.Extensions.", "Microsoft.Extensions (logging, DI, options)"),
    ("Router.", "the router (runtime, abstractions)"),
    ("System.Private.CoreLib", "System.Private.CoreLib"),
    ("System.", "other System.* assemblies"),
]


# Nodes of the whole binary rather than of one assembly, by kind.
KINDS = {
    "DehydratedData": "type data, compressed (rehydrated at every start)",
    "Metadata": "reflection metadata",
    "ArrayOfFrozenObjects": "preinitialized objects (frozen segment)",
    "StackTraceMethodMapping": "stack-trace method names",
    "ResourceData": "resources (exception messages)",
}


def mangled(name):
    if name in SHORT:
        return SHORT[name]
    if name.startswith("System.Private."):
        return "S_P_" + name[len("System.Private."):].replace(".", "_")
    return name.replace(".", "_")


def assemblies():
    """Every assembly name the SDK and the package cache know, longest first, with its mangled prefix."""
    names = set(SHORT)
    roots = [os.path.expanduser("~/.nuget/packages"), "/usr/share/dotnet", "/usr/lib/dotnet", os.environ.get("DOTNET_ROOT", "")]
    for root in filter(None, roots):
        for path in glob.glob(os.path.join(root, "**", "*.dll"), recursive=True):
            names.add(os.path.basename(path)[:-4])
    return sorted(((mangled(n) + "_", n) for n in names), key=lambda p: -len(p[0]))


def part_of(assembly):
    for prefix, part in PARTS:
        if assembly == prefix.rstrip(".") or assembly.startswith(prefix):
            return part
    return "the function's own code and other packages"


def main(path):
    known = assemblies()
    by_part = collections.Counter()
    total = 0
    for _, node in ET.iterparse(path):
        length = node.get("Length")
        if length is None:
            continue
        length = int(length)
        total += length
        if node.tag in KINDS:
            by_part[KINDS[node.tag]] += length
            node.clear()
            continue
        name = re.sub(r"^_ZT[VSI]\d+", "", node.get("Name", ""))
        name = re.sub(r"^(Boxed_|__GenericDict_|__|writableData|readonlydata_|Array<)", "", name)
        assembly = next((n for prefix, n in known if name.startswith(prefix)), None)
        by_part[part_of(assembly) if assembly else "the runtime's tables (dispatch, generics, statics)"] += length
        node.clear()
    print(f"{'part':60} {'KB':>8} {'share':>6}")
    for part, length in by_part.most_common():
        print(f"{part:60} {length / 1024:8.0f} {length / total:6.1%}")
    print(f"{'all nodes':60} {total / 1024:8.0f}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
