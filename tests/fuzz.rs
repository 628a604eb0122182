//! A mutation fuzzer over parse → validate → view model: seeds from the committed corpus
//! (tests/fuzz/corpus, the fixtures and the hostile corpus) are mutated at random, byte-wise and
//! structurally, for a bounded time (FUZZ_SECONDS, default 3), and every step the viewer runs on
//! an article must return without panicking, and reading it in chunks as it downloads must agree
//! with reading it whole. Deterministic for a given FUZZ_SEED. It is not coverage-guided:
//! cargo-fuzz needs a nightly toolchain, which these machines do not have.
#![cfg(not(target_arch = "wasm32"))]

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use article_viewer::config::ViewerConfig;
use article_viewer::model::{
    IncrementalArticle, SectionPreparer, describe_series, parse_article, parse_article_bytes,
    prepare, prepare_start, slugify, structured_data,
};
use serde_json::Value;

/// xorshift64*: tiny, deterministic, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ":",
    ",",
    "null",
    "true",
    "false",
    "0",
    "-0",
    "1e999",
    "-1e-999",
    "18446744073709551616",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\"\\uDFFF\"",
    "\"type\": \"list\"",
    "\"items\": []",
    "\"anchor\": \"",
    "\"section\": \"",
    "\"series\": [{\"label\": \"a\", \"value\": 1}]",
    "\"heading\": \"",
    "\"id\": \"--\"",
    "\"href\": \"javascript:x\"",
    "\"level\": 3",
    "\"version\": 1",
    "\u{202e}",
    "é",
    "字",
    "🎉",
    "\u{feff}",
    "\\",
    "\\\"",
    "\n",
    "\t",
    "&#58;",
    "\"repeats_text\": true",
];

fn seeds() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in [
        "tests/fuzz/corpus",
        "tests/fixtures/valid",
        "tests/fixtures/invalid",
        "public/articles",
    ] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut seeds: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    let hostile: Value =
        serde_json::from_slice(&std::fs::read(root.join("tests/hostile/corpus.json")).unwrap())
            .unwrap();
    for case in hostile.as_array().unwrap() {
        match (&case["raw"], &case["document"]) {
            (Value::String(raw), _) if raw.len() < 100_000 => seeds.push(raw.clone().into_bytes()),
            (_, document) if !document.is_null() => {
                seeds.push(serde_json::to_vec(document).unwrap())
            }
            _ => {}
        }
    }
    seeds
}

fn mutate_bytes(rng: &mut Rng, input: &mut Vec<u8>, seeds: &[Vec<u8>]) {
    for _ in 0..=rng.below(4) {
        let at = rng.below(input.len() + 1);
        match rng.below(6) {
            0 if !input.is_empty() => {
                let i = rng.below(input.len());
                input[i] ^= 1 << rng.below(8);
            }
            1 => input.insert(at, rng.next() as u8),
            2 if !input.is_empty() => {
                let end = (at + rng.below(16)).min(input.len());
                input.drain(at.min(end)..end);
            }
            3 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                input.splice(at..at, token.iter().copied());
            }
            4 if !input.is_empty() => {
                let start = rng.below(input.len());
                let end = (start + rng.below(64)).min(input.len());
                let copy = input[start..end].to_vec();
                input.splice(at..at, copy);
            }
            _ => {
                let other = &seeds[rng.below(seeds.len())];
                let from = rng.below(other.len() + 1);
                input.truncate(at);
                input.extend_from_slice(&other[from..]);
            }
        }
    }
}

fn random_value(rng: &mut Rng, depth: usize) -> Value {
    match rng.below(if depth > 3 { 5 } else { 7 }) {
        0 => Value::Null,
        1 => Value::Bool(rng.below(2) == 0),
        2 => serde_json::json!((rng.next() as i64) >> rng.below(64)),
        3 => Value::String(TOKENS[rng.below(TOKENS.len())].repeat(1 + rng.below(4))),
        4 => serde_json::json!(f64::from_bits(rng.next()).clamp(-1e300, 1e300)),
        5 => Value::Array(
            (0..rng.below(4))
                .map(|_| random_value(rng, depth + 1))
                .collect(),
        ),
        _ => {
            let keys = [
                "type", "text", "items", "heading", "id", "blocks", "value", "label", "anchor",
                "section", "src", "href",
            ];
            Value::Object(
                (0..rng.below(4))
                    .map(|_| {
                        (
                            keys[rng.below(keys.len())].to_owned(),
                            random_value(rng, depth + 1),
                        )
                    })
                    .collect(),
            )
        }
    }
}

/// Replaces one node somewhere in the tree with a random value.
fn mutate_tree(rng: &mut Rng, value: &mut Value) {
    let mut node = value;
    loop {
        let children = match node {
            Value::Array(items) if !items.is_empty() => items.len(),
            Value::Object(map) if !map.is_empty() => map.len(),
            _ => 0,
        };
        if children == 0 || rng.below(3) == 0 {
            *node = random_value(rng, 0);
            return;
        }
        let pick = rng.below(children);
        node = match node {
            Value::Array(items) => &mut items[pick],
            Value::Object(map) => map.values_mut().nth(pick).unwrap(),
            _ => unreachable!(),
        };
    }
}

/// Reads `bytes` in chunks of `size`, as the viewer reads a download, and checks the outcome
/// against reading them whole: the same article or the same error, or, only for a document
/// that fails, a hand-over to the whole text (which then names line and column, or the shape).
fn assert_chunked_agrees(bytes: &[u8], size: usize) {
    let whole = parse_article_bytes(bytes);
    let mut reader = IncrementalArticle::new();
    for chunk in bytes.chunks(size.max(1)) {
        reader.push(chunk);
    }
    assert_eq!(
        reader.looks_like_markup(),
        bytes.trim_ascii_start().starts_with(b"<")
    );
    match reader.finish() {
        Some(chunked) => assert_eq!(Ok(chunked), whole, "chunks of {size}"),
        None => assert!(
            whole.is_err(),
            "chunks of {size} handed over a valid article to the whole text"
        ),
    }
}

/// Reads `bytes` in chunks of `size` as the viewer reads a long article: an early article from
/// the first `count` sections, prepared; when it can be shown, each later section is taken as
/// soon as it is decoded and prepared on its own, else the early sections are given back.
/// Whenever the reader says the document only added sections to a start shown (and maybe key
/// figures and a copyright line after them) and ended well, the pieces must make up the whole
/// article's preparation; otherwise what it finishes with (or the whole text, when it gave up)
/// must be the whole article.
fn assert_streamed_agrees(bytes: &[u8], size: usize, count: usize) {
    let mut reader = IncrementalArticle::new();
    let mut tried = false;
    let mut streamed = None;
    let mut ids = Vec::new();
    let mut sections = Vec::new();
    let mut take = |reader: &mut IncrementalArticle,
                    streamed: &mut Option<(_, SectionPreparer)>| {
        if let Some((_, preparer)) = streamed {
            for mut section in reader.take_sections() {
                ids.push(preparer.add(&mut section));
                sections.push(section);
            }
        }
    };
    for chunk in bytes.chunks(size.max(1)) {
        reader.push(chunk);
        take(&mut reader, &mut streamed);
        // The viewer tries once.
        if tried || streamed.is_some() || reader.sections_read() < count {
            continue;
        }
        tried = true;
        if let Some(early) = reader.early(count) {
            let (mut early, preparer) = prepare_start(early);
            if early.can_show_early() {
                streamed = Some((early, preparer));
            } else {
                reader.put_back(std::mem::take(&mut early.article.sections));
            }
        }
    }
    take(&mut reader, &mut streamed);
    let whole = parse_article_bytes(bytes).map(prepare);
    let Some((mut early, preparer)) = streamed else {
        let finished = reader
            .finish()
            .map_or_else(|| parse_article_bytes(bytes), Ok);
        assert_eq!(finished.map(prepare), whole, "chunks of {size}");
        return;
    };
    let Some(late) = reader.late_fields() else {
        return;
    };
    let whole = whole.expect("a document that ended well is valid");
    early.section_ids.extend(ids);
    early.article.sections.extend(sections);
    assert_eq!(early.section_ids, whole.section_ids, "chunks of {size}");
    assert_eq!(preparer.reading_minutes(), whole.reading_minutes);
    if late.copyright.is_some() {
        early.article.copyright = late.copyright;
    }
    if late.key_figures.is_empty() {
        assert_eq!(early.article, whole.article, "chunks of {size}");
        assert_eq!(early.figure_targets, whole.figure_targets);
        assert_eq!(early.figure_anchors, whole.figure_anchors);
        assert_eq!(preparer.into_problems(), whole.problems, "chunks of {size}");
        return;
    }
    // Key figures after the sections: they lead where the whole article's do; their anchors
    // are not marked any more (a problem says so), so the problems differ there.
    let mut preparer = preparer;
    let targets = preparer.place_late_figures(&late.key_figures);
    early.article.key_figures = late.key_figures;
    assert_eq!(early.article, whole.article, "chunks of {size}");
    let sections: Vec<Option<usize>> = targets.iter().map(|t| t.as_ref().map(|t| t.0)).collect();
    assert_eq!(sections, whole.figure_targets, "chunks of {size}");
}

#[test]
fn reading_in_chunks_agrees_with_reading_whole_on_every_seed() {
    for seed in seeds() {
        for size in [1, 2, 3, 5, 17, 64, 4096, seed.len()] {
            assert_chunked_agrees(&seed, size);
            for count in [1, 2, 3] {
                assert_streamed_agrees(&seed, size, count);
            }
        }
    }
}

/// Everything the viewer derives from an article, short of touching the DOM.
fn exercise(bytes: &[u8]) {
    // A chunk size that varies with the input, from one byte up.
    assert_chunked_agrees(bytes, 1 + bytes.len() % 61);
    assert_streamed_agrees(bytes, 1 + bytes.len() % 61, 1 + bytes.len() % 3);
    let Ok(article) = parse_article_bytes(bytes) else {
        return;
    };
    let mut prepared = prepare(article);
    let marks = prepared.marks();
    for placed in &marks {
        assert!(placed.mark.start < placed.mark.end);
    }
    for (i, figure) in prepared.article.key_figures.iter().enumerate() {
        let _ = describe_series(&figure.series, figure.unit.as_deref(), &figure.label);
        let _ = slugify(&figure.label);
        assert!(prepared.figure_targets[i].is_none_or(|s| s < prepared.article.sections.len()));
    }
    let _ = structured_data(&prepared.article, Some("https://viewer.example/"));
    prepared.resolve_urls(&|u| format!("https://base.example/{u}"));
    let mut ids = prepared.section_ids.clone();
    ids.sort();
    ids.dedup();
    assert_eq!(
        ids.len(),
        prepared.section_ids.len(),
        "section ids are unique"
    );
    if let Ok(text) = std::str::from_utf8(bytes) {
        let _ = ViewerConfig::parse(text);
        let _ = parse_article(text);
    }
}

#[test]
fn fuzz_parse_prepare_view_model() {
    let seconds: u64 = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let seed: u64 = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_1234_abcd_ef01);
    let seeds = seeds();
    let mut rng = Rng(seed);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut executions: u64 = 0;
    // Quiet the default hook: a caught panic is reported below, with the input that caused it.
    std::panic::set_hook(Box::new(|_| {}));
    while Instant::now() < deadline {
        for _ in 0..64 {
            let mut input = seeds[rng.below(seeds.len())].clone();
            if rng.below(3) == 0 {
                if let Ok(mut tree) = serde_json::from_slice::<Value>(&input) {
                    for _ in 0..=rng.below(3) {
                        mutate_tree(&mut rng, &mut tree);
                    }
                    input = serde_json::to_vec(&tree).unwrap();
                }
            } else {
                mutate_bytes(&mut rng, &mut input, &seeds);
            }
            if catch_unwind(AssertUnwindSafe(|| exercise(&input))).is_err() {
                let _ = std::panic::take_hook();
                let crash = Path::new(env!("CARGO_TARGET_TMPDIR"))
                    .join(format!("fuzz-crash-{executions}.json"));
                std::fs::write(&crash, &input).unwrap();
                panic!(
                    "panic after {executions} executions; input saved to {}",
                    crash.display()
                );
            }
            executions += 1;
        }
    }
    let _ = std::panic::take_hook();
    println!(
        "fuzz: {executions} executions in {seconds} s from {} seeds, 0 panics (seed {seed:#x})",
        seeds.len()
    );
}

/// Pieces a blog post is made of, spliced into the Markdown seeds.
const MARKDOWN_TOKENS: &[&str] = &[
    "\n---\n",
    "\n+++\n",
    "{",
    "}",
    "[^1]",
    "\n[^1]: ",
    "<details>\n<summary>S</summary>\n",
    "</details>",
    "<table><tr><td>",
    "</td></tr></table>",
    "<p>",
    "</p>",
    "<img src=x>",
    "<script>",
    "</script>",
    "{% raw %}",
    "{{< x >}}",
    "{{ y }}",
    "{% highlight rust %}",
    "{% endhighlight %}",
    "{: .c}",
    "\n```\n",
    "`",
    "~~",
    "**",
    "_",
    "\n# ",
    "\n## ",
    "\n###### ",
    "\n- ",
    "\n1. ",
    "\n> ",
    "\n    ",
    "![a](b)",
    "[l](javascript:x)",
    "<sup>",
    "</sub>",
    "\n| a |\n| - |\n",
    "- [x] ",
    "\u{feff}",
    "\u{202e}",
    "<!--",
    "-->",
    "\n\n",
    "&amp;",
    "<br>",
];

/// Mutates Markdown text: splices tokens and pieces of other seeds, cuts and repeats.
fn mutate_markdown(rng: &mut Rng, input: &mut String, seeds: &[String]) {
    let at = |rng: &mut Rng, s: &String| {
        let mut i = rng.below(s.len() + 1);
        while !s.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    for _ in 0..=rng.below(4) {
        match rng.below(4) {
            0 => {
                let i = at(rng, input);
                input.insert_str(i, MARKDOWN_TOKENS[rng.below(MARKDOWN_TOKENS.len())]);
            }
            1 => {
                let other = &seeds[rng.below(seeds.len())];
                let (a, b) = (at(rng, other), at(rng, other));
                let piece = other[a.min(b)..a.max(b)]
                    .chars()
                    .take(400)
                    .collect::<String>();
                let i = at(rng, input);
                input.insert_str(i, &piece);
            }
            2 => {
                let (a, b) = (at(rng, input), at(rng, input));
                let (start, mut end) = (a.min(b), a.max(b).min(a.min(b) + 200));
                while !input.is_char_boundary(end) {
                    end -= 1;
                }
                input.replace_range(start..end, "");
            }
            _ => {
                let i = at(rng, input);
                input.truncate(i);
            }
        }
    }
}

/// `from-markdown` and `import` read whatever a blog holds: mutated real posts never panic or
/// hang, and what they convert the viewer reads.
#[test]
fn fuzz_markdown_import() {
    let seconds: u64 = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(2, |s: u64| (s / 3).max(1));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seeds = Vec::new();
    let mut stack = vec![
        root.join("tests/fixtures/blogs"),
        root.join("tests/fixtures/markdown"),
    ];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e == "md" || e == "markdown")
            {
                seeds.push(std::fs::read_to_string(path).unwrap());
            }
        }
    }
    seeds.sort();
    let (done, finished) = std::sync::mpsc::channel();
    let worker = std::thread::spawn(move || {
        let mut rng = Rng(0x0b10_9ba5_e5ee_d001);
        let deadline = Instant::now() + Duration::from_secs(seconds);
        let mut executions = 0u64;
        while Instant::now() < deadline {
            let mut input = seeds[rng.below(seeds.len())].clone();
            mutate_markdown(&mut rng, &mut input, &seeds);
            let converted = catch_unwind(AssertUnwindSafe(|| {
                article_viewer::tools::read_markdown(&input, Default::default())
            }));
            match converted {
                Err(_) => {
                    let crash = Path::new(env!("CARGO_TARGET_TMPDIR"))
                        .join(format!("markdown-crash-{executions}.md"));
                    std::fs::write(&crash, &input).unwrap();
                    panic!("panic on {}", crash.display());
                }
                Ok(Ok(converted)) => {
                    let json = serde_json::to_string(&converted.article).unwrap();
                    if let Ok(article) = parse_article(&json) {
                        prepare(article);
                    }
                }
                Ok(Err(_)) => {}
            }
            executions += 1;
        }
        let _ = done.send(executions);
    });
    match finished.recv_timeout(Duration::from_secs(seconds + 60)) {
        Ok(executions) => {
            println!("markdown fuzz: {executions} executions in {seconds} s, 0 panics")
        }
        Err(_) => {
            assert!(
                !worker.is_finished() || worker.join().is_ok(),
                "the fuzzer panicked"
            );
            panic!("a conversion did not end within 60 s");
        }
    }
}
