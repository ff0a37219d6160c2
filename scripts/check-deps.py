#!/usr/bin/env python3
"""Checks that every system file a build reads comes from a Debian package that
scripts/install-deps.sh (with scripts/deps/*.sh) installs, directly or as a dependency.

A fresh Debian 12 has only what the install lists bring in; a header installed by hand on a
developer's machine (libical-dev once) makes CI green there and the README commands fail on a
clean one. This reads, from a configured and built Ninja tree:
  - every header in ninja's dependency log (`ninja -t deps`),
  - every library on the link lines (`ninja -t commands`: absolute .so/.a paths and -lNAME),
  - every shared library the built executables load (`ldd`),
maps each file outside the source and build trees to its owning package (dpkg's file lists)
and fails, naming the package, when that package is not in the closure of the install lists
over Depends and Pre-Depends (plus what a Debian system always has: Essential packages and
their dependencies).

  scripts/check-deps.py BUILD_DIR [--without PKG ...]

--without drops packages from the install lists before the check; the test of this check uses
it to show that removing a needed package is caught. Exit 0: all covered; 1: a package is
missing (named on stderr); 2: the check itself could not run.
"""
import argparse
import glob
import os
import re
import shlex
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fail_setup(message):
    print(f"check-deps: {message}", file=sys.stderr)
    sys.exit(2)


def install_list():
    """The PACKAGES array exactly as install-deps.sh builds it (base list + deps/*.sh)."""
    script = r'''
set -euo pipefail
PACKAGES=(); POST_INSTALL=()
eval "$(sed -n '/^PACKAGES=(/,/^)/p' "$1/scripts/install-deps.sh")"
for extra in "$1"/scripts/deps/*.sh; do [[ -e "$extra" ]] && source "$extra"; done
printf '%s\n' "${PACKAGES[@]}"
'''
    out = subprocess.run(["bash", "-c", script, "check-deps", ROOT], check=True,
                         capture_output=True, text=True).stdout
    return [p.strip() for p in out.split() if p.strip()]


def installed_packages():
    """name -> (essential, provides[], depends alternatives [[a, b], ...])."""
    fmt = "${Package}\t${Essential}\t${Provides}\t${Depends}, ${Pre-Depends}\t${db:Status-Abbrev}\n"
    out = subprocess.run(["dpkg-query", "-W", "-f", fmt], check=True, capture_output=True,
                         text=True).stdout
    packages = {}
    for line in out.splitlines():
        name, essential, provides, depends, status = (line.split("\t") + [""] * 5)[:5]
        if not status.startswith("ii"):
            continue

        def names(field):
            return [re.sub(r"[\s(:].*", "", alt.strip()) for alt in field.split("|") if alt.strip()]

        packages[name] = (
            essential == "yes",
            [n for p in provides.split(",") for n in names(p)],
            [names(d) for d in depends.split(",") if d.strip()],
        )
    return packages


def closure(roots, packages):
    """Every installed package reachable from roots over Depends/Pre-Depends."""
    providers = {}
    for name, (_, provides, _) in packages.items():
        for virtual in provides:
            providers.setdefault(virtual, []).append(name)
    seen, pending = set(), list(roots)
    while pending:
        name = pending.pop()
        for real in [name] if name in packages else providers.get(name, []):
            if real in seen:
                continue
            seen.add(real)
            for alternatives in packages[real][2]:
                # Any installed alternative satisfies "a | b"; follow the ones present.
                pending.extend(a for a in alternatives if a in packages or a in providers)
    return seen


def file_owners():
    """Path -> package, from dpkg's file lists (one read instead of a dpkg -S per file)."""
    owners = {}
    for listing in glob.glob("/var/lib/dpkg/info/*.list"):
        package = os.path.basename(listing)[: -len(".list")].split(":")[0]
        with open(listing, encoding="utf-8", errors="replace") as f:
            for line in f:
                owners.setdefault(line.rstrip("\n"), package)
    return owners


def owner_of(path, owners):
    # Debian 12 is usr-merged: dpkg may list /lib/... for a file read as /usr/lib/... and the
    # reverse; symlinks (libfoo.so -> libfoo.so.3) belong to another package than their target.
    candidates = [path, os.path.normpath(path)]
    for p in list(candidates):
        if p.startswith("/usr/"):
            candidates.append(p[4:])
        else:
            candidates.append("/usr" + p)
    real = os.path.realpath(path)
    candidates += [real, real[4:] if real.startswith("/usr/") else "/usr" + real]
    for candidate in candidates:
        if candidate in owners:
            return owners[candidate]
    return None


def ninja(build, *args):
    return subprocess.run(["ninja", "-C", build, "-t", *args], check=True, capture_output=True,
                          text=True).stdout


def system_files(build):
    """(path, how it was read) for every file outside the source and build trees."""
    build_abs = os.path.realpath(build)
    inside = (ROOT + os.sep, build_abs + os.sep)
    files = {}
    for line in ninja(build, "deps").splitlines():
        if line.startswith("    "):
            path = line.strip()
            if os.path.isabs(path) and not path.startswith(inside):
                files.setdefault(os.path.normpath(path), "header")
    link_dirs = []
    executables = []
    for command in ninja(build, "commands").splitlines():
        if " -o " not in command:
            continue  # archives (ar), cmake steps
        tokens = shlex.split(command)
        if "-c" in tokens:
            continue  # a compile, not a link
        if "-o" in tokens:
            target = tokens[tokens.index("-o") + 1]
            if not target.endswith((".a", ".o")):
                executables.append(os.path.join(build_abs, target))
        for token in tokens:
            if token.startswith("-L"):
                link_dirs.append(token[2:])
            elif token.startswith("-l") and len(token) > 2:
                files.setdefault(resolve_lib(token[2:], link_dirs), "link")
            elif os.path.isabs(token) and re.search(r"\.(so(\.\d+)*|a)$", token) \
                    and not token.startswith(inside):
                files.setdefault(os.path.normpath(token), "link")
    for exe in executables:
        if not os.path.exists(exe):
            continue
        out = subprocess.run(["ldd", exe], capture_output=True, text=True).stdout
        for match in re.finditer(r"=>\s+(/\S+)", out):
            files.setdefault(os.path.normpath(match.group(1)), "loaded by " + os.path.basename(exe))
    files.pop(None, None)
    return files


def resolve_lib(name, link_dirs):
    for directory in link_dirs:
        for suffix in (".so", ".a"):
            path = os.path.join(directory, "lib" + name + suffix)
            if os.path.exists(path):
                return path
    for suffix in (".so", ".a"):
        path = subprocess.run(["g++", f"-print-file-name=lib{name}{suffix}"], capture_output=True,
                              text=True).stdout.strip()
        if os.path.isabs(path):
            return path
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("build")
    parser.add_argument("--without", action="append", default=[],
                        help="drop a package from the install lists first (to test the check)")
    args = parser.parse_args()
    if not os.path.exists(os.path.join(args.build, ".ninja_deps")):
        fail_setup(f"{args.build} is not a built Ninja tree (no .ninja_deps)")

    wanted = [p for p in install_list() if p not in args.without]
    packages = installed_packages()
    base = [name for name, (essential, _, _) in packages.items() if essential]
    allowed = closure(wanted + base, packages)
    owners = file_owners()

    unowned, missing = [], {}
    files = system_files(args.build)
    for path, how in sorted(files.items()):
        package = owner_of(path, owners)
        if package is None:
            unowned.append((path, how))
        elif package not in allowed:
            missing.setdefault(package, []).append((path, how))

    for package, reads in sorted(missing.items()):
        shown = ", ".join(f"{p} ({how})" for p, how in reads[:3])
        more = f" and {len(reads) - 3} more" if len(reads) > 3 else ""
        print(f"check-deps: missing package {package}: the build reads {shown}{more}, but no "
              f"install list (scripts/install-deps.sh, scripts/deps/*.sh) brings it in",
              file=sys.stderr)
    for path, how in unowned:
        print(f"check-deps: {path} ({how}) belongs to no Debian package: installed by hand?",
              file=sys.stderr)
    if missing or unowned:
        sys.exit(1)
    print(f"check-deps: {len(files)} system files the build reads, all from {len(allowed)} "
          f"packages the install lists bring in ({len(wanted)} listed)")


if __name__ == "__main__":
    main()
