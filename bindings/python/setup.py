"""Builds the coopedu Python package against an installed libcoopedu.

    pip install --no-build-isolation ./bindings/python

libcoopedu (headers, library, coopedu.pc) is found with pkg-config: set
PKG_CONFIG_PATH=<prefix>/lib/pkgconfig for an install outside the default
search path. SWIG generates the module coopedu.capi from the installed
headers; the entity classes and report methods are then generated from the
built module, as the CMake build does. Needs swig, a C compiler, Python's
headers and setuptools (Debian: swig build-essential python3-dev
python3-setuptools python3-pip); nothing is downloaded.
"""
import os
import shutil
import subprocess
import sys
import sysconfig

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = os.path.dirname(os.path.abspath(__file__))


def pkg_config(*args):
    try:
        out = subprocess.run(["pkg-config", *args, "coopedu"], check=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except FileNotFoundError:
        sys.exit("coopedu: pkg-config is not installed (Debian: apt install pkg-config)")
    except subprocess.CalledProcessError as e:
        sys.exit("coopedu: pkg-config cannot find libcoopedu (" + e.stderr.strip() + "): install "
                 "it (make install, or the libcoopedu-dev package) and, for a prefix outside "
                 "pkg-config's search path, set PKG_CONFIG_PATH=<prefix>/lib/pkgconfig")
    return out.stdout.strip()


VERSION = pkg_config("--modversion")
INCLUDEDIR = os.path.normpath(pkg_config("--variable=includedir"))
LIBDIR = os.path.normpath(pkg_config("--variable=libdir"))


def flags(option, prefix):
    return [os.path.normpath(f[len(prefix):]) if prefix != "-l" else f[len(prefix):]
            for f in pkg_config(option).split() if f.startswith(prefix)]


def newer_than(target, sources):
    return os.path.exists(target) and all(
        os.path.getmtime(target) >= os.path.getmtime(s) for s in sources)


def loader_searches(libdir):
    """Whether the dynamic loader finds libraries in libdir without a run path."""
    multiarch = sysconfig.get_config_var("MULTIARCH") or ""
    system = {"/lib", "/usr/lib", os.path.join("/lib", multiarch), os.path.join("/usr/lib", multiarch)}
    return os.path.realpath(libdir) in {os.path.realpath(d) for d in system}


class BuildCapi(build_ext):
    """SWIG first (coopedu/capi.py + capi_wrap.c), the extension, then the
    generated pure-Python modules, all into the build directory."""

    def run(self):
        swig = shutil.which("swig4.0") or shutil.which("swig")
        if not swig:
            sys.exit("coopedu: swig is not installed (Debian: apt install swig)")
        pkg_out = os.path.join(os.path.abspath(self.build_lib), "coopedu")
        os.makedirs(pkg_out, exist_ok=True)
        os.makedirs(self.build_temp, exist_ok=True)
        wrap = os.path.join(self.build_temp, "capi_wrap.c")
        inputs = [os.path.join(d, f) for top in (HERE, os.path.join(INCLUDEDIR, "coopedu"))
                  for d, _, files in os.walk(top) for f in files if f.endswith((".i", ".h"))]
        inputs.append(os.path.join(INCLUDEDIR, "coopedu.h"))
        if not (newer_than(wrap, inputs) and os.path.exists(os.path.join(pkg_out, "capi.py"))):
            self.spawn([swig, "-python", "-doxygen", "-I" + INCLUDEDIR, "-I" + HERE,
                        "-outdir", pkg_out, "-o", wrap, os.path.join(HERE, "coopedu.i")])
        for ext in self.extensions:
            ext.sources = [wrap]
        super().run()
        module = self.get_ext_fullpath("coopedu._capi")
        headers = os.path.join(INCLUDEDIR, "coopedu")
        for tool in ("gen_entities.py", "gen_reports.py"):
            self.spawn([sys.executable, os.path.join(HERE, "tools", tool),
                        "--module", module, "--headers", headers, "--out", pkg_out])


capi = Extension(
    "coopedu._capi",
    sources=[],  # capi_wrap.c, made by BuildCapi
    include_dirs=flags("--cflags-only-I", "-I"),
    library_dirs=flags("--libs-only-L", "-L"),
    libraries=flags("--libs-only-l", "-l"),
    # An install under its own prefix is found by the module's run path.
    runtime_library_dirs=[] if loader_searches(LIBDIR) else [LIBDIR],
    extra_compile_args=["-Wno-unused-parameter", "-Wno-missing-field-initializers"],
)

setup(
    name="coopedu",
    version=VERSION,
    description="University-industry cooperative education records (libcoopedu)",
    long_description=__doc__,
    python_requires=">=3.9",
    packages=["coopedu"],
    package_data={"coopedu": ["py.typed", "*.pyi"]},
    ext_modules=[capi],
    cmdclass={"build_ext": BuildCapi},
    zip_safe=False,
)
