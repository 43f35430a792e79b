"""The knowledge model, its one loader, conditions, the graph, answer checks."""
