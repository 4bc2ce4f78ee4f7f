//! The JavaScript binding (wasm32 only): type conversion and nothing else.
