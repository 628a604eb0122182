//! `article deploy DIR s3://BUCKET/PREFIX`: publishes a viewer build with its articles to
//! S3-compatible object storage so that no reader ever sees half a release. The plan
//! (`plan`) compares the folder with the manifest of the live release (`manifest`) and
//! uploads only what changed, each object with its type and caching (`kinds`):
//! content-addressed files first, then the rest, entry points (HTML, `index.json`, the feed,
//! `viewer-config.json`) last. What left the release is deleted only after a grace period,
//! at the end of a later deploy. The store is reached through `store`.

mod error;
mod kinds;
mod manifest;
mod plan;
mod store;

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use futures::{StreamExt, TryStreamExt};

pub use error::DeployError;
pub use kinds::{DEFAULT_MAX_AGE, IMMUTABLE, Kind, Phase, kind_of};
pub use manifest::{MANIFEST_KEY, Manifest};
pub use plan::{GZIP_FROM_BYTES, Plan, ReleaseFile, SendOptions};

/// How long what left a release stays in the bucket by default: a reader who opened the
/// library or an article a day ago can still page and search it.
pub const DEFAULT_GRACE_SECONDS: u64 = 24 * 60 * 60;

/// The share of the live release, in percent, a deploy may take out without
/// `--allow-large-delete`.
pub const LARGE_DELETE_PERCENT: usize = 50;

/// How a deploy runs.
#[derive(Debug, Clone)]
pub struct DeployOptions {
    /// An S3-compatible endpoint (MinIO, Ceph, R2), addressed path-style; AWS when `None`.
    pub endpoint: Option<String>,
    /// Print the plan; change nothing.
    pub dry_run: bool,
    /// How files are sent (lifetime, gzip).
    pub send: SendOptions,
    /// Seconds before what left the release is deleted.
    pub grace: u64,
    /// Allow a release that takes out more than [`LARGE_DELETE_PERCENT`] of the objects.
    pub allow_large_delete: bool,
    /// Requests at once.
    pub concurrency: usize,
    /// How long one request may take, retries included.
    pub timeout: Duration,
}

/// What a deploy did (or, dry, would do).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DeployReport {
    /// Files uploaded.
    pub uploaded: usize,
    /// Their bytes on disk.
    pub bytes: u64,
    /// The bytes sent (smaller when compressed).
    pub sent: u64,
    /// Files already in the store as they are.
    pub unchanged: usize,
    /// Objects that left the release now, kept for the grace period.
    pub retired: usize,
    /// Objects deleted, their grace period over.
    pub deleted: usize,
    /// Requests made to the store.
    pub requests: usize,
}

/// Publishes `dir` to `url`. `say` gets the plan and progress lines.
pub fn deploy(
    dir: &Path,
    url: &str,
    options: &DeployOptions,
    say: &mut dyn FnMut(String),
) -> Result<DeployReport, DeployError> {
    // Everything that can be refused is refused before the store is asked anything.
    store::parse_address(url)?;
    let files = plan::release_files(dir, &options.send)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| DeployError::Store(e.to_string()))?;
    runtime.block_on(run(files, url, options, say))
}

async fn run(
    files: Vec<ReleaseFile>,
    url: &str,
    options: &DeployOptions,
    say: &mut dyn FnMut(String),
) -> Result<DeployReport, DeployError> {
    let target = store::Target::open(url, options.endpoint.as_deref(), options.timeout)?;
    let (previous, requests) = target.read_manifest().await?;
    let mut report = DeployReport {
        requests,
        ..DeployReport::default()
    };
    let plan = plan::plan(files, &previous, now(), options.grace);
    describe(&plan, say);
    let share = plan::retiring_share(&plan, &previous);
    if share > LARGE_DELETE_PERCENT && !options.allow_large_delete {
        return Err(DeployError::LargeDelete {
            retiring: plan.retiring.len(),
            live: previous.objects.len(),
            share,
        });
    }
    report.unchanged = plan.unchanged;
    report.retired = plan.retiring.len();
    if options.dry_run {
        report.uploaded = plan.uploads.len();
        report.bytes = plan.upload_bytes();
        report.deleted = plan.deleting.len();
        return Ok(report);
    }
    // One phase after another; within a phase, `concurrency` uploads at once.
    for phase in [Phase::Addressed, Phase::Content, Phase::Entry] {
        let batch: Vec<&ReleaseFile> = plan
            .uploads
            .iter()
            .filter(|f| f.kind.phase == phase)
            .collect();
        let sent: Vec<u64> = futures::stream::iter(batch.iter().map(|f| target.upload(f)))
            .buffer_unordered(options.concurrency.max(1))
            .try_collect()
            .await?;
        report.uploaded += sent.len();
        report.requests += sent.len();
        report.sent += sent.iter().sum::<u64>();
        report.bytes += batch.iter().map(|f| f.bytes).sum::<u64>();
    }
    // The release is live: what readers mid-way no longer need can go.
    futures::stream::iter(plan.deleting.iter().map(|key| target.delete(key)))
        .buffer_unordered(options.concurrency.max(1))
        .try_collect::<Vec<()>>()
        .await?;
    report.deleted = plan.deleting.len();
    report.requests += plan.deleting.len();
    if !plan.uploads.is_empty() || !plan.deleting.is_empty() || plan.next != previous {
        target.write_manifest(&plan.next).await?;
        report.requests += 1;
    }
    Ok(report)
}

/// The plan, as lines: what goes up in each phase, and what leaves.
fn describe(plan: &Plan, say: &mut dyn FnMut(String)) {
    for (phase, name) in [
        (Phase::Addressed, "content-addressed (cached for a year)"),
        (Phase::Content, "content"),
        (Phase::Entry, "entry points, last"),
    ] {
        let files: Vec<&ReleaseFile> = plan
            .uploads
            .iter()
            .filter(|f| f.kind.phase == phase)
            .collect();
        if files.is_empty() {
            continue;
        }
        let bytes: u64 = files.iter().map(|f| f.bytes).sum();
        say(format!("upload {name}: {} files, {bytes} B", files.len()));
        for file in files.iter().take(12) {
            say(format!(
                "  {}  {}  {}{}",
                file.key,
                file.kind.content_type,
                file.cache_control,
                if file.gzip { "  gzip" } else { "" }
            ));
        }
        if files.len() > 12 {
            say(format!("  … and {} more", files.len() - 12));
        }
    }
    say(format!("unchanged: {} files", plan.unchanged));
    if !plan.retiring.is_empty() {
        say(format!(
            "leaving the release: {} objects, kept for the grace period",
            plan.retiring.len()
        ));
    }
    if !plan.deleting.is_empty() {
        say(format!(
            "delete, their grace period over: {} objects",
            plan.deleting.len()
        ));
    }
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
