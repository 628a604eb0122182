//! Entry point of the library page's WebAssembly build (`library.html`): a module of its own,
//! so that an article page never downloads the library's code.

fn main() {
    article_viewer::start_library();
}
