//! Tests of `sopbook import` (being written).
