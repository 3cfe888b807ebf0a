#!/usr/bin/env python3
"""Checks that installer/deps.sh declares every Debian package a build used.

deps.sh installs with --no-install-recommends, so a package that only arrives as a Recommends on a
machine where packages were collected over time is missing on a fresh one. This looks at what a
configured and built CMake/Ninja tree really used:
  - the CMake package config files (<Name>_DIR entries of CMakeCache.txt),
  - every header of the compiler's dependency records (ninja -t deps),
  - every file named on the build's command lines (ninja -t commands): compilers, Qt's tools, the
    libraries of imported targets as full paths; and for each link, the libraries and start files
    the compiler driver adds (the link command run with -###: libstdc++, sanitizer runtimes, -l...),
  - moc and uic (the AUTOGEN info files), cmake and ninja,
  - the run-time files no build record shows (Qt plugins), listed in installer/runtime-files.txt,
finds the package owning each file (dpkg -S), and fails when one is not in what installing the
declared packages brings: their Depends/Pre-Depends closure as apt resolves it (first alternative of
an "a | b", a virtual package by its provider), plus what every Debian machine has (Essential,
Priority: required, build-essential).

usage: check-deps.py BUILD_DIR [--deps FILE] [--runtime FILE] [--without PACKAGE]...
  --deps FILE       the script declaring packages=( ... ) (default: installer/deps.sh)
  --runtime FILE    run-time files, relative to Qt's plugin directory (default: installer/runtime-files.txt)
  --without PKG     leave PKG out of the declared list (to show that the check fails)
Exit 0 when everything used is declared, 1 when something is missing, 2 when it cannot tell
(bad usage, a build not built, no package lists).
"""
import argparse
import glob
import os
import re
import shlex
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(HERE)


def die(message):
    print(message, file=sys.stderr)
    sys.exit(2)


def run(cmd, cwd=None):
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, errors='replace')


def declared_packages(path):
    """The words of the packages=( ... ) array, comments left out."""
    lines = open(path).read().splitlines()
    start = next((i for i, line in enumerate(lines) if re.match(r'^\s*packages=\(', line)), None)
    if start is None:
        die(f'check-deps: no packages=( ... ) array in {path}')
    words = []
    for i, line in enumerate(lines[start:]):
        code = re.sub(r'(^|\s)#.*', '', line.split('=(', 1)[1] if i == 0 else line)
        words += shlex.split(code.split(')', 1)[0])
        if ')' in code:
            return words
    die(f'check-deps: the packages=( array in {path} does not end')


def inside(path, dirs):
    return any(path == d or path.startswith(d + '/') for d in dirs)


def add(used, path, why):
    """Records an absolute existing file (not a directory: directories are shared by packages)."""
    path = os.path.normpath(path)
    if os.path.isfile(path):
        used.setdefault(path, why)


def link_driver_files(cmd, build, used):
    """The files the compiler driver adds to a link: runs the link command with -### (nothing runs)."""
    try:
        args = shlex.split(cmd)
    except ValueError:
        return
    while args and os.path.basename(args[0]) == 'ccache':
        args = args[1:]
    if not args:
        return
    out = run(args + ['-###'], cwd=build).stderr
    for line in out.splitlines():
        try:
            toks = shlex.split(line)
        except ValueError:
            continue
        if not toks or not re.match(r'^(collect2|ld|ld\.\w+)$', os.path.basename(toks[0])):
            continue
        add(used, toks[0], 'the link (the linker)')
        libdirs = [t[2:] for t in toks if t.startswith('-L') and len(t) > 2]
        for t in toks:
            if t.startswith('-l') and len(t) > 2 and not t.startswith('-lto'):
                name = t[2:]
                cands = [name[1:]] if name.startswith(':') else ['lib' + name + '.so', 'lib' + name + '.a']
                for d in libdirs:
                    hit = next((os.path.join(d, c) for c in cands if os.path.isfile(os.path.join(d, c))), None)
                    if hit:
                        add(used, hit, 'the link (' + t + ')')
                        break
            elif t.startswith('/') and re.search(r'\.(o|a|so)(\.[0-9.]+)?$', t):
                add(used, t, 'the link (added by the compiler driver)')


def used_files(build, runtime_list):
    build = os.path.realpath(build)
    mine = [os.path.realpath(SOURCE), build]
    used = {}  # file -> why it was used

    # CMake package config files: the file, not its directory.
    cache = {}
    for line in open(os.path.join(build, 'CMakeCache.txt'), errors='replace'):
        m = re.match(r'^([A-Za-z0-9_.+-]+):[A-Z]+=(.*)$', line.rstrip('\n'))
        if m:
            cache[m.group(1)] = m.group(2)
    for key, value in cache.items():
        if not key.endswith('_DIR') or not value.startswith('/') or inside(value, mine):
            continue
        name = key[:-4]
        for f in (name + 'Config.cmake', name.lower() + '-config.cmake'):
            if os.path.isfile(os.path.join(value, f)):
                add(used, os.path.join(value, f), 'find_package(' + name + ')')
    # The compilers and archivers as CMake resolved them (a preset may name just "clang++-14"), for
    # the languages the project enabled (CMakeFiles/<version>/CMake<LANG>Compiler.cmake); cmake, ninja.
    tools = {key: cache.get(key, '') for key in ('CMAKE_COMMAND', 'CMAKE_MAKE_PROGRAM')}
    for f in glob.glob(os.path.join(build, 'CMakeFiles', '*', 'CMake*Compiler.cmake')):
        text = open(f).read()
        tools.update(re.findall(r'^set\((CMAKE_C(?:XX)?_COMPILER|CMAKE_AR|CMAKE_RANLIB) "(/[^"]+)"\)', text, re.M))
    for key, path in tools.items():
        if path.startswith('/'):
            add(used, path, key)

    # Headers from the compiler's dependency records.
    deps = run(['ninja', '-C', build, '-t', 'deps'])
    if deps.returncode != 0:
        die(f'check-deps: ninja -t deps failed in {build}: {deps.stderr.strip()}')
    if not re.search(r'^    \S', deps.stdout, re.M):
        die(f'check-deps: {build} has no dependency records: build it first')
    for line in deps.stdout.splitlines():
        if not line.startswith(' '):
            continue
        p = line.strip()
        p = p if p.startswith('/') else os.path.join(build, p)
        p = os.path.normpath(p)
        if not inside(p, mine):
            add(used, p, 'an #include')

    # Files named on the command lines, and what the driver adds to each link. ccache is left out:
    # a launcher whoever builds may choose (CMAKE_CXX_COMPILER_LAUNCHER), not one the project needs.
    compiler = tools.get('CMAKE_CXX_COMPILER', '')
    cmds = run(['ninja', '-C', build, '-t', 'commands']).stdout
    links = set()
    for line in cmds.splitlines():
        for tok in re.findall(r'(?<![\w.=-])(/[^\s;"\'&|:,]+)', line):
            if os.path.basename(tok) != 'ccache' and not inside(os.path.normpath(tok), mine):
                add(used, tok, 'a build command')
        for part in line.split(' && '):
            toks = [t for t in part.split() if os.path.basename(t) != 'ccache']
            if toks and toks[0] == compiler and '-c' not in toks and '-o' in toks:
                # A link: one driver run per distinct set of flags (objects and libraries named by
                # their paths are already counted, they do not change what the driver adds).
                key = ' '.join(t for t in toks if t.startswith('-'))
                if key not in links:
                    links.add(key)
                    link_driver_files(part, build, used)

    # moc and uic run through cmake_autogen: their paths are in the AUTOGEN info files.
    for f in glob.glob(os.path.join(build, '**', 'AutogenInfo.json'), recursive=True):
        text = open(f, errors='replace').read()
        for m in re.finditer(r'"QT_(?:MOC|UIC)_EXECUTABLE"\s*:\s*"(/[^"]+)"', text):
            add(used, m.group(1), 'AUTOGEN')

    # Run-time files no build record shows.
    if runtime_list:
        plugins = run(['qtpaths6', '--query', 'QT_INSTALL_PLUGINS']).stdout.strip()
        for line in open(runtime_list):
            rel = line.split('#', 1)[0].strip()
            if not rel:
                continue
            path = rel if rel.startswith('/') else os.path.join(plugins, rel)
            used.setdefault(path, 'loaded at run time, ' + os.path.relpath(runtime_list))
    return used


MERGED_USR = (('/usr/lib/', '/lib/'), ('/usr/lib64/', '/lib64/'), ('/usr/bin/', '/bin/'), ('/usr/sbin/', '/sbin/'))


def variants(path):
    """The same file under the names dpkg may have registered it (symlinked /lib, /bin, /sbin)."""
    out = [path]
    real = os.path.realpath(path)
    for p in (path, real):
        for a, b in MERGED_USR:
            if p.startswith(a):
                out.append(b + p[len(a):])
            elif p.startswith(b):
                out.append(a + p[len(b):])
        out.append(p)
    out.append(real)
    return list(dict.fromkeys(out))


def owners(files):
    """{file: [packages]} for the files dpkg knows, by whichever name it registered them under.
    One dpkg-query for all the names: it reads dpkg's file lists once, which is most of its time."""
    names = {f: variants(f) for f in files}
    out = run(['dpkg-query', '-S'] + sorted({n for v in names.values() for n in v})).stdout
    byname = {}
    for line in out.splitlines():
        if line.startswith('diversion ') or ': ' not in line:
            continue
        pkgs, path = line.split(': ', 1)
        byname.setdefault(path.strip(), []).extend(n.split(':')[0].strip() for n in pkgs.split(', '))
    found = {}
    for f, v in names.items():
        hit = next((n for n in v if n in byname), None)
        if hit:
            found[f] = byname[hit]
    return found


def start_closure(declared, build):
    """Starts apt-cache on what apt installs for the declared packages with --no-install-recommends,
    and what every Debian machine has: Essential, Priority: required, build-essential. It runs while
    the build is read. Docker images keep no apt cache (Dir::Cache::pkgcache ""), and rebuilding it
    costs apt-cache a second of CPU each time: it keeps one in the build directory, which apt checks
    against the package lists and dpkg's status and rebuilds when they change."""
    base = {'build-essential'}
    out = run(['dpkg-query', '-W', '-f=${Package} ${Essential} ${Priority}\n']).stdout
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 2 and (parts[1] == 'yes' or parts[-1] == 'required'):
            base.add(parts[0])
    roots = set(declared) | base
    os.makedirs(os.path.join(build, 'check-deps'), exist_ok=True)
    pkgcache = os.path.join(os.path.abspath(build), 'check-deps', 'pkgcache.bin')
    cmd = ['apt-cache', '-o', 'Dir::Cache::pkgcache=' + pkgcache, 'depends', '--recurse', '--no-recommends',
           '--no-suggests', '--no-conflicts', '--no-breaks', '--no-replaces', '--no-enhances'] + sorted(roots)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors='replace')
    return roots, declared, proc


def closure(roots, declared, proc):
    out, err = proc.communicate()
    # package -> list of dependency groups; a group is a list of alternatives; an alternative is
    # (name, providers) where providers is non-empty for a virtual package.
    graph, real = {}, set()
    pkg, group, alt = None, [], None
    for line in out.splitlines():
        if not line.startswith(' '):
            pkg = line.strip().split(':')[0]
            real.add(pkg)
            graph.setdefault(pkg, [])
            group, alt = [], None
            continue
        m = re.match(r'^ ([ |])(?:Pre)?Depends: (<)?([^\s>]+)>?', line)
        if m:
            alt = [m.group(3).split(':')[0], []]
            group.append(alt)
            if m.group(1) == ' ':  # the last alternative of its group
                graph[pkg].append(group)
                group = []
            continue
        m = re.match(r'^    (\S+)$', line)  # a provider of the virtual package just above
        if m and alt is not None:
            alt[1].append(m.group(1).split(':')[0])
    unknown = sorted(set(declared) - real)
    if proc.returncode != 0 or unknown:
        die(f'check-deps: apt-cache does not know {" ".join(unknown) or "the declared packages"} '
                 f'(a typo, or no package lists: run apt-get update) {err.strip()}'.rstrip())
    have = set(roots)
    todo = list(roots)
    while todo:
        for group in graph.get(todo.pop(), []):
            names = [n for name, prov in group for n in ([name] + prov)]
            if any(n in have for n in names):
                continue
            name, prov = group[0]
            pick = name if name in real or not prov else prov[0]
            have.add(pick)
            todo.append(pick)
    return have


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('build')
    ap.add_argument('--deps', default=os.path.join(HERE, 'deps.sh'))
    ap.add_argument('--runtime', default=os.path.join(HERE, 'runtime-files.txt'))
    ap.add_argument('--without', action='append', default=[])
    a = ap.parse_args()
    if not os.path.isfile(os.path.join(a.build, 'CMakeCache.txt')):
        die(f'check-deps: {a.build} is not a configured CMake build (no CMakeCache.txt)')
    start = time.monotonic()
    declared = declared_packages(a.deps)
    for p in a.without:
        if p not in declared:
            die(f'check-deps: --without {p}: {p} is not declared in {a.deps}')
    declared = [p for p in declared if p not in a.without]
    apt = start_closure(declared, a.build)
    used = used_files(a.build, a.runtime)
    owned = owners(used)
    have = closure(*apt)

    missing = {}  # package -> files
    for f, pkgs in owned.items():
        if not any(p in have for p in pkgs):
            missing.setdefault(' or '.join(sorted(pkgs)), []).append(f)
    unowned = sorted(f for f in used if f not in owned)
    where = os.path.relpath(a.deps)
    for p, files in sorted(missing.items()):
        files.sort()
        more = f' and {len(files) - 1} more' if len(files) > 1 else ''
        print(f'check-deps: {p} is not declared in {where} nor brought by a declared package; '
              f'{files[0]} needs it ({used[files[0]]}){more}')
    for f in unowned:
        if os.path.exists(f):
            print(f'check-deps: no package provides {f} ({used[f]}): a fresh machine will not have it')
        else:
            print(f'check-deps: {f} ({used[f]}) is not on this machine: declare the package that provides '
                  f'it in {where} and run it')
    took = time.monotonic() - start
    if missing or unowned:
        print(f'check-deps: FAILED: {len(missing)} package(s) to declare in {where}, '
              f'{len(unowned)} file(s) from no package ({took:.1f} s)')
        sys.exit(1)
    packages = {p for v in owned.values() for p in v}
    print(f'check-deps: ok: {len(used)} files used by {a.build} come from {len(packages)} '
          f'packages, all brought by the {len(declared)} declared in {where} ({took:.1f} s)')


if __name__ == '__main__':
    main()
