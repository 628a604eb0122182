//! The record `article deploy` keeps in the bucket beside the release
//! (`PREFIX/.article-deploy.json`, gzip): each object it uploaded with the hash of what it
//! sent, and the objects it took out of the release with the time it did. One small read tells
//! the next run what changed, without listing 100,000 objects or downloading any of them.

use std::collections::BTreeMap;
use std::io::{Read, Write};

use serde::{Deserialize, Serialize};

use super::error::DeployError;

/// The manifest's key, relative to the release's prefix.
pub const MANIFEST_KEY: &str = ".article-deploy.json";

/// The manifest's format version.
const VERSION: u32 = 1;

/// What the bucket holds of the releases `article deploy` made.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Format version (1).
    pub version: u32,
    /// Every object of the live release (key relative to the prefix) and the hash of what was
    /// sent: its bytes and its headers.
    pub objects: BTreeMap<String, String>,
    /// Objects no longer in the release, kept for readers who are mid-way, with when they left
    /// it (seconds since 1970): deleted once the grace period has passed.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub retired: BTreeMap<String, u64>,
}

impl Manifest {
    /// A manifest of no release yet.
    pub fn empty() -> Self {
        Manifest {
            version: VERSION,
            ..Manifest::default()
        }
    }

    /// Reads a manifest as stored (gzip, or plain JSON written by hand).
    pub fn decode(bytes: &[u8]) -> Result<Self, DeployError> {
        let mut text = Vec::new();
        let plain: &[u8] = if bytes.starts_with(&[0x1f, 0x8b]) {
            flate2::read::GzDecoder::new(bytes)
                .read_to_end(&mut text)
                .map_err(|e| DeployError::Manifest(e.to_string()))?;
            &text
        } else {
            bytes
        };
        let manifest: Manifest =
            serde_json::from_slice(plain).map_err(|e| DeployError::Manifest(e.to_string()))?;
        if manifest.version != VERSION {
            return Err(DeployError::Manifest(format!(
                "version {} (this command writes {VERSION})",
                manifest.version
            )));
        }
        Ok(manifest)
    }

    /// The manifest as stored: gzip of its JSON.
    pub fn encode(&self) -> Vec<u8> {
        let json = serde_json::to_vec(self).expect("the manifest serializes");
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gzip.write_all(&json).expect("writing to memory");
        gzip.finish().expect("writing to memory")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn survives_its_round_trip_and_refuses_what_is_not_one() {
        let mut manifest = Manifest::empty();
        manifest.objects.insert("index.html".into(), "00ff".into());
        manifest.retired.insert("old.js".into(), 1_700_000_000);
        assert_eq!(Manifest::decode(&manifest.encode()).unwrap(), manifest);
        assert!(matches!(
            Manifest::decode(b"<html>"),
            Err(DeployError::Manifest(_))
        ));
        assert!(matches!(
            Manifest::decode(br#"{"version":9,"objects":{}}"#),
            Err(DeployError::Manifest(m)) if m.contains("version 9")
        ));
    }
}
