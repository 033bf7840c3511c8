//! Tests of `sopbook schema` (being written).
