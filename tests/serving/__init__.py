"""Tests of the scoring server (hintsig.serving)."""
