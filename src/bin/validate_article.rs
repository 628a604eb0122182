//! `validate-article FILE…`: checks article documents the way the viewer reads them.
//!
//! Prints each file's fatal error (with line/column or field path) or its non-fatal problems.
//! A block or key figure that breaks the format is an error here, though the viewer shows the
//! rest of the article around its placeholder. Exit status: 0 when every file would render
//! cleanly, 1 when any has errors or (with `--strict`) problems, 2 on usage errors.

use std::process::ExitCode;

use article_viewer::model::{parse_article_bytes, prepare};

fn main() -> ExitCode {
    let mut strict = false;
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--strict" => strict = true,
            "-h" | "--help" => {
                println!("usage: validate-article [--strict] FILE...");
                return ExitCode::SUCCESS;
            }
            _ => files.push(arg),
        }
    }
    if files.is_empty() {
        eprintln!("usage: validate-article [--strict] FILE...");
        return ExitCode::from(2);
    }
    let mut failed = false;
    for file in &files {
        let bytes = match std::fs::read(file) {
            Ok(bytes) => bytes,
            Err(e) => {
                println!("{file}: cannot read: {e}");
                failed = true;
                continue;
            }
        };
        match parse_article_bytes(&bytes).map(prepare) {
            Err(error) => {
                println!("{file}: error: {} {}", error.summary(), error.detail());
                failed = true;
            }
            Ok(prepared) if prepared.problems.is_empty() => println!("{file}: ok"),
            Ok(prepared) => {
                for problem in &prepared.problems {
                    let what = if problem.breaks_format {
                        "error"
                    } else {
                        "problem"
                    };
                    println!("{file}: {what}: {problem}");
                }
                failed |= strict || prepared.problems.iter().any(|p| p.breaks_format);
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
