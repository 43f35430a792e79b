"""archassist: an offline decision assistant for machine-learning architectures on AWS."""

# The one place the version is written; pyproject.toml reads it from here.
__version__ = "0.1.0"

__all__ = ["__version__"]
