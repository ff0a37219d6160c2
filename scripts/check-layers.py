#!/usr/bin/env python3
"""Checks the dependency rule of src/layers.txt: every file under src/<part>/ includes only
headers of its own part and of the parts it may use (their transitive closure), pure parts
read no clocks and include no I/O headers, and each part's CMakeLists.txt links no part it
may not use. The link graph alone does not enforce this: src/ is one include directory.

  scripts/check-layers.py [--src DIR]

Exit 0: the rule holds; 1: violations (one line each: file:line, what, and the rule); 2: the
table itself is wrong (unknown part, a cycle).
"""
import argparse
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
LINK = re.compile(r"\bsp::([a-z_]+)")
# What a pure part may not touch: I/O, threads, databases, the network, the system clock.
IMPURE_HEADERS = re.compile(r"^(fstream|thread|filesystem|sqlite3\.h|curl/.*|boost/asio.*|boost/beast.*|"
                            r"sys/socket\.h|unistd\.h)$")
IMPURE_CALLS = re.compile(r"\b(system_clock|steady_clock|high_resolution_clock)::now\b|\bgetenv\s*\(")


def read_table(path):
    table, pure = {}, set()
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            part, _, rest = line.partition(":")
            words = rest.split()
            if "pure" in words:
                pure.add(part.strip())
            table[part.strip()] = [w for w in words if w != "pure"]
    for part, uses in table.items():
        for used in uses:
            if used not in table:
                sys.exit(f"check-layers: {path}: '{part}' uses unknown part '{used}'")
    allowed = {}

    def reach(part, stack):
        if part in stack:
            sys.exit(f"check-layers: {path}: cycle {' -> '.join(stack + [part])}")
        if part not in allowed:
            result = set()
            for used in table[part]:
                result |= {used} | reach(used, stack + [part])
            allowed[part] = result
        return allowed[part]

    for part in table:
        reach(part, [])
    return table, pure, allowed


def part_of(relative, table):
    """The part a path below src/ belongs to: the longest table entry that prefixes it."""
    pieces = relative.split("/")
    for n in range(len(pieces) - 1, 0, -1):
        candidate = "/".join(pieces[:n])
        if candidate in table:
            return candidate
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--src", default=os.path.join(ROOT, "src"))
    args = parser.parse_args()
    table_path = os.path.join(args.src, "layers.txt")
    table, pure, allowed = read_table(table_path)
    problems, files = [], 0
    for directory, _, names in os.walk(args.src):
        for name in sorted(names):
            path = os.path.join(directory, name)
            relative = os.path.relpath(path, args.src).replace(os.sep, "/")
            part = part_of(relative, table)
            if name == "CMakeLists.txt":
                part = part_of(os.path.dirname(relative) + "/x", table) if os.path.dirname(relative) else None
            if part is None:
                if name.endswith((".cpp", ".hpp")):
                    problems.append(f"{relative}: in no part of {table_path}")
                continue
            may_use = allowed[part] | {part}
            if name == "CMakeLists.txt":
                with open(path, encoding="utf-8") as f:
                    for number, line in enumerate(f, 1):
                        for target in LINK.findall(line.split("#", 1)[0]):
                            used = target.replace("_", "/") if target.replace("_", "/") in table else target
                            if used in table and used not in may_use:
                                problems.append(f"src/{relative}:{number}: links sp::{target}, but {part} may use "
                                                f"only {', '.join(sorted(allowed[part])) or 'nothing'}")
                continue
            if not name.endswith((".cpp", ".hpp")):
                continue
            files += 1
            with open(path, encoding="utf-8") as f:
                for number, line in enumerate(f, 1):
                    match = INCLUDE.match(line)
                    if match:
                        quote, header = match.groups()
                        if quote == '"':
                            used = part_of(header, table)
                            if used is not None and used not in may_use:
                                problems.append(f"src/{relative}:{number}: includes \"{header}\" of part {used}, "
                                                f"but {part} may use only "
                                                f"{', '.join(sorted(allowed[part])) or 'nothing'} ({table_path})")
                        elif part in pure and IMPURE_HEADERS.match(header):
                            problems.append(f"src/{relative}:{number}: includes <{header}>, but {part} is pure "
                                            f"(no I/O, threads or clocks)")
                    elif part in pure and IMPURE_CALLS.search(line.split("//", 1)[0]):
                        problems.append(f"src/{relative}:{number}: reads the clock or environment, but {part} is "
                                        f"pure (time is passed in)")
    for problem in problems:
        print(f"check-layers: {problem}", file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"check-layers: {files} files in {len(table)} parts follow {os.path.relpath(table_path, ROOT)}")


if __name__ == "__main__":
    main()
