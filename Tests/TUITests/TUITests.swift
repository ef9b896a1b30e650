// TUI tests.
