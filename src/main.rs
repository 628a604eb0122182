//! Entry point of the WebAssembly build; everything else lives in the library.

fn main() {
    article_viewer::start();
}
