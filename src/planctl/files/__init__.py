"""Bytes in and out: text in the encodings counties send, files written whole."""
