//! An article downloaded, decoded as it arrives and prepared, into the page's
//! [`ArticleFeed`]: a long article's start while the rest downloads, then each later section
//! as soon as it is decoded, then its end.

use js_sys::Uint8Array;
use wasm_bindgen::JsCast;

use super::LoadError;
use super::address::{page_base, resolve_address};
use super::body::{Progress, append};
use super::download::{Document, Download};
use super::feed::{ArticleEnding, ArticleFeed, MoreSections};
use super::request::Prefetched;
use crate::config::ViewerConfig;
use crate::model::{
    ArticleError, IncrementalArticle, PreparedArticle, SectionPreparer, parse_article_bytes,
    prepare, prepare_start, resolve_figure_urls, resolve_section_urls,
};
use crate::schedule::{TaskClock, screenful};

/// Downloads, parses and prepares the article at `raw` (relative to the page or absolute),
/// within the origins and time limit of `config`, into `feed`: the download's progress, then
/// the whole article or why there is none. A long article whose start can already be shown
/// (see [`PreparedArticle::can_show_early`]) goes to the feed first, prepared from its first
/// sections, while the rest downloads; the page gets a chance to paint it before reading goes
/// on. Every later section then goes to the feed as soon as it is decoded and prepared, and is
/// not kept here, so the decoded article is never in memory whole (the downloaded bytes stay
/// on the JavaScript side until the end, for a document whose errors need the whole text);
/// then the start's end, or, if the finished document changed the start, the whole article.
///
/// An article on the page's own origin is always allowed, so its download starts at once,
/// while the configuration is still being read (earlier by the configuration's round trip);
/// any other article waits for the configuration to allow its origin. The time limit runs
/// from the moment the configuration is known.
pub async fn fetch_article(
    raw: String,
    config: impl Future<Output = Result<ViewerConfig, LoadError>>,
    feed: ArticleFeed,
) {
    match read_article(raw, config, feed).await {
        Ok(Fetched::Rest(ending)) => feed.end_start(ending),
        Ok(Fetched::Whole(prepared)) => feed.settle(Ok(*prepared)),
        Err(error) => feed.settle(Err(error)),
    }
}

/// [`fetch_article`]'s reading, up to what completes it.
async fn read_article(
    raw: String,
    config: impl Future<Output = Result<ViewerConfig, LoadError>>,
    feed: ArticleFeed,
) -> Result<Fetched, LoadError> {
    crate::timing::mark("viewer:fetch");
    let mut download = Download::of(&raw, &page_base(), Document::Article)?;
    match Prefetched::take_for(download.url()) {
        Some(prefetched) => download.take_over(prefetched.answer, prefetched.controller),
        None if download.same_origin() => download.start(),
        None => {}
    }
    let config = match config.await {
        Ok(config) => config,
        Err(error) => {
            download.abort();
            return Err(error);
        }
    };
    let answer = download.under(&config)?.answer().await?.usable()?;
    let total = answer.expected_length()?;
    let url = answer.url().to_owned();
    let resolve = |address: &str| resolve_address(address, &url);
    let mut reader = ArticleReader::new(&resolve, feed);
    let on_progress = |progress: Progress| feed.tell_progress(progress);
    let received = answer
        .read(total, &on_progress, &mut |piece| reader.take(piece))
        .await?;
    if reader.article.looks_like_markup() {
        let content_type = answer
            .header("content-type")
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| "no content type".to_owned());
        return Err(LoadError::NotJson { url, content_type });
    }
    crate::timing::mark("viewer:downloaded");
    reader
        .finish(received)
        .map_err(|source| LoadError::Article { url, source })
}

/// How far the showing of an article arriving in pieces has got.
enum Stage {
    /// Too few sections yet to try showing the start.
    Gathering,
    /// Its start could not be shown early (its top would still change): read to the end.
    Whole,
    /// Its start is on the page; each later section is prepared and handed on when decoded.
    Streaming(Box<SectionPreparer>),
}

/// An article being read piece by piece: "show the start early, then the rest" as a state.
struct ArticleReader<'a> {
    article: IncrementalArticle,
    /// The pieces as they arrived, kept on the JavaScript side, only for a document whose
    /// errors need the whole text.
    pieces: js_sys::Array,
    stage: Stage,
    /// Sections decoded before the article can be shown while the rest downloads: the lead and
    /// a screenful, which the page builds before its first paint (`view::progressive`).
    early_sections: usize,
    /// When the current task started; the browser gets its turn once it has run its time.
    clock: Option<TaskClock>,
    resolve: &'a dyn Fn(&str) -> String,
    feed: ArticleFeed,
}

impl<'a> ArticleReader<'a> {
    fn new(resolve: &'a dyn Fn(&str) -> String, feed: ArticleFeed) -> Self {
        ArticleReader {
            article: IncrementalArticle::new(),
            pieces: js_sys::Array::new(),
            stage: Stage::Gathering,
            early_sections: 1 + screenful(),
            clock: None,
            resolve,
            feed,
        }
    }

    /// Decodes the next piece of the body; whether to pause (end the task, let the browser
    /// paint) before reading goes on.
    fn take(&mut self, piece: &Uint8Array) -> bool {
        let clock = *self.clock.get_or_insert_with(TaskClock::start);
        self.article
            .push_with(piece.length() as usize, |slot| piece.copy_to(slot));
        self.pieces.push(piece);
        if let Stage::Streaming(preparer) = &mut self.stage {
            hand_on(&mut self.article, preparer, self.resolve, self.feed);
        }
        let spent = clock.spent();
        if spent {
            self.clock = None;
        }
        if !matches!(self.stage, Stage::Gathering)
            || self.article.sections_read() < self.early_sections
        {
            return spent;
        }
        self.stage = Stage::Whole;
        if !self.show_start() {
            return spent;
        }
        // The start is in the page: the browser paints it before reading goes on. Sections
        // decoded beyond it follow in the next task (`read_body` hands an empty piece over
        // after the pause), not in this one, which is the first screen's.
        self.clock = None;
        true
    }

    /// Hands the start to the feed if it can be shown early; whether it was.
    fn show_start(&mut self) -> bool {
        let Some(start_of_article) = self.article.early(self.early_sections) else {
            return false;
        };
        let (mut early, preparer) = prepare_start(start_of_article);
        if !early.can_show_early() {
            self.article
                .put_back(std::mem::take(&mut early.article.sections));
            return false;
        }
        early.resolve_urls(self.resolve);
        crate::timing::mark("viewer:early");
        self.feed.show_start(early);
        self.stage = Stage::Streaming(Box::new(preparer));
        true
    }

    /// Once all `received` bytes are in: what completes the start shown, or the whole article.
    fn finish(mut self, received: usize) -> Result<Fetched, ArticleError> {
        let finished = match std::mem::replace(&mut self.stage, Stage::Whole) {
            Stage::Streaming(mut preparer) => {
                hand_on(&mut self.article, &mut preparer, self.resolve, self.feed);
                // The start shown stands: sections were added to it, and maybe key figures and
                // a copyright line after them, which the page fills in.
                if let Some(mut late) = self.article.late_fields() {
                    resolve_figure_urls(&mut late.key_figures, self.resolve);
                    let late_targets = preparer.place_late_figures(&late.key_figures);
                    return Ok(Fetched::Rest(ArticleEnding {
                        reading_minutes: preparer.reading_minutes(),
                        problems: preparer.into_problems(),
                        late,
                        late_targets,
                    }));
                }
                // The sections handed on are gone from here: the whole text decides.
                None
            }
            Stage::Gathering | Stage::Whole => self.article.finish().map(Ok),
        };
        let article = finished.unwrap_or_else(|| {
            // Something is wrong with it: the whole text says what, where and why.
            let mut bytes = Vec::with_capacity(received);
            for piece in self.pieces.iter() {
                append(&mut bytes, piece.unchecked_ref());
            }
            parse_article_bytes(&bytes)
        });
        drop(self.pieces);
        crate::timing::mark("viewer:parsed");
        let mut prepared = prepare(article?);
        prepared.resolve_urls(self.resolve);
        crate::timing::mark("viewer:prepared");
        Ok(Fetched::Whole(Box::new(prepared)))
    }
}

/// Prepares the sections decoded since the last call and hands them to the feed.
fn hand_on(
    article: &mut IncrementalArticle,
    preparer: &mut SectionPreparer,
    resolve: &dyn Fn(&str) -> String,
    feed: ArticleFeed,
) {
    let mut more = MoreSections {
        ids: Vec::new(),
        sections: article.take_sections(),
    };
    for section in &mut more.sections {
        resolve_section_urls(section, resolve);
        more.ids.push(preparer.add(section));
    }
    if !more.ids.is_empty() {
        feed.add_sections(more);
    }
}

/// What reading an article ends with.
enum Fetched {
    /// The whole article, prepared: no start was shown, or the finished document changed the
    /// start that was.
    Whole(Box<PreparedArticle>),
    /// The end of an article whose start and later sections went to the feed.
    Rest(ArticleEnding),
}
