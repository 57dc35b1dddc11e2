"""The one door for every change: validate with domain, write with store, in one transaction."""
