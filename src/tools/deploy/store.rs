//! The bucket a release goes to, through Apache Arrow's `object_store`: the address, the
//! credentials (the standard `AWS_*` variables, then the shared `~/.aws` files), and each
//! request the deploy makes, its failures put in the publisher's words.

use std::sync::Arc;
use std::time::Duration;

use object_store::aws::AmazonS3Builder;
use object_store::path::Path as Key;
use object_store::{
    Attribute, Attributes, ClientOptions, ObjectStore, ObjectStoreExt, PutOptions, PutPayload,
    RetryConfig,
};

use super::error::DeployError;
use super::manifest::{MANIFEST_KEY, Manifest};
use super::plan::ReleaseFile;

/// Where a release goes: a bucket and a prefix in it, on AWS or at an S3-compatible endpoint.
pub struct Target {
    store: Arc<dyn ObjectStore>,
    bucket: String,
    prefix: String,
    /// ` at ENDPOINT` for messages, empty for AWS.
    at: String,
}

/// The bucket and prefix (without slashes around it) of `s3://BUCKET/PREFIX`.
pub fn parse_address(url: &str) -> Result<(String, String), DeployError> {
    let refuse = |why| DeployError::Address {
        url: url.to_owned(),
        why,
    };
    let rest = url
        .strip_prefix("s3://")
        .ok_or_else(|| refuse("it does not start with s3://"))?;
    let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
    if bucket.is_empty() {
        return Err(refuse("it names no bucket"));
    }
    if prefix.split('/').any(|part| part == "." || part == "..") {
        return Err(refuse("its prefix has . or .. in it"));
    }
    Ok((bucket.to_owned(), prefix.trim_matches('/').to_owned()))
}

impl Target {
    /// Connects to the release's bucket. `endpoint` (an S3-compatible store: MinIO, Ceph, R2)
    /// is addressed path-style; `timeout` bounds each request with its retries.
    pub fn open(url: &str, endpoint: Option<&str>, timeout: Duration) -> Result<Self, DeployError> {
        let (bucket, prefix) = parse_address(url)?;
        let mut builder = AmazonS3Builder::from_env().with_bucket_name(&bucket);
        builder = with_shared_files(builder);
        if let Some(endpoint) = endpoint {
            builder = builder
                .with_endpoint(endpoint.trim_end_matches('/'))
                .with_virtual_hosted_style_request(false);
        }
        let retry = RetryConfig {
            max_retries: 4,
            retry_timeout: timeout,
            ..RetryConfig::default()
        };
        // The client's options replace the builder's, plain HTTP included.
        let client = ClientOptions::new()
            .with_allow_http(endpoint.is_some_and(|e| e.starts_with("http://")))
            .with_timeout(timeout)
            .with_connect_timeout(timeout.min(Duration::from_secs(10)));
        let store = builder
            .with_retry(retry)
            .with_client_options(client)
            .build()
            .map_err(|e| DeployError::Store(chain(&e)))?;
        Ok(Target {
            store: Arc::new(store),
            bucket,
            prefix,
            at: endpoint.map(|e| format!(" at {e}")).unwrap_or_default(),
        })
    }

    fn key(&self, relative: &str) -> Key {
        if self.prefix.is_empty() {
            Key::from(relative)
        } else {
            Key::from(format!("{}/{relative}", self.prefix))
        }
    }

    /// The manifest of the live release, an empty one when there is none yet, with the
    /// number of requests it took. Checks on the way that the store answers, takes the
    /// credentials and has the bucket.
    pub async fn read_manifest(&self) -> Result<(Manifest, usize), DeployError> {
        match self.store.get(&self.key(MANIFEST_KEY)).await {
            Ok(found) => {
                let bytes = found.bytes().await.map_err(|e| self.explain(&e))?;
                Ok((Manifest::decode(&bytes)?, 1))
            }
            Err(object_store::Error::NotFound { .. }) => {
                // No manifest, or no bucket: a listing tells which.
                use futures::TryStreamExt;
                let prefix = (!self.prefix.is_empty()).then(|| Key::from(self.prefix.as_str()));
                let mut listing = self.store.list(prefix.as_ref());
                listing.try_next().await.map_err(|e| self.explain(&e))?;
                Ok((Manifest::empty(), 2))
            }
            Err(e) => Err(self.explain(&e)),
        }
    }

    /// Uploads one file of the release with its type, caching and encoding; returns the
    /// bytes sent.
    pub async fn upload(&self, file: &ReleaseFile) -> Result<u64, DeployError> {
        let failed = |detail: String| DeployError::Upload {
            key: file.key.clone(),
            detail,
        };
        let bytes = std::fs::read(&file.path).map_err(|e| DeployError::Read {
            path: file.path.clone(),
            detail: e.to_string(),
        })?;
        let body = if file.gzip { gzip(&bytes) } else { bytes };
        let sent = body.len() as u64;
        let mut attributes = Attributes::new();
        attributes.insert(Attribute::ContentType, file.kind.content_type.into());
        attributes.insert(Attribute::CacheControl, file.cache_control.clone().into());
        if file.gzip {
            attributes.insert(Attribute::ContentEncoding, "gzip".into());
        }
        let options = PutOptions {
            attributes,
            ..PutOptions::default()
        };
        self.store
            .put_opts(&self.key(&file.key), PutPayload::from(body), options)
            .await
            .map_err(|e| match self.explain(&e) {
                DeployError::Store(detail) | DeployError::Unreachable { detail, .. } => {
                    failed(detail)
                }
                other => other,
            })?;
        Ok(sent)
    }

    /// Writes the manifest of the release now live.
    pub async fn write_manifest(&self, manifest: &Manifest) -> Result<(), DeployError> {
        let mut attributes = Attributes::new();
        attributes.insert(Attribute::ContentType, "application/json".into());
        attributes.insert(Attribute::ContentEncoding, "gzip".into());
        attributes.insert(Attribute::CacheControl, "no-store".into());
        let options = PutOptions {
            attributes,
            ..PutOptions::default()
        };
        self.store
            .put_opts(
                &self.key(MANIFEST_KEY),
                PutPayload::from(manifest.encode()),
                options,
            )
            .await
            .map(|_| ())
            .map_err(|e| self.explain(&e))
    }

    /// Deletes an object whose grace period is over (already gone is fine).
    pub async fn delete(&self, key: &str) -> Result<(), DeployError> {
        match self.store.delete(&self.key(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(self.explain(&e)),
        }
    }

    /// A store error in the publisher's words.
    fn explain(&self, error: &object_store::Error) -> DeployError {
        let detail = chain(error);
        if detail.contains("NoSuchBucket") {
            return DeployError::NoBucket {
                bucket: self.bucket.clone(),
                endpoint: self.at.clone(),
            };
        }
        // Without credentials, object_store asks the EC2 instance metadata service last.
        if detail.contains("169.254.169.254") {
            return DeployError::NoCredentials { detail };
        }
        let refused = [
            "InvalidAccessKeyId",
            "SignatureDoesNotMatch",
            "AccessDenied",
        ];
        if matches!(
            error,
            object_store::Error::PermissionDenied { .. }
                | object_store::Error::Unauthenticated { .. }
        ) || refused.iter().any(|code| detail.contains(code))
        {
            return DeployError::Refused { detail };
        }
        let unreachable = ["error sending request", "connect", "dns error", "timed out"];
        if unreachable.iter().any(|sign| detail.contains(sign)) {
            return DeployError::Unreachable {
                endpoint: self.at.clone(),
                detail,
            };
        }
        DeployError::Store(detail)
    }
}

/// An error with its causes, one after another.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let more = cause.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        source = cause.source();
    }
    text
}

/// gzip of `bytes`, at the level that pays for text sent once and read many times.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(bytes.len() / 3),
        flate2::Compression::best(),
    );
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

/// Fills in what the environment left unset from the shared AWS files, as the AWS tools read
/// them: the profile `AWS_PROFILE` (else `default`) of `~/.aws/credentials` (or
/// `AWS_SHARED_CREDENTIALS_FILE`) and `~/.aws/config` (or `AWS_CONFIG_FILE`).
fn with_shared_files(mut builder: AmazonS3Builder) -> AmazonS3Builder {
    use object_store::aws::AmazonS3ConfigKey as Config;
    let profile = std::env::var("AWS_PROFILE").unwrap_or_else(|_| "default".to_owned());
    let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
    let file = |variable: &str, name: &str| {
        std::env::var_os(variable)
            .map(std::path::PathBuf::from)
            .or_else(|| home.as_ref().map(|h| h.join(".aws").join(name)))
            .and_then(|path| ini::Ini::load_from_file(path).ok())
    };
    let credentials = file("AWS_SHARED_CREDENTIALS_FILE", "credentials");
    let config = file("AWS_CONFIG_FILE", "config");
    let in_credentials = credentials
        .as_ref()
        .and_then(|i| i.section(Some(profile.as_str())));
    let config_section = if profile == "default" {
        profile.clone()
    } else {
        format!("profile {profile}")
    };
    let in_config = config
        .as_ref()
        .and_then(|i| i.section(Some(config_section.as_str())));
    let pairs = [
        (Config::AccessKeyId, "aws_access_key_id"),
        (Config::SecretAccessKey, "aws_secret_access_key"),
        (Config::Token, "aws_session_token"),
        (Config::Region, "region"),
    ];
    for (key, name) in pairs {
        if builder.get_config_value(&key).is_some() {
            continue;
        }
        let value = in_credentials
            .and_then(|s| s.get(name))
            .or_else(|| in_config.and_then(|s| s.get(name)));
        if let Some(value) = value {
            builder = builder.with_config(key, value);
        }
    }
    builder
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_name_a_bucket_and_a_clean_prefix() {
        assert_eq!(
            parse_address("s3://news/site/v1/").unwrap(),
            ("news".into(), "site/v1".into())
        );
        assert_eq!(
            parse_address("s3://news").unwrap(),
            ("news".into(), "".into())
        );
        for bad in ["https://news/", "s3:///x", "s3://news/../x"] {
            assert!(
                matches!(parse_address(bad), Err(DeployError::Address { .. })),
                "{bad}"
            );
        }
    }
}
