"""The installation's ground floor: keys, atomic files, clock, logs, removable drives.

Everything here knows about this machine and its data folder but nothing of workers, villages
or sync files; every other layer may build on it.
"""
