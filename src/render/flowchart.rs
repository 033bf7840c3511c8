//! Flowchart SVG (being written).
