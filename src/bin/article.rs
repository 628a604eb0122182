//! `article`: the publisher's tool, on the viewer's own model. `article check` checks articles
//! as the viewer reads them; `article from-markdown` and `article to-markdown` convert between
//! Markdown with front matter and the JSON format. Errors are `file:line:column: what is
//! wrong`. Exit status: 0 on success, 1 when a file fails, 2 on usage errors.

#[cfg(target_arch = "wasm32")]
fn main() {}

/// mimalloc instead of the system's allocator: `article index` allocates and frees millions of
/// small strings, and glibc's malloc and free took about a sixth of its time (perf).
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    keep_freed_memory();
    native::main()
}

/// Tells mimalloc to keep memory it freed rather than give it back to the system after a delay:
/// `article index` frees and allocates hundreds of megabytes in turn, and each page given back
/// was zeroed again by the kernel when taken anew (docs/performance.md, "Measured reasons").
/// A command that ends in seconds has no use for giving memory back.
#[cfg(not(target_arch = "wasm32"))]
fn keep_freed_memory() {
    /// `mi_option_purge_delay`, 16th of the `mi_option_e` of both mimalloc versions that
    /// libmimalloc-sys bundles (milliseconds; -1 never purges).
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: reading and setting an option of the allocator in use, before any thread starts;
    // a delay is never negative, so a negative value means the option is not what it seems.
    unsafe {
        if libmimalloc_sys::mi_option_get(PURGE_DELAY) >= 0 {
            libmimalloc_sys::mi_option_set(PURGE_DELAY, -1);
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;

    use article_viewer::model::wire::RawArticle;
    use article_viewer::model::{parse_article, parse_article_bytes};
    use article_viewer::tools::{
        Converted, IndexOptions, MarkdownOptions, Outcome, article_to_markdown, atom_feed,
        check_file, import_site, index_dir, read_markdown, render_dir,
    };
    use clap::{Parser, Subcommand};

    /// Check articles and convert them between Markdown and the article JSON format.
    #[derive(Parser)]
    #[command(name = "article", version)]
    struct Cli {
        #[command(subcommand)]
        command: Command,
    }

    // The help text shows addresses as they are typed, not as links.
    #[allow(rustdoc::bare_urls)]
    #[derive(Subcommand)]
    enum Command {
        /// Check articles (JSON, or Markdown converted first) the way the viewer reads them.
        ///
        /// Prints `ok`, each problem, or the error that stops an article. A block or key
        /// figure the viewer would show as a placeholder is an error. Exit status 1 on
        /// errors, and on problems with --strict.
        Check {
            /// Fail on problems too (unsafe addresses, missing alt text…).
            #[arg(long)]
            strict: bool,
            /// Article files: `.json`, or `.md` with front matter.
            #[arg(required = true)]
            files: Vec<PathBuf>,
        },
        /// Convert a Markdown post into article JSON (to stdout without -o).
        ///
        /// Front matter in YAML (---), TOML (+++) or JSON ({ … }), with the field names
        /// Jekyll, Hugo, Zola and Eleventy use. What has no place in the format is left out
        /// with a warning at its line.
        FromMarkdown {
            /// The Markdown file.
            file: PathBuf,
            /// Where to write the JSON.
            #[arg(short, long)]
            output: Option<PathBuf>,
            /// Front matter fields with no place in an article are errors, not notes.
            #[arg(long)]
            strict: bool,
        },
        /// Convert a whole static-site blog (Jekyll, Hugo, Zola, Eleventy) into OUT, with its
        /// index.
        ///
        /// Finds the posts (Jekyll's _posts, Hugo's and Zola's content/ with page bundles,
        /// or every Markdown file of a folder), converts them on every core, writes
        /// OUT/NAME.json and OUT/index.json, and ends with a summary: converted, converted
        /// with notes, drafts and refused, grouped by cause. Exit status 1 when a post is
        /// refused.
        Import {
            /// The site's folder.
            src: PathBuf,
            /// Where the articles and the index go.
            out: PathBuf,
            /// Front matter fields with no place in an article refuse the post.
            #[arg(long)]
            strict: bool,
            /// Print every warning, file by file.
            #[arg(short, long)]
            verbose: bool,
        },
        /// Write DIR/index.json, the library of the articles in DIR, and DIR/feed.xml.
        ///
        /// Reads every `.json` article in DIR, and every `.md` one, which it converts and
        /// writes as `name.json` beside it. A file that is not an article is left out, with a
        /// note. The feed (Atom 1.0) needs --base-url, the address DIR is published at.
        Index {
            /// The folder of articles.
            dir: PathBuf,
            /// The absolute address DIR is published at, e.g. https://example.org/viewer/articles/.
            #[arg(long)]
            base_url: Option<String>,
            /// The viewer page the feed's entries open, e.g. https://example.org/viewer/.
            #[arg(long)]
            viewer: Option<String>,
            /// The feed's title.
            #[arg(long, default_value = "Articles")]
            title: String,
            /// Articles on each page of the library (the first page is in index.json).
            #[arg(long, default_value_t = article_viewer::tools::archive::DEFAULT_PER_PAGE, value_parser = clap::value_parser!(u32).range(1..))]
            page_size: u32,
            /// Entries in the feed: the newest ones.
            #[arg(long, default_value_t = article_viewer::tools::DEFAULT_FEED_SIZE)]
            feed_size: usize,
            /// Make code blocks searchable too. Every other word a reader can see is searchable
            /// anyway: title, standfirst, headings, text, lists, quotes, tables, captions, key
            /// figures, notes, authors, label and topics.
            #[arg(long)]
            code: bool,
            /// Accepted for scripts written before full text was the default; does nothing.
            #[arg(long, hide = true)]
            full_text: bool,
        },
        /// Search the library `article index` wrote in DIR, as the library page does: every
        /// word of the query (the last one as typed so far), "a phrase" in quotes, best first,
        /// with each result's excerpt and the section it leads to.
        Search {
            /// The folder of the index.
            dir: PathBuf,
            /// The query.
            query: String,
            /// Results shown at most.
            #[arg(long, default_value_t = 10)]
            limit: usize,
        },
        /// Measure the search's relevance on the library in DIR with known-item queries drawn
        /// from its own articles (the rule: src/tools/relevance.rs), as `scripts/bench search`
        /// does.
        #[command(hide = true)]
        Relevance {
            /// The folder of the index.
            dir: PathBuf,
            /// Queries in each set.
            #[arg(long, default_value_t = 200)]
            count: usize,
            /// The seed the queries are drawn with.
            #[arg(long, default_value_t = 30)]
            seed: u64,
            /// Write the query sets here as JSON (for measuring another search on them).
            #[arg(long)]
            queries: Option<PathBuf>,
            /// Try field weights and print the best.
            #[arg(long)]
            tune: bool,
        },
        /// Write NAME.html beside every article in DIR: the article pre-rendered by the
        /// viewer's own components, readable without JavaScript, with the head crawlers and
        /// link previews read; the viewer in DIST takes it over in the browser.
        ///
        /// `.md` articles are converted first, as `index` does. DIST is the viewer's release
        /// build (`trunk build --release`); its assets are linked relatively, so DIR may be
        /// DIST/articles or any folder beside it. Without --base-url, pages have no canonical
        /// address or `og:url`.
        Pages {
            /// The folder of articles.
            dir: PathBuf,
            /// The viewer's release build, e.g. dist.
            #[arg(long)]
            viewer: PathBuf,
            /// The absolute address DIR is published at, e.g. https://example.org/viewer/articles/.
            #[arg(long)]
            base_url: Option<String>,
        },
        /// Publish a viewer build with its articles to S3-compatible object storage.
        ///
        /// DIR is the build (dist/) with the articles folder inside, after `article index`
        /// and `article pages`. Uploads only what changed since the last deploy (a manifest
        /// kept in the bucket), each object with its Content-Type and Cache-Control:
        /// content-addressed files first, entry points (HTML, index.json, the feed,
        /// viewer-config.json) last. What left the release is deleted after the grace period,
        /// by a later deploy. Credentials and region: the AWS_* variables, else ~/.aws.
        Deploy {
            /// The viewer build with its articles, e.g. dist.
            dir: PathBuf,
            /// Where to: s3://BUCKET or s3://BUCKET/PREFIX.
            url: String,
            /// An S3-compatible store's address (MinIO, Ceph, R2), e.g. http://127.0.0.1:9000.
            #[arg(long)]
            endpoint: Option<String>,
            /// Print the plan (uploads, deletions, bytes); change nothing.
            #[arg(long)]
            dry_run: bool,
            /// Seconds browsers and CDNs keep what is not content-addressed (HTML, index.json,
            /// the feed, articles) before asking again.
            #[arg(long, default_value_t = article_viewer::tools::deploy::DEFAULT_MAX_AGE)]
            max_age: u32,
            /// Seconds what left the release stays for readers mid-way.
            #[arg(long, default_value_t = article_viewer::tools::deploy::DEFAULT_GRACE_SECONDS)]
            grace: u64,
            /// Store text as it is, not gzip-compressed (for a CDN that compresses itself).
            #[arg(long)]
            no_gzip: bool,
            /// Allow a release that takes out more than half of the published objects.
            #[arg(long)]
            allow_large_delete: bool,
            /// Requests at once.
            #[arg(long, default_value_t = 16)]
            concurrency: usize,
            /// Seconds one request may take, retries included.
            #[arg(long, default_value_t = 60)]
            timeout: u64,
        },
        /// Convert article JSON into Markdown with YAML front matter (to stdout without -o).
        ToMarkdown {
            /// The article JSON file.
            file: PathBuf,
            /// Where to write the Markdown.
            #[arg(short, long)]
            output: Option<PathBuf>,
        },
    }

    pub fn main() -> ExitCode {
        let cli = Cli::parse();
        let result = match cli.command {
            Command::Check { strict, files } => {
                let mut failed = false;
                for file in &files {
                    let (lines, file_failed) = check_file(file, strict);
                    for line in lines {
                        println!("{line}");
                    }
                    failed |= file_failed;
                }
                return if failed {
                    ExitCode::FAILURE
                } else {
                    ExitCode::SUCCESS
                };
            }
            Command::FromMarkdown {
                file,
                output,
                strict,
            } => from_markdown(&file, output.as_deref(), strict),
            Command::Import {
                src,
                out,
                strict,
                verbose,
            } => return import(&src, &out, strict, verbose),
            Command::ToMarkdown { file, output } => to_markdown(&file, output.as_deref()),
            Command::Index {
                dir,
                base_url,
                viewer,
                title,
                page_size,
                feed_size,
                code,
                full_text: _,
            } => index(
                &dir,
                &IndexArgs {
                    base_url: base_url.as_deref(),
                    viewer: viewer.as_deref(),
                    title: &title,
                    page_size,
                    feed_size,
                    code,
                },
            ),
            Command::Search { dir, query, limit } => search(&dir, &query, limit),
            Command::Relevance {
                dir,
                count,
                seed,
                queries,
                tune,
            } => relevance(&dir, count, seed, queries.as_deref(), tune),
            Command::Pages {
                dir,
                viewer,
                base_url,
            } => pages(&dir, &viewer, base_url.as_deref()),
            Command::Deploy {
                dir,
                url,
                endpoint,
                dry_run,
                max_age,
                grace,
                no_gzip,
                allow_large_delete,
                concurrency,
                timeout,
            } => {
                use article_viewer::tools::deploy::{DeployOptions, SendOptions};
                let options = DeployOptions {
                    endpoint,
                    dry_run,
                    send: SendOptions {
                        max_age,
                        gzip: !no_gzip,
                    },
                    grace,
                    allow_large_delete,
                    concurrency,
                    timeout: std::time::Duration::from_secs(timeout.max(1)),
                };
                deploy(&dir, &url, &options)
            }
        };
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("{message}");
                ExitCode::FAILURE
            }
        }
    }

    fn deploy(
        dir: &Path,
        url: &str,
        options: &article_viewer::tools::deploy::DeployOptions,
    ) -> Result<(), String> {
        let started = std::time::Instant::now();
        let report = article_viewer::tools::deploy::deploy(dir, url, options, &mut |line| {
            println!("{line}")
        })
        .map_err(|e| format!("article deploy: {e}"))?;
        let verb = if options.dry_run {
            "would upload"
        } else {
            "uploaded"
        };
        println!(
            "{url}: {verb} {} files ({} B, {} B sent), {} unchanged, {} left the release, {} deleted; {} requests, {:.2} s",
            report.uploaded,
            report.bytes,
            report.sent,
            report.unchanged,
            report.retired,
            report.deleted,
            report.requests,
            started.elapsed().as_secs_f64()
        );
        Ok(())
    }

    fn pages(dir: &Path, viewer: &Path, base_url: Option<&str>) -> Result<(), String> {
        use indicatif::{ProgressBar, ProgressStyle};
        let started = std::time::Instant::now();
        // Drawn only on a terminal (indicatif hides itself otherwise).
        let bar = ProgressBar::new(0).with_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} pages, {eta} left")
                .expect("a valid template"),
        );
        let rendered = render_dir(
            dir,
            viewer,
            base_url,
            &|count| bar.set_length(count as u64),
            &|| bar.inc(1),
        );
        bar.finish_and_clear();
        let rendered = rendered?;
        for note in &rendered.notes {
            eprintln!("{note}");
        }
        if base_url.is_none() {
            eprintln!(
                "note: no --base-url, so the pages have no canonical address, og:url, \
                 absolute og:image or oEmbed answer (NAME.oembed.json)"
            );
        }
        let elapsed = started.elapsed();
        println!(
            "{} pages in {}, {:.1} s ({:.2} ms a page)",
            rendered.pages.len(),
            dir.display(),
            elapsed.as_secs_f64(),
            elapsed.as_secs_f64() * 1000.0 / rendered.pages.len().max(1) as f64
        );
        println!(
            "{}: the same articles to embed in other sites' pages{}",
            dir.join("embed").display(),
            if base_url.is_some() {
                ", and their oEmbed answers (NAME.oembed.json)"
            } else {
                ""
            }
        );
        if let Some(pages) = rendered.library_pages {
            println!(
                "{}: the library in {pages} page{} (library.html first)",
                dir.display(),
                if pages == 1 { "" } else { "s" }
            );
        }
        Ok(())
    }

    fn read(path: &Path) -> Result<String, String> {
        std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))
    }

    fn write(output: Option<&Path>, text: &str) -> Result<(), String> {
        match output {
            None => {
                print!("{text}");
                Ok(())
            }
            Some(path) => std::fs::write(path, text)
                .map_err(|e| format!("{}: cannot write: {e}", path.display())),
        }
    }

    fn from_markdown(file: &Path, output: Option<&Path>, strict: bool) -> Result<(), String> {
        let name = file.display();
        let text = read(file)?;
        let file_name = file.file_name().map(|n| n.to_string_lossy().into_owned());
        let options = MarkdownOptions {
            file_name: file_name.as_deref(),
            strict,
        };
        let Converted {
            article, warnings, ..
        } = read_markdown(&text, options).map_err(|error| format!("{name}:{error}"))?;
        for warning in warnings {
            eprintln!("{name}:{warning} (warning)");
        }
        let json = serde_json::to_string_pretty(&article).expect("wire types serialize");
        // What the viewer would refuse is refused here, with its field path.
        parse_article(&json).map_err(|e| {
            format!(
                "{name}: {} {}",
                article_viewer::i18n::tr(e.summary()),
                e.detail()
            )
        })?;
        write(output, &format!("{json}\n"))
    }

    fn import(src: &Path, out: &Path, strict: bool, verbose: bool) -> ExitCode {
        use indicatif::{ProgressBar, ProgressStyle};
        let started = std::time::Instant::now();
        // Drawn only on a terminal (indicatif hides itself otherwise).
        let bar = ProgressBar::new(0).with_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} posts, {eta} left")
                .expect("a valid template"),
        );
        let report = match import_site(src, out, strict, &|n| bar.set_length(n as u64), &|| {
            bar.inc(1)
        }) {
            Ok(report) => report,
            Err(message) => {
                eprintln!("{message}");
                return ExitCode::FAILURE;
            }
        };
        bar.finish_and_clear();
        let took = started.elapsed();
        for post in &report.posts {
            match &post.outcome {
                Outcome::Refused(why) => eprintln!("{}:{why} (refused)", post.source.display()),
                Outcome::Draft => eprintln!("{}: draft: true (left out)", post.source.display()),
                Outcome::WithNotes(notes) if verbose => {
                    for note in notes {
                        eprintln!("{}:{note} (warning)", post.source.display());
                    }
                }
                _ => {}
            }
        }
        print!("{}", report.summary());
        println!(
            "converted in {:.2} s on {} cores",
            took.as_secs_f64(),
            rayon::current_num_threads()
        );
        let args = IndexArgs {
            base_url: None,
            viewer: None,
            title: "Articles",
            page_size: article_viewer::tools::archive::DEFAULT_PER_PAGE,
            feed_size: article_viewer::tools::DEFAULT_FEED_SIZE,
            code: false,
        };
        if let Err(message) = index(out, &args) {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
        if report.counts()[3] > 0 {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        }
    }

    fn search(dir: &Path, query: &str, limit: usize) -> Result<(), String> {
        let (total, found) = article_viewer::tools::search::search_dir(dir, query, limit)?;
        let plural = if total == 1 { "" } else { "s" };
        println!("{total} article{plural} found");
        for (n, result) in found.iter().enumerate() {
            println!(
                "{:>3}. {} ({:.2})  {}",
                n + 1,
                result.entry.title,
                result.score,
                result.entry.address
            );
            if let Some(excerpt) = &result.excerpt {
                let text: String = excerpt
                    .pieces
                    .iter()
                    .map(|(t, marked)| if *marked { format!("[{t}]") } else { t.clone() })
                    .collect();
                let section = excerpt.section.as_deref().unwrap_or("");
                println!("     #{section}: {}", text.replace('\n', " "));
            }
        }
        Ok(())
    }

    fn relevance(
        dir: &Path,
        count: usize,
        seed: u64,
        queries: Option<&Path>,
        tune: bool,
    ) -> Result<(), String> {
        use article_viewer::model::search::rank::{WEIGHTS, Weights};
        use article_viewer::tools::relevance::{evaluate, query_sets, reweighed};
        let index = article_viewer::tools::search::LocalIndex::read(dir)?;
        let (body, typo, title) = query_sets(index.texts(), count, seed);
        if let Some(path) = queries {
            let sets = serde_json::json!({ "body": body, "typo": typo, "title": title });
            std::fs::write(path, sets.to_string())
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
        let row = |name: &str, index: &article_viewer::tools::search::LocalIndex, set| {
            let s = evaluate(index, set);
            println!(
                "| {name} | {} | {:.3} | {:.3} | {:.3} |",
                set.len(),
                s.success_at_5,
                s.mrr,
                s.empty
            );
            s
        };
        println!("| set | queries | success@5 | MRR | no result |");
        println!("| --- | ---: | ---: | ---: | ---: |");
        row("body (known item)", &index, &body);
        row("body, one typo", &index, &typo);
        row("title", &index, &title);
        if !tune {
            return Ok(());
        }
        println!(
            "\ntuning: field weights (title, standfirst, heading, body, meta) and body length b"
        );
        let mut tried: Vec<(f64, f64, f64, Weights)> = Vec::new();
        for t in [4.0, 8.0, 16.0, 32.0, 64.0] {
            for h in [1.0, 3.0, 6.0] {
                for s in [1.0, 3.0] {
                    for b in [0.3, 0.6, 0.9] {
                        for m in [1.0, 2.0] {
                            let mut w = WEIGHTS;
                            w.field = [t, s, h, 1.0, m];
                            w.length[3] = b;
                            let rebuilt = reweighed(&index, index.texts(), &w)?;
                            let (a, c) = (evaluate(&rebuilt, &body), evaluate(&rebuilt, &title));
                            tried.push((a.mrr + c.mrr, a.mrr, c.mrr, w));
                        }
                    }
                }
            }
        }
        tried.sort_by(|a, b| b.0.total_cmp(&a.0));
        println!("| body MRR | title MRR | field weights | body b |");
        println!("| ---: | ---: | --- | ---: |");
        for (_, body, title, w) in tried.iter().take(8) {
            println!(
                "| {body:.3} | {title:.3} | {:?} | {} |",
                w.field, w.length[3]
            );
        }
        Ok(())
    }

    fn to_markdown(file: &Path, output: Option<&Path>) -> Result<(), String> {
        let name = file.display();
        let bytes = std::fs::read(file).map_err(|e| format!("{name}: cannot read: {e}"))?;
        parse_article_bytes(&bytes).map_err(|e| {
            format!(
                "{name}: {} {}",
                article_viewer::i18n::tr(e.summary()),
                e.detail()
            )
        })?;
        let article: RawArticle =
            serde_json::from_slice(&bytes).map_err(|e| format!("{name}: {e}"))?;
        let markdown = article_to_markdown(&article)
            .map_err(|why| format!("{name}: Markdown cannot hold this article: {why}"))?;
        write(output, &markdown)
    }

    /// What `article index` was asked for beside its folder.
    struct IndexArgs<'a> {
        base_url: Option<&'a str>,
        viewer: Option<&'a str>,
        title: &'a str,
        page_size: u32,
        feed_size: usize,
        code: bool,
    }

    fn index(dir: &Path, args: &IndexArgs) -> Result<(), String> {
        use indicatif::{ProgressBar, ProgressStyle};
        if let Some(base) = args.base_url
            && !(base.starts_with("https://") || base.starts_with("http://"))
        {
            return Err(format!(
                "--base-url {base}: must be an absolute http(s) address"
            ));
        }
        let started = std::time::Instant::now();
        // Drawn only on a terminal (indicatif hides itself otherwise).
        let bar = ProgressBar::new(0).with_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} articles read ({eta} left)")
                .expect("a valid template"),
        );
        let options = IndexOptions {
            per_page: args.page_size,
            code: args.code,
            newest: args.feed_size,
            count: &|n| bar.set_length(n as u64),
            progress: &|| bar.inc(1),
        };
        let indexed = index_dir(dir, &options);
        bar.finish_and_clear();
        let indexed = indexed?;
        for (md, json) in &indexed.converted {
            println!("{}: converted to {}", md.display(), json.display());
        }
        for note in &indexed.notes {
            eprintln!("{note}");
        }
        let library = &indexed.library;
        let pages = library.archive.as_ref().map_or(1, |a| a.pages);
        let chunks = library.archive.as_ref().map_or(0, |a| a.search.len());
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        println!(
            "{}: {}, newest first, in {} of {}; a search index in {}",
            dir.join("index.json").display(),
            plural(indexed.total, "article", "articles"),
            plural(pages as usize, "page", "pages"),
            args.page_size,
            plural(chunks, "part", "parts"),
        );
        println!(
            "{} files read, {} known from {}{}; {} files of the index written, {} unchanged, {} removed; {:.2} s",
            indexed.parsed,
            indexed.reused,
            article_viewer::tools::index::cache::CACHE_FILE,
            if indexed.patched {
                ", patched in place"
            } else {
                ""
            },
            indexed.written.written,
            indexed.written.unchanged,
            indexed.written.removed,
            started.elapsed().as_secs_f64(),
        );
        match args.base_url {
            Some(base) => {
                let feed = dir.join("feed.xml");
                let newest = &indexed.newest;
                std::fs::write(&feed, atom_feed(newest, args.title, base, args.viewer))
                    .map_err(|e| format!("{}: cannot write: {e}", feed.display()))?;
                println!(
                    "{}: Atom feed of the {} newest entries",
                    feed.display(),
                    newest.len()
                );
            }
            None => println!(
                "no feed written: a feed needs absolute links; give --base-url, the address {} is published at",
                dir.display()
            ),
        }
        Ok(())
    }
}
