//! Self-contained SVG charts.
