"""Foundations every other layer may use: error types, the message catalogue and its
rendering in English or Chinese, and where bundled resources live. Imports nothing else
of CarbonMgr."""
