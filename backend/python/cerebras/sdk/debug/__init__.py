"""cerebras.sdk.debug: debug_util over a run's core dump."""
