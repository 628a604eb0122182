//! What the native test files share: running the crate's own commands on real files.
#![allow(dead_code)] // each test file uses what it needs

use std::process::Command;

/// The `article` command, as Cargo built it for these tests.
pub const ARTICLE: &str = env!("CARGO_BIN_EXE_article");

/// The `validate-article` command.
pub const VALIDATE: &str = env!("CARGO_BIN_EXE_validate-article");

/// Runs `program args…` in the crate root: its exit status, stdout and stderr.
pub fn run(program: &str, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(program)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// Runs `article args…` in the crate root.
pub fn article(args: &[&str]) -> (i32, String, String) {
    run(ARTICLE, args)
}
