"""archassist: an offline decision assistant for machine-learning architectures on AWS."""

from importlib import metadata

try:
    __version__ = metadata.version("archassist")
except metadata.PackageNotFoundError:  # running from a source tree or a frozen bundle
    __version__ = "0.1.0"

__all__ = ["__version__"]
