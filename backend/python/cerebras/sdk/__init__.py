"""Tessera's implementation of the Cerebras SDK host API (talks to a Tessera appliance)."""
