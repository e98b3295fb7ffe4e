"""The inventory: the case model, the calculation methods (pure formulas), the engine
that turns activity lines into emissions with a trace, and the trace notes."""
