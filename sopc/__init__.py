"""sopc: Standard Operating Procedures (Permenpan-RB 35/2012) as code."""

__version__ = "0.1.0"
