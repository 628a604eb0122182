//! Entry point of the module of the pages `article pages` writes (`written.html`'s head): a
//! module of its own that only takes the written article over, so that such a page never
//! downloads the client-only viewer's downloading, decoding and error reporting.

fn main() {
    article_viewer::start_written();
}
