"""Carbon trading: ETS allocation by benchmark, the compliance position (CCER cap,
surplus, penalty range), abatement costs and the class market's call auction. Qt-free;
sits above storage, below the trainer."""
