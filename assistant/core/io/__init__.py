"""The ground floor: YAML with places, atomic writes, resource paths."""
