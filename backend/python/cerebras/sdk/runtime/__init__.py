"""cerebras.sdk.runtime: the SdkRuntime host API."""
