"""Pandera models for raw records and warehouse tables."""
