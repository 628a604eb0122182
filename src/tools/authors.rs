//! Authors a post names by key (`authors: [slorber]`), as the blog lists them in a file of its
//! own: Docusaurus's `authors.yml` (`key: {name, title, url…}`) and MkDocs Material's
//! `.authors.yml` (`authors: {key: {name, description…}}`). `article import` finds these files
//! in the walk that finds the posts, and shows each key as the name a reader knows.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

/// The files that name a blog's authors.
const FILES: [&str; 3] = ["authors.yml", "authors.yaml", ".authors.yml"];

/// Each author's key and the name it stands for.
#[derive(Debug, Default)]
pub struct AuthorNames(BTreeMap<String, String>);

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
                if let Some(name) = author.get("name").and_then(Value::as_str) {
                    names.insert(key, name.trim().to_owned());
                }
            }
        }
        Ok(AuthorNames(names))
    }

    /// Replaces each author given by a key the blog names with the name.
    pub fn resolve(&self, authors: &mut [String]) {
        for author in authors {
            if let Some(name) = self.0.get(author.as_str()).filter(|n| !n.is_empty()) {
                *author = name.clone();
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
            "slorber:\n  name: Sébastien Lorber\n  title: Maintainer\n",
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
        let mut authors = vec![
            "slorber".to_owned(),
            "squidfunk".to_owned(),
            "Ada Example".to_owned(),
        ];
        names.resolve(&mut authors);
        assert_eq!(
            authors,
            ["Sébastien Lorber", "Martin Donath", "Ada Example"]
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
