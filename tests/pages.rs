//! `article pages` natively: every fixture and every case of the hostile corpus pre-rendered by
//! the viewer's own components, its text escaped, nothing in it that could run, the head a
//! crawler reads, and the viewer's build linked relatively with the CSP unchanged but for the
//! module loader's hash. (In a browser: tests/e2e/prerendered.test.mjs.)
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

mod common;

use article_viewer::model::{parse_article_bytes, prepare};
use article_viewer::tools::{PageHead, ViewerShell, render_page};
use base64::Engine;
use common::article;
use sha2::{Digest, Sha256};

/// The inline module loader Trunk writes, as a minified build has it.
const LOADER: &str = "import init, * as bindings from './written_viewer-0123456789abcdef.js';\nconst wasm = await init({ module_or_path: './written_viewer-0123456789abcdef_bg.wasm' });\nwindow.wasmBindings = bindings;";

fn hash(script: &str) -> String {
    let digest = Sha256::digest(script.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// A folder laid out like the viewer's release build (its `written.html`, the head of the pages), with
/// `articles/` inside it.
fn fake_build(name: &str) -> PathBuf {
    let dist = std::env::temp_dir().join(format!("article-pages-{name}-{}", std::process::id()));
    _ = std::fs::remove_dir_all(&dist);
    std::fs::create_dir_all(dist.join("articles")).unwrap();
    let csp = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {}; style-src 'self'; object-src 'none'",
        hash(LOADER)
    );
    let index = format!(
        "<!doctype html><html dir=ltr lang=en><meta charset=utf-8><meta content=\"{csp}\" http-equiv=Content-Security-Policy><title>Article</title><script type=module>{LOADER}</script><link href=./written_viewer-0123456789abcdef.js rel=modulepreload><script src=./boot.js></script><link href=./main-0123.css rel=stylesheet></head><body><div class=viewer id=viewer><p>Loading</p></div></body></html>"
    );
    std::fs::write(dist.join("written.html"), index).unwrap();
    dist
}

fn page_of(bytes: &[u8], shell: &ViewerShell, url: Option<&str>) -> String {
    let prepared = prepare(parse_article_bytes(bytes).expect("an article"));
    let head = PageHead {
        url: url.map(str::to_owned),
        json_name: "a.json".into(),
        oembed: url.map(|u| u.replace(".html", ".oembed.json")),
        picture: None,
    };
    render_page(prepared, shell, &head)
}

/// `article pages` on the folder `articles` with the build `dist`, as published at
/// `https://news.example/viewer/articles/`: (exit code, stdout, stderr).
fn pages_published(articles: &Path, dist: &Path) -> (i32, String, String) {
    article(&[
        "pages",
        articles.to_str().unwrap(),
        "--viewer",
        dist.to_str().unwrap(),
        "--base-url",
        "https://news.example/viewer/articles/",
    ])
}

/// The `<body>` of a page.
fn body(page: &str) -> &str {
    &page[page.find("<body>").unwrap()..]
}

/// Checks that nothing in a page's body can run or load from an unsafe address.
fn assert_inert(page: &str, what: &str) {
    let body = body(page).to_ascii_lowercase();
    assert!(!body.contains("<script"), "{what}: a script in the body");
    assert!(!body.contains("<iframe"), "{what}: an iframe");
    assert!(!body.contains("<object"), "{what}: an object");
    // No event handler attribute in any tag, and only safe addresses.
    for (tag, attributes) in attributes(&body) {
        for (name, value) in attributes {
            assert!(
                !name.starts_with("on"),
                "{what}: handler attribute {name} in <{tag}>"
            );
            if ["href", "src", "action", "formaction", "xlink:href"].contains(&name.as_str()) {
                let value = value.trim_start();
                assert!(
                    value.starts_with("https:")
                        || value.starts_with("http:")
                        || value.starts_with("mailto:")
                        || value.starts_with('#')
                        || !value.contains(':'),
                    "{what}: {name}={value} in <{tag}>"
                );
            }
        }
    }
    // The head holds the loader, boot.js and the JSON-LD, nothing else that runs, and a page
    // not in English the interface's words, as data.
    let head = &page[..page.find("<body>").unwrap()];
    let texts = head
        .matches("<script type=\"application/json\" id=\"viewer-texts\">")
        .count();
    assert_eq!(head.matches("<script").count() - texts, 3, "{what}: {head}");
    if let Some(texts) = head.split("id=\"viewer-texts\">").nth(1) {
        let texts = &texts[..texts.find("</script>").unwrap()];
        assert!(
            !texts.contains('<'),
            "{what}: markup in the interface's words"
        );
        serde_json::from_str::<serde_json::Value>(texts).expect("the interface's words parse");
    }
    let json_ld = head.split("application/ld+json").nth(1).unwrap();
    let json_ld = &json_ld[json_ld.find('>').unwrap() + 1..json_ld.find("</script>").unwrap()];
    assert!(!json_ld.contains('<'), "{what}: markup in the JSON-LD");
    serde_json::from_str::<serde_json::Value>(json_ld).expect("the JSON-LD parses");
}

/// Each tag's name and attributes (lower-cased), read as a browser tokenizes them: quoted values
/// are read whole, so a quote inside one (escaped as `&quot;`) cannot start an attribute.
fn attributes(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut tags = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(start) = html[i..].find('<').map(|s| s + i) {
        i = start + 1;
        let name_end = html[i..]
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .map_or(html.len(), |e| e + i);
        let tag = html[i..name_end].to_owned();
        i = name_end;
        let mut names = Vec::new();
        while i < bytes.len() && bytes[i] != b'>' {
            if bytes[i].is_ascii_whitespace() || bytes[i] == b'/' {
                i += 1;
                continue;
            }
            let end = html[i..]
                .find(|c: char| c.is_whitespace() || c == '=' || c == '>')
                .map_or(html.len(), |e| e + i);
            let name = html[i..end].to_owned();
            let mut value = String::new();
            i = end;
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                if bytes[i] == b'"' || bytes[i] == b'\'' {
                    let quote = bytes[i] as char;
                    let close = html[i + 1..].find(quote).map_or(html.len(), |e| e + i + 1);
                    value = html[i + 1..close].to_owned();
                    i = close + 1;
                } else {
                    let close = html[i..]
                        .find(|c: char| c.is_whitespace() || c == '>')
                        .map_or(html.len(), |e| e + i);
                    value = html[i..close].to_owned();
                    i = close;
                }
            }
            names.push((name, value));
        }
        tags.push((tag, names));
    }
    tags
}

#[test]
fn the_build_is_linked_relatively_and_the_csp_names_the_loader_as_it_now_is() {
    let dist = fake_build("shell");
    let shell = ViewerShell::read(&dist, &dist.join("articles")).unwrap();
    let page = page_of(
        &std::fs::read("public/articles/sample.json").unwrap(),
        &shell,
        None,
    );
    let moved = LOADER.replace("'./", "'../").replace(
        "const wasm",
        "await new Promise((go) => { const paint = PerformanceObserver.supportedEntryTypes.includes('largest-contentful-paint') ? 'largest-contentful-paint' : 'paint'; new PerformanceObserver(() => setTimeout(go)).observe({ type: paint, buffered: true }); setTimeout(go, 1000); });\nconst wasm",
    );
    assert!(page.contains(&format!("<script type=module>{moved}</script>")));
    assert!(page.contains(&hash(&moved)), "the CSP has the new hash");
    assert!(!page.contains(&hash(LOADER)), "and not the old one");
    assert!(
        page.contains("script-src 'self' 'wasm-unsafe-eval'") && page.contains("object-src 'none'")
    );
    assert!(
        !page.contains("modulepreload"),
        "no preload competes with the first paint"
    );
    assert!(page.contains("src=../boot.js") && page.contains("href=../main-0123.css"));
    assert!(
        !page.contains("<title>Article</title>"),
        "the build's own title is replaced"
    );
    assert!(
        page.starts_with("<!doctype html>\n<html lang=\"en\" dir=\"ltr\" data-page=\"article\">")
    );
    // A folder beside the build.
    let beside = dist.with_extension("beside");
    std::fs::create_dir_all(&beside).unwrap();
    let shell = ViewerShell::read(&dist, &beside).unwrap();
    let page = page_of(
        br#"{"version":1,"title":"T","sections":[{"blocks":[]}]}"#,
        &shell,
        None,
    );
    let name = dist.file_name().unwrap().to_string_lossy();
    assert!(page.contains(&format!("src=../{name}/boot.js")), "{page}");
}

#[test]
fn the_head_names_the_article_for_crawlers_and_previews() {
    let dist = fake_build("head");
    let shell = ViewerShell::read(&dist, &dist.join("articles")).unwrap();
    let page = page_of(
        &std::fs::read("tests/fixtures/valid/every-block.json").unwrap(),
        &shell,
        Some("https://news.example/a/every-block.html"),
    );
    for expected in [
        "<title>Every block type in one article</title>",
        r#"<link rel="canonical" href="https://news.example/a/every-block.html">"#,
        r#"<link rel="alternate" type="application/json" href="a.json">"#,
        r#"<meta content="article" property="og:type">"#,
        r#"<meta content="https://news.example/a/every-block.html" property="og:url">"#,
        r#"<meta content="https://news.example/a/pixel.svg" property="og:image">"#,
        r#"<meta content="en_GB" property="og:locale">"#,
        r#"<meta content="2025-12-05" property="article:published_time">"#,
        r#"<meta content="2025-12-06T09:30:00Z" property="article:modified_time">"#,
        r#"<meta content="Ada Example" property="article:author">"#,
        r#"<meta name="twitter:card" content="summary_large_image">"#,
        r#"<meta name="description" content="A fixture that exercises each part of format version 1.">"#,
    ] {
        assert!(page.contains(expected), "missing {expected}");
    }
    assert_inert(&page, "every-block");
}

#[test]
fn without_an_address_there_is_no_canonical_and_no_relative_preview_image() {
    let dist = fake_build("no-url");
    let shell = ViewerShell::read(&dist, &dist.join("articles")).unwrap();
    let page = page_of(
        &std::fs::read("tests/fixtures/valid/every-block.json").unwrap(),
        &shell,
        None,
    );
    assert!(!page.contains("canonical") && !page.contains("og:url") && !page.contains("og:image"));
}

#[test]
fn every_fixture_renders_every_section_open_and_inert() {
    let dist = fake_build("fixtures");
    let shell = ViewerShell::read(&dist, &dist.join("articles")).unwrap();
    for entry in std::fs::read_dir("tests/fixtures/valid").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let prepared = prepare(parse_article_bytes(&bytes).unwrap());
        let sections = prepared.article.sections.len();
        let collapsed = prepared
            .article
            .sections
            .iter()
            .filter(|s| s.collapsed)
            .count();
        let page = page_of(&bytes, &shell, None);
        let what = path.display().to_string();
        assert_inert(&page, &what);
        let body = body(&page);
        assert_eq!(
            body.matches("class=\"section section-lead\"").count()
                + body.matches("<section ").count(),
            sections,
            "{what}: every section"
        );
        assert_eq!(
            body.matches("class=\"section is-open\"").count(),
            body.matches("<section ").count(),
            "{what}: every section open"
        );
        assert_eq!(body.matches(" data-collapsed").count(), collapsed, "{what}");
        assert!(!body.contains(" hidden="), "{what}: nothing hidden");
        assert!(
            !body.contains("<button class=\"section-toggle\""),
            "{what}: no toggle button yet"
        );
        assert!(
            !body.contains("<!>") && !body.contains("<!--"),
            "{what}: no hydration markers"
        );
        assert!(body.contains("class=\"viewer is-prerendered\""));
    }
}

#[test]
fn every_case_of_the_hostile_corpus_is_refused_or_rendered_inert() {
    let corpus: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string("tests/hostile/corpus.json").unwrap())
            .unwrap();
    let dist = fake_build("hostile");
    let shell = ViewerShell::read(&dist, &dist.join("articles")).unwrap();
    let mut rendered = 0;
    for case in &corpus {
        if case["oversize"].as_bool() == Some(true) {
            continue;
        }
        let bytes = match case["raw"].as_str() {
            Some(raw) => raw.as_bytes().to_vec(),
            None => serde_json::to_vec(&case["document"]).unwrap(),
        };
        let name = case["name"].as_str().unwrap();
        let Ok(article) = parse_article_bytes(&bytes) else {
            assert!(case["expect"]["error"].is_string(), "{name} should render");
            continue;
        };
        let head = PageHead {
            url: Some("https://news.example/a/x.html".into()),
            json_name: "x.json".into(),
            oembed: Some("https://news.example/a/x.oembed.json".into()),
            picture: None,
        };
        let page = render_page(prepare(article), &shell, &head);
        assert_inert(&page, name);
        for text in case["expect"]["text"].as_array().into_iter().flatten() {
            let text = text.as_str().unwrap();
            let escaped = text
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            assert!(body(&page).contains(&escaped), "{name}: {escaped} as text");
        }
        rendered += 1;
    }
    assert!(rendered > 40, "{rendered} cases rendered");
}

#[test]
fn article_pages_writes_a_page_beside_every_article_json_or_markdown() {
    let dist = fake_build("cli");
    let articles = dist.join("articles");
    let copy = |from: &str, to: &str| std::fs::copy(from, articles.join(to)).unwrap();
    copy("public/articles/sample.json", "sample.json");
    copy("tests/fixtures/markdown/harbour.md", "harbour.md");
    copy("tests/fixtures/invalid/no-sections.json", "broken.json");
    let path = |p: &Path| p.to_str().unwrap().to_owned();
    let (code, out, err) = article(&["pages", &path(&articles), "--viewer", &path(&dist)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("2 pages in "), "{out}");
    assert!(
        err.contains("broken.json: ") && err.contains("(left out)"),
        "{err}"
    );
    assert!(err.contains("no --base-url"), "{err}");
    assert!(articles.join("sample.html").is_file());
    assert!(
        articles.join("harbour.json").is_file(),
        "Markdown converted first"
    );
    let harbour = std::fs::read_to_string(articles.join("harbour.html")).unwrap();
    assert!(harbour.contains("A year at the harbour"));
    let (code, _, err) = pages_published(&articles, &dist);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("no --base-url"));
    let sample = std::fs::read_to_string(articles.join("sample.html")).unwrap();
    assert!(sample.contains(
        r#"<link rel="canonical" href="https://news.example/viewer/articles/sample.html">"#
    ));
    // Each article's embed page, and with the public address its oEmbed answer, named by the
    // written page; never read as an article by the next run.
    let embed = std::fs::read_to_string(articles.join("embed/sample.html")).unwrap();
    assert!(embed.contains(r#"data-page="embed""#), "{embed}");
    assert!(embed.contains(r#"<script src="../../embed-frame.js"></script>"#));
    assert!(
        !embed.contains("contents-list"),
        "no contents list in an embed"
    );
    let answer = std::fs::read_to_string(articles.join("sample.oembed.json")).unwrap();
    let answer: serde_json::Value = serde_json::from_str(&answer).unwrap();
    assert_eq!(answer["type"], "rich");
    assert_eq!(answer["version"], "1.0");
    assert!(sample.contains(
        r#"<link rel="alternate" type="application/json+oembed" href="https://news.example/viewer/articles/sample.oembed.json""#
    ));
    let (code, out, err) = article(&["pages", &path(&articles), "--viewer", &path(&dist)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("2 pages in "), "{out}");
    let (code, _, err) = article(&["pages", &path(&articles), "--viewer", "/nonexistent"]);
    assert_eq!(code, 1);
    assert!(err.contains("cannot read the viewer's build"), "{err}");
}

#[test]
fn a_preview_picture_in_the_folder_gives_oembed_its_thumbnail_and_open_graph_its_size() {
    let dist = fake_build("pictures");
    let articles = dist.join("articles");
    let pictures = Path::new("tests/fixtures/pictures");
    std::fs::create_dir_all(articles.join("img")).unwrap();
    std::fs::copy(
        pictures.join("one_schema_per_shard.png"),
        articles.join("img/one schema.png"),
    )
    .unwrap();
    std::fs::copy(
        pictures.join("gift-bowl-thumbnail.jpg"),
        articles.join("bowl.jpg"),
    )
    .unwrap();
    let sample: serde_json::Value =
        serde_json::from_slice(&std::fs::read("public/articles/sample.json").unwrap()).unwrap();
    let write = |name: &str, image: Option<&str>, first_block_image: Option<&str>| {
        let mut article = sample.clone();
        match image {
            Some(src) => article["image"] = src.into(),
            None => _ = article.as_object_mut().unwrap().remove("image"),
        }
        if let Some(src) = first_block_image {
            let blocks = article["sections"][0]["blocks"].as_array_mut().unwrap();
            blocks.insert(
                0,
                serde_json::json!({ "type": "image", "src": src, "alt": "A bowl" }),
            );
        }
        std::fs::write(articles.join(name), article.to_string()).unwrap();
    };
    // The chosen picture beside the article, its name percent-encoded; the first picture in the
    // text, absolute under the folder's public address; another site's picture.
    write("chosen.json", Some("img/one%20schema.png"), None);
    write(
        "in-text.json",
        None,
        Some("https://news.example/viewer/articles/bowl.jpg"),
    );
    write("elsewhere.json", Some("https://cdn.example/x.png"), None);
    let (code, _, err) = pages_published(&articles, &dist);
    assert_eq!(code, 0, "{err}");
    let answer = |stem: &str| -> serde_json::Value {
        let text = std::fs::read_to_string(articles.join(format!("{stem}.oembed.json"))).unwrap();
        serde_json::from_str(&text).unwrap()
    };
    let page = |stem: &str| std::fs::read_to_string(articles.join(format!("{stem}.html"))).unwrap();

    let chosen = answer("chosen");
    assert_eq!(
        chosen["thumbnail_url"],
        "https://news.example/viewer/articles/img/one%20schema.png"
    );
    assert_eq!(chosen["thumbnail_width"], 681);
    assert_eq!(chosen["thumbnail_height"], 426);
    let head = page("chosen");
    assert!(
        head.contains(r#"<meta content="681" property="og:image:width">"#)
            && head.contains(r#"<meta content="426" property="og:image:height">"#),
        "{head}"
    );

    let in_text = answer("in-text");
    assert_eq!(
        in_text["thumbnail_url"],
        "https://news.example/viewer/articles/bowl.jpg"
    );
    assert_eq!(
        (&in_text["thumbnail_width"], &in_text["thumbnail_height"]),
        (&300.into(), &300.into())
    );

    // oEmbed wants the three together: another site's picture is named by the page, unsized,
    // and is no thumbnail.
    let elsewhere = answer("elsewhere");
    for field in ["thumbnail_url", "thumbnail_width", "thumbnail_height"] {
        assert!(elsewhere.get(field).is_none(), "{field}: {elsewhere}");
    }
    let head = page("elsewhere");
    assert!(head.contains(r#"<meta content="https://cdn.example/x.png" property="og:image">"#));
    assert!(!head.contains("og:image:width"));
}
