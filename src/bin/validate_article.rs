//! `validate-article FILE…`: the old name of `article check` (see `src/bin/article.rs`), kept
//! for scripts that call it. Same output and exit status: 0 when every file would render
//! cleanly, 1 when any has errors or (with `--strict`) problems, 2 on usage errors.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::process::ExitCode;

    let mut strict = false;
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--strict" => strict = true,
            "-h" | "--help" => {
                println!(
                    "usage: validate-article [--strict] FILE...  (the same as: article check)"
                );
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
        let (lines, file_failed) = article_viewer::tools::check_file(file.as_ref(), strict);
        for line in lines {
            println!("{line}");
        }
        failed |= file_failed;
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
