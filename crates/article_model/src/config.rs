//! The publisher's configuration, shipped beside the build as `viewer-config.json`: which other
//! origins articles may come from, how long to wait for one, and what the page shows when its
//! address names nothing. Pure Rust, tested natively.

use serde::Deserialize;
use thiserror::Error;

/// File name of the configuration, relative to the viewer page.
pub const CONFIG_FILE: &str = "viewer-config.json";

/// How long to wait for an article unless the configuration says otherwise.
pub const DEFAULT_TIMEOUT_MS: u32 = 20_000;

/// Where articles may be loaded from, and the download time limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewerConfig {
    /// Origins besides the viewer's own, e.g. `https://cdn.example.org`, normalised.
    pub allowed_origins: Vec<String>,
    /// `"*"` in the list: any origin (the publisher takes responsibility).
    pub allow_any_origin: bool,
    /// Time limit for one article download, in milliseconds.
    pub timeout_ms: u32,
    /// What the page shows without `?article=` or `?index=`.
    pub home: Home,
    /// Whether `boot.js` registers the offline worker (`"offline": false` turns it off and
    /// removes it from readers' browsers). Read by `boot.js` itself; kept here so the file's
    /// every field is checked in one place.
    pub offline: bool,
}

/// The page shown when the address names nothing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Home {
    /// The bundled sample article.
    #[default]
    Sample,
    /// The article at this address (relative to the page, or absolute).
    Article(String),
    /// The library (`index.json`) at this address.
    Library(String),
}

impl Default for ViewerConfig {
    fn default() -> Self {
        ViewerConfig {
            allowed_origins: Vec::new(),
            allow_any_origin: false,
            timeout_ms: DEFAULT_TIMEOUT_MS,
            home: Home::Sample,
            offline: true,
        }
    }
}

/// The file as written.
#[derive(Deserialize)]
#[serde(expecting = "an object")]
struct RawConfig {
    allowed_origins: Option<Vec<String>>,
    timeout_seconds: Option<f64>,
    home: Option<RawHome>,
    offline: Option<bool>,
}

/// `"home": {"index": "articles/index.json"}` or `{"article": "articles/a.json"}`.
#[derive(Deserialize)]
#[serde(expecting = "an object")]
struct RawHome {
    index: Option<String>,
    article: Option<String>,
}

/// A wrong field, in a publisher's words: which field, and what it must be.
fn data_error(message: &str, line: usize, column: usize) -> String {
    let what = if message.contains("expected an object") {
        "expected an object".to_owned()
    } else if message.contains("expected a sequence") {
        "allowed_origins must be an array".to_owned()
    } else if message.contains("expected a string") {
        "allowed_origins must be a list of strings".to_owned()
    } else if message.contains("expected a boolean") {
        "offline must be true or false".to_owned()
    } else if message.contains("expected f64") {
        "timeout_seconds must be a number".to_owned()
    } else {
        message.to_owned()
    };
    format!("{what} (line {line}, column {column})")
}

/// A configuration file the viewer cannot use.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("viewer-config.json: {0}")]
pub struct ConfigError(pub String);

impl ViewerConfig {
    /// Reads the JSON configuration; unknown fields are ignored, `null` counts as absent.
    pub fn parse(text: &str) -> Result<Self, ConfigError> {
        let raw: RawConfig =
            serde_json::from_slice(text.as_bytes()).map_err(|e| match e.classify() {
                serde_json::error::Category::Data => {
                    ConfigError(data_error(&e.to_string(), e.line(), e.column()))
                }
                _ => ConfigError(format!(
                    "not valid JSON ({} at line {}, column {})",
                    crate::json_message(&e),
                    e.line(),
                    e.column()
                )),
            })?;
        let mut config = ViewerConfig::default();
        for (i, origin) in raw
            .allowed_origins
            .unwrap_or_default()
            .into_iter()
            .enumerate()
        {
            if origin == "*" {
                config.allow_any_origin = true;
                continue;
            }
            let normalised = normalise_origin(&origin).ok_or_else(|| {
                ConfigError(format!(
                    "allowed_origins[{i}] \"{origin}\" is not an origin such as https://cdn.example.org"
                ))
            })?;
            config.allowed_origins.push(normalised);
        }
        if let Some(seconds) = raw.timeout_seconds {
            if !(0.1..=300.0).contains(&seconds) {
                return Err(ConfigError(
                    "timeout_seconds must be between 0.1 and 300".into(),
                ));
            }
            config.timeout_ms = (seconds * 1000.0).round() as u32;
        }
        config.offline = raw.offline.unwrap_or(true);
        if let Some(home) = raw.home {
            let given = |text: Option<String>| text.filter(|t| !t.trim().is_empty());
            config.home = match (given(home.index), given(home.article)) {
                (Some(index), None) => Home::Library(index),
                (None, Some(article)) => Home::Article(article),
                _ => {
                    return Err(ConfigError(
                        "home must name one page: {\"index\": \"…\"} or {\"article\": \"…\"}"
                            .into(),
                    ));
                }
            };
        }
        Ok(config)
    }

    /// Whether an article at `origin` may be loaded by a viewer served from `page_origin`.
    pub fn allows(&self, origin: &str, page_origin: &str) -> bool {
        self.allow_any_origin
            || origin == page_origin
            || self.allowed_origins.iter().any(|allowed| allowed == origin)
    }
}

/// `HTTPS://CDN.Example.org:443/` → `https://cdn.example.org`; `None` if it is not an origin.
fn normalise_origin(text: &str) -> Option<String> {
    let text = text.trim().trim_end_matches('/');
    let (scheme, rest) = text.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if !matches!(scheme.as_str(), "http" | "https")
        || rest.is_empty()
        || rest.contains(['/', '?', '#', '@'])
    {
        return None;
    }
    let host = rest.to_ascii_lowercase();
    let host = match (scheme.as_str(), host.rsplit_once(':')) {
        ("https", Some((name, "443"))) | ("http", Some((name, "80"))) => name.to_owned(),
        _ => host,
    };
    Some(format!("{scheme}://{host}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn home_names_a_library_or_an_article() {
        assert_eq!(ViewerConfig::parse("{}").unwrap().home, Home::Sample);
        let config = ViewerConfig::parse(r#"{"home": {"index": "articles/index.json"}}"#);
        assert_eq!(
            config.unwrap().home,
            Home::Library("articles/index.json".into())
        );
        let config =
            ViewerConfig::parse(r#"{"home": {"article": "a.json"}, "timeout_seconds": 5}"#);
        assert_eq!(config.unwrap().home, Home::Article("a.json".into()));
        for wrong in [
            r#"{"home": {}}"#,
            r#"{"home": {"index": "a", "article": "b"}}"#,
        ] {
            let error = ViewerConfig::parse(wrong).unwrap_err().to_string();
            assert!(error.contains("home must name one page"), "{error}");
        }
        assert!(ViewerConfig::parse(r#"{"home": "index"}"#).is_err());
    }

    #[test]
    fn defaults_allow_only_the_viewers_own_origin() {
        let config = ViewerConfig::default();
        assert!(config.allows("https://viewer.example", "https://viewer.example"));
        assert!(!config.allows("https://evil.example", "https://viewer.example"));
        assert!(!config.allows("null", "https://viewer.example"));
        assert_eq!(config.timeout_ms, DEFAULT_TIMEOUT_MS);
    }

    #[test]
    fn listed_origins_are_normalised_and_allowed() {
        let config = ViewerConfig::parse(
            r#"{"allowed_origins": ["HTTPS://CDN.Example.org:443/", "http://127.0.0.1:8081"], "timeout_seconds": 2.5, "other": 1}"#,
        )
        .unwrap();
        assert_eq!(
            config.allowed_origins,
            ["https://cdn.example.org", "http://127.0.0.1:8081"]
        );
        assert!(config.allows("https://cdn.example.org", "https://viewer.example"));
        assert!(!config.allows("http://cdn.example.org", "https://viewer.example"));
        assert_eq!(config.timeout_ms, 2500);
    }

    #[test]
    fn the_offline_worker_is_on_unless_turned_off() {
        assert!(ViewerConfig::parse("{}").unwrap().offline);
        assert!(
            !ViewerConfig::parse(r#"{"offline": false}"#)
                .unwrap()
                .offline
        );
        let error = ViewerConfig::parse(r#"{"offline": "no"}"#).unwrap_err();
        assert!(
            error.to_string().contains("offline must be true or false"),
            "{error}"
        );
    }

    #[test]
    fn a_star_allows_any_origin() {
        let config = ViewerConfig::parse(r#"{"allowed_origins": ["*"]}"#).unwrap();
        assert!(config.allows("null", "https://viewer.example"));
    }

    #[test]
    fn bad_configurations_say_what_is_wrong() {
        for (text, needle) in [
            ("[", "not valid JSON"),
            ("[]", "expected an object"),
            (
                r#"{"allowed_origins": "https://a.example"}"#,
                "must be an array",
            ),
            (
                r#"{"allowed_origins": ["https://a.example/path"]}"#,
                "allowed_origins[0]",
            ),
            (
                r#"{"allowed_origins": ["javascript:alert(1)"]}"#,
                "not an origin",
            ),
            (r#"{"allowed_origins": [3]}"#, "must be a list of strings"),
            (r#"{"timeout_seconds": 0}"#, "between 0.1 and 300"),
            (r#"{"timeout_seconds": "5"}"#, "must be a number"),
        ] {
            let error = ViewerConfig::parse(text).unwrap_err();
            assert!(error.to_string().contains(needle), "{text}: {error}");
        }
    }
}
