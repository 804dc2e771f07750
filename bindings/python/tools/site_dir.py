#!/usr/bin/env python3
"""Prints where to install a package for this interpreter, relative to the
install prefix given as argv[1]: the interpreter's own site directory under
that prefix when it has one (Debian: /usr/local -> lib/python3.X/dist-packages,
/usr -> lib/python3/dist-packages), else the standard
lib/python3.X/site-packages (then PYTHONPATH must name it)."""

import os
import site
import sys
import sysconfig

prefix = os.path.normpath(os.path.abspath(sys.argv[1]))
candidates = [sysconfig.get_path("platlib"), sysconfig.get_path("purelib")]
candidates += site.getsitepackages()
for path in candidates:
    path = os.path.normpath(path)
    if path in sys.path and path.startswith(os.path.join(prefix, "lib") + os.sep):
        print(os.path.relpath(path, prefix))
        break
else:
    path = sysconfig.get_path("platlib", "posix_prefix", vars={"base": prefix, "platbase": prefix})
    print(os.path.relpath(path, prefix))
