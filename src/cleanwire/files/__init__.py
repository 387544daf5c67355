"""Bytes in and out of files: bounded reads, atomic replacement, printable names."""
