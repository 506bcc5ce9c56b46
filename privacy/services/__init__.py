"""Writes of the privacy app: retention (`retention`) and a person's erasure (`erasure`)."""
