// Render: pixels and text to terminal cells.
