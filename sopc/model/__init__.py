"""The SOP model: format version 1 as pydantic models, durations, and validation with locations."""

from sopc.model.duration import Duration, Unit, parse_duration
from sopc.model.sop import Keputusan, Lajur, Langkah, Pelaksana, Pengesahan, Sop, Tanggal
from sopc.model.validate import merge_defaults, validate

__all__ = [
    "Duration", "Keputusan", "Lajur", "Langkah", "Pelaksana", "Pengesahan", "Sop", "Tanggal", "Unit",
    "merge_defaults", "parse_duration", "validate",
]
