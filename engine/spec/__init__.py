"""The form spec: YAML with locations → format check → typed, frozen model."""
