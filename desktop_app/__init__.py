"""Satu Desa: offline-first registry for the Satu Desa, 100 Pekerja Rentan program."""

__version__ = "0.1.0"
