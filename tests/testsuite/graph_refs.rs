//! Tests of `sopbook graph and refs` (being written).
