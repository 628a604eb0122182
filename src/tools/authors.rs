//! Authors a post names by key (`authors: [slorber]`), as the blog lists them in a file of its
//! own: Docusaurus's `authors.yml` (`key: {name, title, url…}`) and MkDocs Material's
//! `.authors.yml` (`authors: {key: {name, description…}}`). `article import` finds these files
//! in the walk that finds the posts, and shows each key as the name a reader knows, linked to
//! the author's page where the file gives one.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::model::wire::{RawAuthor, RawSource};

/// The files that name a blog's authors.
const FILES: [&str; 3] = ["authors.yml", "authors.yaml", ".authors.yml"];

/// Each author's key and the name (and page) it stands for.
#[derive(Debug, Default)]
pub struct AuthorNames(BTreeMap<String, RawSource>);

impl AuthorNames {
    /// Whether a file names a blog's authors, by its name.
    pub fn is_authors_file(path: &Path) -> bool {
        path.file_name()
            .is_some_and(|n| FILES.contains(&n.to_string_lossy().as_ref()))
    }

    /// The names in `files` (in path order, a later file's names after an earlier one's); a
    /// file that is not a map of authors is an error naming it.
    pub fn read(files: &[impl AsRef<Path>]) -> Result<AuthorNames, String> {
        let mut names = BTreeMap::new();
        for file in files {
            let file = file.as_ref();
            let text = std::fs::read_to_string(file)
                .map_err(|e| format!("{}: cannot read: {e}", file.display()))?;
            let value: Value = serde_saphyr::from_str(&text)
                .map_err(|e| format!("{}: not YAML: {e}", file.display()))?;
            // MkDocs Material keeps the map under `authors`.
            let map = match value.get("authors") {
                Some(Value::Object(inner)) => inner.clone(),
                _ => match value {
                    Value::Object(map) => map,
                    Value::Null => continue,
                    _ => {
                        return Err(format!(
                            "{}: expected a map of authors by key",
                            file.display()
                        ));
                    }
                },
            };
            for (key, author) in map {
                let text = |field| author.get(field).and_then(Value::as_str).map(str::trim);
                if let Some(name) = text("name").filter(|n| !n.is_empty()) {
                    let url = text("url").filter(|u| !u.is_empty()).map(str::to_owned);
                    let name = name.to_owned();
                    names.insert(key, RawSource { name, url });
                }
            }
        }
        Ok(AuthorNames(names))
    }

    /// Replaces each author given by a key the blog names with the name and its page.
    pub fn resolve(&self, authors: &mut [RawAuthor]) {
        for author in authors {
            if let RawAuthor::Name(key) = author
                && let Some(named) = self.0.get(key.as_str())
            {
                *author = RawAuthor::from_source(named.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_become_names_from_either_generators_file() {
        let dir = std::env::temp_dir().join(format!("authors-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("blog")).unwrap();
        std::fs::create_dir_all(dir.join("docs/blog")).unwrap();
        std::fs::write(
            dir.join("blog/authors.yml"),
            "slorber:\n  name: Sébastien Lorber\n  title: Maintainer\n  url: https://sebastienlorber.com\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("docs/blog/.authors.yml"),
            "authors:\n  squidfunk:\n    name: Martin Donath\n",
        )
        .unwrap();
        let files = [
            dir.join("blog/authors.yml"),
            dir.join("docs/blog/.authors.yml"),
        ];
        let names = AuthorNames::read(&files).unwrap();
        let name = |n: &str| RawAuthor::Name(n.to_owned());
        let mut authors = vec![name("slorber"), name("squidfunk"), name("Ada Example")];
        names.resolve(&mut authors);
        let linked = RawAuthor::Linked(RawSource {
            name: "Sébastien Lorber".to_owned(),
            url: Some("https://sebastienlorber.com".to_owned()),
        });
        assert_eq!(
            authors,
            [linked, name("Martin Donath"), name("Ada Example")]
        );
        std::fs::write(dir.join("blog/authors.yml"), "- a list\n").unwrap();
        let error = AuthorNames::read(&files).unwrap_err();
        assert!(
            error.ends_with("authors.yml: expected a map of authors by key"),
            "{error}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
