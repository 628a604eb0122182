//! The publisher's configuration, shipped beside the build as `viewer-config.json`: which other
//! origins articles may come from, and how long to wait for one. Pure Rust, tested natively.

use crate::model::find_text;
use crate::model::json::{self, Json as Value};
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
}

impl Default for ViewerConfig {
    fn default() -> Self {
        ViewerConfig {
            allowed_origins: Vec::new(),
            allow_any_origin: false,
            timeout_ms: DEFAULT_TIMEOUT_MS,
        }
    }
}

/// A configuration file the viewer cannot use.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("viewer-config.json: {0}")]
pub struct ConfigError(pub String);

impl ViewerConfig {
    /// Reads the JSON configuration; unknown fields are ignored.
    pub fn parse(text: &str) -> Result<Self, ConfigError> {
        let value = json::parse(text, 16).map_err(|e| {
            ConfigError(format!(
                "not valid JSON ({} at line {}, column {})",
                e.message, e.line, e.column
            ))
        })?;
        let Value::Object(fields) = value else {
            return Err(ConfigError("expected an object".into()));
        };
        let mut config = ViewerConfig::default();
        match fields.get("allowed_origins") {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    let Some(origin) = item.as_str() else {
                        return Err(ConfigError(format!(
                            "allowed_origins[{i}] must be a string"
                        )));
                    };
                    if origin == "*" {
                        config.allow_any_origin = true;
                    } else {
                        let normalised = normalise_origin(origin).ok_or_else(|| {
                            ConfigError(format!(
                                "allowed_origins[{i}] \"{origin}\" is not an origin such as https://cdn.example.org"
                            ))
                        })?;
                        config.allowed_origins.push(normalised);
                    }
                }
            }
            Some(_) => return Err(ConfigError("allowed_origins must be an array".into())),
        }
        match fields.get("timeout_seconds") {
            None | Some(Value::Null) => {}
            Some(Value::Number(seconds)) => match *seconds {
                seconds if (0.1..=300.0).contains(&seconds) => {
                    config.timeout_ms = (seconds * 1000.0).round() as u32;
                }
                _ => {
                    return Err(ConfigError(
                        "timeout_seconds must be between 0.1 and 300".into(),
                    ));
                }
            },
            Some(_) => return Err(ConfigError("timeout_seconds must be a number".into())),
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
    let (scheme, rest) = text.split_at_checked(find_text(text, "://")?)?;
    let rest = rest.get(3..)?;
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
            (r#"{"allowed_origins": [3]}"#, "must be a string"),
            (r#"{"timeout_seconds": 0}"#, "between 0.1 and 300"),
            (r#"{"timeout_seconds": "5"}"#, "must be a number"),
        ] {
            let error = ViewerConfig::parse(text).unwrap_err();
            assert!(error.to_string().contains(needle), "{text}: {error}");
        }
    }
}
