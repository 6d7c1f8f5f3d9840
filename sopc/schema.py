"""The JSON Schema of the source format, generated from the model, for editors (yaml-language-server)."""

from __future__ import annotations

import json

from sopc.model.sop import Sop

SCHEMA_ID = "https://sopc.dev/schemas/sop-1.schema.json"
SCHEMA_PATH = "schemas/sop-1.schema.json"


# Keys every SOP file writes itself; the other identity items may come from sopc.toml's
# [defaults], which an editor cannot see, so the schema must not demand them in the file.
OWN_KEYS = ["sopc", "nomor", "nama", "tanggal", "pelaksana", "langkah"]


def json_schema() -> dict:
    """The schema of a `*.sop.yaml` file, format version 1."""
    schema = Sop.model_json_schema(mode="validation")
    schema["required"] = [key for key in schema["required"] if key in OWN_KEYS]
    schema["description"] += (" Identity items other than nomor, nama and tanggal may come from the"
                              " repository's sopc.toml [defaults].")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def schema_text() -> str:
    """The schema as the committed file holds it (stable key order, trailing newline)."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
