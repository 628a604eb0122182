//! What can stop `article deploy`, in words a publisher acts on, with the store's own answer
//! attached. Every error before the first upload leaves the bucket untouched; one during the
//! release leaves the live release whole (its entry points go last).

use std::path::PathBuf;

/// Why a deploy stopped.
#[derive(Debug, thiserror::Error)]
pub enum DeployError {
    /// The folder to publish is not a viewer build.
    #[error(
        "{0}: no viewer here (index.html and its module are missing): build it with `trunk build --release` and deploy the build folder (dist/) with the articles inside"
    )]
    NoViewer(PathBuf),
    /// The folder has no library index.
    #[error(
        "{0}: no index.json: run `article index` on the articles folder inside it first, then `article pages`"
    )]
    NoIndex(PathBuf),
    /// A file of the folder could not be read.
    #[error("{path}: cannot read: {detail}")]
    Read {
        /// The file or folder.
        path: PathBuf,
        /// The system's reason.
        detail: String,
    },
    /// The destination is not an `s3://bucket/prefix` address.
    #[error("{url}: not an object store address ({why}); write s3://BUCKET or s3://BUCKET/PREFIX")]
    Address {
        /// What was given.
        url: String,
        /// What is wrong with it.
        why: &'static str,
    },
    /// The store could not be reached at all.
    #[error("cannot reach the object store{endpoint}: {detail}")]
    Unreachable {
        /// ` at ENDPOINT`, or empty for AWS.
        endpoint: String,
        /// The connection's error.
        detail: String,
    },
    /// The store refused the credentials.
    #[error(
        "the object store refused the credentials (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the profile in ~/.aws/credentials): {detail}"
    )]
    Refused {
        /// The store's answer.
        detail: String,
    },
    /// No credentials were found anywhere the AWS tools look.
    #[error(
        "no credentials for the object store: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile in ~/.aws/credentials (AWS_PROFILE picks one) ({detail})"
    )]
    NoCredentials {
        /// What the last place looked at answered.
        detail: String,
    },
    /// The bucket does not exist.
    #[error("bucket {bucket} does not exist at the store{endpoint}: create it first")]
    NoBucket {
        /// The bucket's name.
        bucket: String,
        /// ` at ENDPOINT`, or empty for AWS.
        endpoint: String,
    },
    /// The record of the previous deploy is unreadable.
    #[error(
        "the previous deploy's record (.article-deploy.json in the bucket) cannot be read: {0}"
    )]
    Manifest(String),
    /// The release would take out a large share of what is published.
    #[error(
        "this release would take {retiring} of the {live} published objects ({share}%) out; nothing was uploaded. If that is meant, run again with --allow-large-delete"
    )]
    LargeDelete {
        /// Objects leaving the release.
        retiring: usize,
        /// Objects in the live release.
        live: usize,
        /// Their share, in percent.
        share: usize,
    },
    /// A request of the release failed after its retries.
    #[error(
        "{key}: upload failed: {detail}. The live release is unchanged (entry points go last): run the same command again to complete it"
    )]
    Upload {
        /// The object's key.
        key: String,
        /// The store's answer.
        detail: String,
    },
    /// Any other answer from the store.
    #[error("the object store answered: {0}")]
    Store(String),
}
