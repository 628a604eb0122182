//! What a release is, and what it takes to make it live: every file of the folder with how it
//! is sent, compared with the manifest of the previous release. Pure apart from reading the
//! folder: unit-tested natively, no store needed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::Xxh3;

use super::error::DeployError;
use super::kinds::{Kind, kind_of};
use super::manifest::{MANIFEST_KEY, Manifest};

/// Files smaller than this are sent as they are even when gzip is on: the saving is a few
/// bytes, and a CDN may compress them itself.
pub const GZIP_FROM_BYTES: u64 = 1024;

/// How files are sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendOptions {
    /// The lifetime of what is not content-addressed, in seconds.
    pub max_age: u32,
    /// Compressible files are stored gzip-compressed, with `Content-Encoding: gzip`.
    pub gzip: bool,
}

/// One file of the release.
#[derive(Debug, Clone, PartialEq)]
pub struct ReleaseFile {
    /// Its key relative to the release's prefix (`articles/sample.html`).
    pub key: String,
    /// Where it is on disk.
    pub path: PathBuf,
    /// How it is sent.
    pub kind: Kind,
    /// Its `Cache-Control`.
    pub cache_control: String,
    /// Sent gzip-compressed.
    pub gzip: bool,
    /// Its size on disk.
    pub bytes: u64,
    /// The hash of its bytes and headers: what the manifest compares.
    pub hash: String,
}

/// What one deploy does, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// Files to upload, content-addressed first and entry points last.
    pub uploads: Vec<ReleaseFile>,
    /// Files already in the store as they are.
    pub unchanged: usize,
    /// Objects leaving the release now: kept for the grace period.
    pub retiring: Vec<String>,
    /// Objects whose grace period is over: deleted after the entry points are live.
    pub deleting: Vec<String>,
    /// The manifest once the release is live.
    pub next: Manifest,
}

impl Plan {
    /// Bytes on disk of the files to upload.
    pub fn upload_bytes(&self) -> u64 {
        self.uploads.iter().map(|f| f.bytes).sum()
    }
}

/// Every file of the release in `dir`, checked to be a viewer with a library. Hidden files
/// and the indexer's own cache (`index.cache`) are not part of it.
pub fn release_files(dir: &Path, send: &SendOptions) -> Result<Vec<ReleaseFile>, DeployError> {
    let mut files = Vec::new();
    walk(dir, "", &mut files)?;
    let has_viewer = files.iter().any(|(key, _)| key == "index.html")
        && files
            .iter()
            .any(|(key, _)| !key.contains('/') && key.ends_with(".wasm"));
    if !has_viewer {
        return Err(DeployError::NoViewer(dir.to_owned()));
    }
    if !files
        .iter()
        .any(|(key, _)| key.rsplit('/').next() == Some("index.json"))
    {
        return Err(DeployError::NoIndex(dir.to_owned()));
    }
    files
        .into_iter()
        .map(|(key, path)| {
            let bytes = std::fs::read(&path).map_err(|e| DeployError::Read {
                path: path.clone(),
                detail: e.to_string(),
            })?;
            let kind = kind_of(&key);
            let cache_control = kind.cache_control(send.max_age);
            let gzip = send.gzip && kind.compressible && bytes.len() as u64 >= GZIP_FROM_BYTES;
            let mut hasher = Xxh3::new();
            hasher.update(&bytes);
            for header in [
                kind.content_type,
                &cache_control,
                if gzip { "gzip" } else { "" },
            ] {
                hasher.update(b"\0");
                hasher.update(header.as_bytes());
            }
            Ok(ReleaseFile {
                key,
                path,
                kind,
                cache_control,
                gzip,
                bytes: bytes.len() as u64,
                hash: format!("{:016x}", hasher.digest()),
            })
        })
        .collect()
}

/// The files under `dir` as (key, path), keys `/`-separated from `prefix`.
fn walk(dir: &Path, prefix: &str, out: &mut Vec<(String, PathBuf)>) -> Result<(), DeployError> {
    let unreadable = |e: std::io::Error| DeployError::Read {
        path: dir.to_owned(),
        detail: e.to_string(),
    };
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(unreadable)?
        .collect::<Result<_, _>>()
        .map_err(unreadable)?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name == "index.cache" {
            continue;
        }
        let path = entry.path();
        let key = format!("{prefix}{name}");
        if path.is_dir() {
            walk(&path, &format!("{key}/"), out)?;
        } else {
            out.push((key, path));
        }
    }
    Ok(())
}

/// What it takes to go from the `previous` release to `files`, at `now` (seconds since
/// 1970), deleting what left the release `grace` seconds ago or more.
pub fn plan(files: Vec<ReleaseFile>, previous: &Manifest, now: u64, grace: u64) -> Plan {
    let mut next = Manifest::empty();
    let mut uploads = Vec::new();
    let mut unchanged = 0;
    for file in files {
        next.objects.insert(file.key.clone(), file.hash.clone());
        if previous.objects.get(&file.key) == Some(&file.hash) {
            unchanged += 1;
        } else {
            uploads.push(file);
        }
    }
    uploads.sort_by_key(|f| f.kind.phase);
    let retiring: Vec<String> = previous
        .objects
        .keys()
        .filter(|key| !next.objects.contains_key(*key) && key.as_str() != MANIFEST_KEY)
        .cloned()
        .collect();
    let mut deleting = Vec::new();
    let mut retired: BTreeMap<String, u64> = BTreeMap::new();
    for (key, since) in &previous.retired {
        if next.objects.contains_key(key) {
            continue;
        }
        if now.saturating_sub(*since) >= grace {
            deleting.push(key.clone());
        } else {
            retired.insert(key.clone(), *since);
        }
    }
    for key in &retiring {
        if grace == 0 {
            deleting.push(key.clone());
        } else {
            retired.insert(key.clone(), now);
        }
    }
    next.retired = retired;
    Plan {
        uploads,
        unchanged,
        retiring,
        deleting,
        next,
    }
}

/// The share of the live release, in percent, that `plan` takes out of it.
pub fn retiring_share(plan: &Plan, previous: &Manifest) -> usize {
    if previous.objects.is_empty() {
        return 0;
    }
    plan.retiring.len() * 100 / previous.objects.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(key: &str, hash: &str) -> ReleaseFile {
        let kind = kind_of(key);
        ReleaseFile {
            key: key.into(),
            path: PathBuf::from(key),
            cache_control: kind.cache_control(60),
            kind,
            gzip: false,
            bytes: 10,
            hash: hash.into(),
        }
    }

    #[test]
    fn uploads_only_what_changed_entry_points_last() {
        let mut previous = Manifest::empty();
        previous.objects.insert("index.html".into(), "1".into());
        previous.objects.insert("a/sample.json".into(), "1".into());
        let files = vec![
            file("index.html", "2"),
            file("a/sample.json", "1"),
            file("a/index.json", "1"),
            file("viewer-0123456789abcdef_bg.wasm", "1"),
            file("a/new.json", "1"),
        ];
        let plan = plan(files, &previous, 1000, 60);
        let keys: Vec<&str> = plan.uploads.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "viewer-0123456789abcdef_bg.wasm",
                "a/new.json",
                "index.html",
                "a/index.json"
            ]
        );
        assert_eq!(plan.unchanged, 1);
        assert!(plan.retiring.is_empty() && plan.deleting.is_empty());
    }

    #[test]
    fn what_leaves_is_kept_for_the_grace_period_then_deleted() {
        let mut previous = Manifest::empty();
        previous
            .objects
            .insert("old-0123456789abcdef.js".into(), "1".into());
        previous.objects.insert("index.html".into(), "1".into());
        let first = plan(vec![file("index.html", "1")], &previous, 1000, 60);
        assert_eq!(first.retiring, ["old-0123456789abcdef.js"]);
        assert!(first.deleting.is_empty());
        assert_eq!(first.next.retired["old-0123456789abcdef.js"], 1000);
        // Within the grace period: still kept; after it: deleted.
        let early = plan(vec![file("index.html", "1")], &first.next, 1059, 60);
        assert!(early.deleting.is_empty());
        assert_eq!(early.next.retired.len(), 1);
        let late = plan(vec![file("index.html", "1")], &first.next, 1060, 60);
        assert_eq!(late.deleting, ["old-0123456789abcdef.js"]);
        assert!(late.next.retired.is_empty());
        // Back in a release: no longer retired.
        let back = plan(
            vec![
                file("index.html", "1"),
                file("old-0123456789abcdef.js", "1"),
            ],
            &first.next,
            1060,
            60,
        );
        assert!(back.deleting.is_empty() && back.next.retired.is_empty());
        assert_eq!(retiring_share(&first, &previous), 50);
    }

    #[test]
    fn a_folder_without_viewer_or_index_is_refused() {
        let dir = std::env::temp_dir().join(format!("deploy-plan-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("articles")).unwrap();
        std::fs::write(dir.join("articles/a.json"), "{}").unwrap();
        let send = SendOptions {
            max_age: 60,
            gzip: true,
        };
        assert!(matches!(
            release_files(&dir, &send),
            Err(DeployError::NoViewer(_))
        ));
        std::fs::write(dir.join("index.html"), "<!doctype html>").unwrap();
        std::fs::write(dir.join("v-0123456789abcdef_bg.wasm"), [0, 97, 115, 109]).unwrap();
        assert!(matches!(
            release_files(&dir, &send),
            Err(DeployError::NoIndex(_))
        ));
        std::fs::write(dir.join("articles/index.json"), "{}".repeat(600)).unwrap();
        std::fs::write(dir.join("articles/index.cache"), "x").unwrap();
        std::fs::write(dir.join(".DS_Store"), "x").unwrap();
        let files = release_files(&dir, &send).unwrap();
        let keys: Vec<&str> = files.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "articles/a.json",
                "articles/index.json",
                "index.html",
                "v-0123456789abcdef_bg.wasm"
            ]
        );
        // Only what is large enough is compressed, and the choice is part of the hash.
        assert!(files[1].gzip && !files[0].gzip);
        let plain = release_files(
            &dir,
            &SendOptions {
                max_age: 60,
                gzip: false,
            },
        )
        .unwrap();
        assert_ne!(plain[1].hash, files[1].hash);
        assert_eq!(plain[0].hash, files[0].hash);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
