//! Tests of `sopbook init and new` (being written).
