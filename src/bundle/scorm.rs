//! The SCORM 1.2 package: `imsmanifest.xml` with one SCO, a launch page
//! that keeps the LMS session while the learner reads the course in a frame
//! inside it, and the bridge script that reports status and score.

use super::{Contents, Inputs, Package, PackageKind};
use crate::link::progress_id;
use crate::model::Kind;
use crate::parse::markdown::escape_html as esc;
use std::fmt::Write;

/// The launch page every LMS opens (and a reader who unzips the package).
pub const LAUNCH: &str = "index.html";
const BRIDGE: &str = "scorm.js";

pub fn package(inputs: &Inputs, pkg: &Package, contents: &Contents) -> Vec<u8> {
    let mut files = contents.files.clone();
    files.insert(
        LAUNCH.into(),
        launch_page(inputs, pkg, contents).into_bytes(),
    );
    files.insert(BRIDGE.into(), inputs.scorm_js.to_vec());
    let manifest = manifest(inputs, pkg, files.keys().map(String::as_str));
    files.insert("imsmanifest.xml".into(), manifest.into_bytes());
    super::zipfile::zip_bytes(&files, super::zipfile::Effort::Best)
}

fn manifest<'a>(inputs: &Inputs, pkg: &Package, files: impl Iterator<Item = &'a str>) -> String {
    let site = inputs.site;
    let p = site.page(pkg.root);
    let id = format!("oerhub-{}-{}", progress_id(p).replace('/', "-"), pkg.lang);
    let mut x = String::with_capacity(4096);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        x,
        "<manifest identifier=\"{}\" version=\"1.0\" xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\" xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd\">",
        esc(&xml_id(&id))
    );
    x.push_str("  <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>1.2</schemaversion>\n  </metadata>\n");
    x.push_str("  <organizations default=\"org\">\n    <organization identifier=\"org\">\n");
    let _ = writeln!(x, "      <title>{}</title>", esc(&p.title));
    let _ = writeln!(
        x,
        "      <item identifier=\"item\" identifierref=\"sco\" isvisible=\"true\">"
    );
    let _ = writeln!(x, "        <title>{}</title>", esc(&p.title));
    x.push_str("      </item>\n    </organization>\n  </organizations>\n");
    x.push_str("  <resources>\n");
    let _ = writeln!(
        x,
        "    <resource identifier=\"sco\" type=\"webcontent\" adlcp:scormtype=\"sco\" href=\"{LAUNCH}\">"
    );
    for f in files {
        let _ = writeln!(x, "      <file href=\"{}\"/>", esc(&href(f)));
    }
    x.push_str("    </resource>\n  </resources>\n</manifest>\n");
    x
}

/// A file name as a URI reference (spaces and the like percent-encoded).
pub fn href(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// An XML name: ids must not start with a digit or hold odd characters.
pub fn xml_id(s: &str) -> String {
    let mut id: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !id.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        id.insert(0, '_');
    }
    id
}

fn launch_page(inputs: &Inputs, pkg: &Package, contents: &Contents) -> String {
    let site = inputs.site;
    let p = site.page(pkg.root);
    let t = |key: &str| {
        inputs
            .i18n
            .t(&pkg.lang, key, None, &[])
            .unwrap_or_else(|_| key.to_string())
    };
    let start = &contents.pages[0].0;
    let (kind, course, lessons, quizzes) = match pkg.kind {
        PackageKind::Course => {
            let outline = site.courses.get(&pkg.root);
            let lessons: Vec<usize> = outline.map(|o| o.lessons.clone()).unwrap_or_default();
            let quizzes = lessons
                .iter()
                .filter(|&&l| matches!(&site.page(l).kind, Kind::Lesson(x) if x.quiz.is_some()))
                .map(|&l| progress_id(site.page(l)))
                .collect::<Vec<_>>()
                .join(" ");
            let lessons = lessons
                .iter()
                .map(|&l| progress_id(site.page(l)))
                .collect::<Vec<_>>()
                .join(" ");
            ("course", progress_id(p), lessons, quizzes)
        }
        PackageKind::Handbook => (
            "handbook",
            progress_id(p),
            contents
                .pages
                .iter()
                .map(|(path, _)| href(path))
                .collect::<Vec<_>>()
                .join(" "),
            String::new(),
        ),
    };
    format!(
        r#"<!DOCTYPE html>
<html lang="{lang}"{dir}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>html,body{{margin:0;height:100%}}body{{font-family:system-ui,sans-serif}}iframe{{display:block;border:0;width:100%;height:100%}}.launch{{padding:1rem}}</style>
</head>
<body data-kind="{kind}" data-course="{course}" data-lessons="{lessons}" data-quizzes="{quizzes}" data-start="{start}" data-frame-title="{title}">
<main class="launch"><h1>{title}</h1><p><a href="{start}">{open}</a></p></main>
<script src="{BRIDGE}"></script>
</body>
</html>
"#,
        lang = esc(pkg.lang.as_str()),
        dir = match crate::i18n::names::direction(pkg.lang.as_str()) {
            crate::i18n::names::Dir::Rtl => " dir=\"rtl\"",
            crate::i18n::names::Dir::Ltr => "",
        },
        title = esc(&p.title),
        course = esc(&course),
        lessons = esc(&lessons),
        quizzes = esc(&quizzes),
        start = esc(&href(start)),
        open = esc(&t(match pkg.kind {
            PackageKind::Course => "package_open_course",
            PackageKind::Handbook => "package_open_handbook",
        })),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_hrefs_are_xml_safe() {
        assert_eq!(xml_id("1-x/y"), "_1-x_y");
        assert_eq!(href("sources/a b.md"), "sources/a%20b.md");
    }
}
