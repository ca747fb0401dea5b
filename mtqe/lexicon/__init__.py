"""English word knowledge shared by the detectors (imports no detector)."""
