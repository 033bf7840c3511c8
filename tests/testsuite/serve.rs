//! Tests of `sopbook serve` (being written).
