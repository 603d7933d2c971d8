//! Deterministic ZIP archives: entries sorted by name, every timestamp the
//! ZIP epoch (1980-01-01), fixed permissions. An unchanged course gives a
//! byte-identical package, so mirrors and LMS caches see no change.

use std::collections::BTreeMap;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// How hard to compress: packages are small and downloaded often; the
/// whole-site archive is large and rebuilt on every push.
#[derive(Debug, Clone, Copy)]
pub enum Effort {
    Best,
    Fast,
}

/// `entries` (path inside the archive → bytes) as a ZIP file.
pub fn zip_bytes(entries: &BTreeMap<String, Vec<u8>>, effort: Effort) -> Vec<u8> {
    let mut zip = Builder::new(effort);
    for (name, bytes) in entries {
        zip.add(name, bytes);
    }
    zip.finish()
}

/// An archive built entry by entry, for contents too large to hold twice.
/// Entries must be added in name order for the archive to be deterministic.
pub struct Builder {
    zip: ZipWriter<Cursor<Vec<u8>>>,
    deflated: SimpleFileOptions,
    stored: SimpleFileOptions,
}

impl Builder {
    pub fn new(effort: Effort) -> Builder {
        let level = match effort {
            Effort::Best => 9,
            Effort::Fast => 1,
        };
        let deflated = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(level))
            .last_modified_time(DateTime::default())
            .unix_permissions(0o644)
            .large_file(false);
        // Already compressed formats gain nothing from a second pass.
        let stored = deflated
            .compression_method(CompressionMethod::Stored)
            .compression_level(None);
        Builder {
            zip: ZipWriter::new(Cursor::new(Vec::new())),
            deflated,
            stored,
        }
    }

    pub fn add(&mut self, name: &str, bytes: &[u8]) {
        let options = if is_compressed(name) {
            self.stored
        } else {
            self.deflated
        };
        // Writing to memory cannot fail but for a bug; the names are ours.
        self.zip
            .start_file(name, options)
            .and_then(|()| self.zip.write_all(bytes).map_err(Into::into))
            .expect("writing a ZIP entry to memory");
    }

    pub fn finish(self) -> Vec<u8> {
        self.zip
            .finish()
            .expect("finishing a ZIP in memory")
            .into_inner()
    }
}

fn is_compressed(name: &str) -> bool {
    let ext = name.rsplit('.').next().unwrap_or("");
    matches!(
        ext.to_ascii_lowercase().as_str(),
        "zip"
            | "png"
            | "jpg"
            | "jpeg"
            | "webp"
            | "gif"
            | "mp3"
            | "m4a"
            | "ogg"
            | "opus"
            | "mp4"
            | "webm"
            | "pdf"
            | "woff"
            | "woff2"
            | "gz"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> BTreeMap<String, Vec<u8>> {
        BTreeMap::from([
            ("b/index.html".to_string(), b"<p>b</p>".repeat(50)),
            ("a.txt".to_string(), b"a".to_vec()),
            ("c.png".to_string(), vec![0x89, b'P', b'N', b'G']),
        ])
    }

    #[test]
    fn the_same_entries_give_the_same_bytes() {
        assert_eq!(
            zip_bytes(&sample(), Effort::Best),
            zip_bytes(&sample(), Effort::Best)
        );
    }

    #[test]
    fn entries_read_back_sorted_and_whole() {
        let bytes = zip_bytes(&sample(), Effort::Fast);
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        assert_eq!(archive.len(), 3);
        let expected = sample();
        for (i, (name, body)) in expected.iter().enumerate() {
            let mut f = archive.by_index(i).unwrap();
            assert_eq!(f.name().unwrap(), name.as_str(), "entries in name order");
            let mut read = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut read).unwrap();
            assert_eq!(&read, body);
        }
    }
}
