//! The IMS Common Cartridge 1.1 package (`.imscc`): the pages as web
//! content in the course's structure (modules become sections when Moodle
//! imports it) and a web link to the live course. 1.1 is the newest version
//! Moodle's importer takes. Moodle recognises a cartridge by the default
//! namespace in the manifest's first 500 bytes, so it is declared first.

use super::scorm::{href, xml_id};
use super::{Contents, Inputs, Package};
use crate::model::Kind;
use crate::parse::markdown::escape_html as esc;
use std::collections::BTreeMap;
use std::fmt::Write;

const WEBLINK: &str = "weblinks/online.xml";

pub fn package(inputs: &Inputs, pkg: &Package, contents: &Contents) -> Vec<u8> {
    let mut files = contents.files.clone();
    let site = inputs.site;
    let root = site.page(pkg.root);
    let online = format!("{}{}", site.config.base(), root.url);
    let online_title = inputs
        .i18n
        .t(&pkg.lang, "package_online_version", None, &[])
        .unwrap_or_else(|_| "Online version".into());
    files.insert(
        WEBLINK.into(),
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<webLink xmlns=\"http://www.imsglobal.org/xsd/imsccv1p1/imswl_v1p1\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://www.imsglobal.org/xsd/imsccv1p1/imswl_v1p1 http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imswl_v1p1.xsd\">\n  <title>{}</title>\n  <url href=\"{}\" target=\"_blank\"/>\n</webLink>\n",
            esc(&online_title),
            esc(&online)
        )
        .into_bytes(),
    );
    let manifest = manifest(inputs, pkg, contents, &online_title);
    files.insert("imsmanifest.xml".into(), manifest.into_bytes());
    super::zipfile::zip_bytes(&files, super::zipfile::Effort::Best)
}

fn manifest(inputs: &Inputs, pkg: &Package, contents: &Contents, online_title: &str) -> String {
    let site = inputs.site;
    let root = site.page(pkg.root);
    let lang = pkg.lang.as_str();
    let path_of: BTreeMap<usize, &str> = contents
        .pages
        .iter()
        .map(|(path, i)| (*i, path.as_str()))
        .collect();
    let rid = |i: usize| format!("R_{}", xml_id(path_of[&i]));
    let mut x = String::with_capacity(8192);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        x,
        "<manifest xmlns=\"http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1\" identifier=\"{}\" xmlns:lomimscc=\"http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest\" xmlns:lom=\"http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1 http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imscp_v1p2_v1p0.xsd http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lommanifest_v1p0.xsd http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lomresource_v1p0.xsd\">",
        esc(&xml_id(&format!("cc-{}-{lang}", crate::link::progress_id(root))))
    );
    x.push_str("  <metadata>\n    <schema>IMS Common Cartridge</schema>\n    <schemaversion>1.1.0</schemaversion>\n");
    x.push_str("    <lomimscc:lom>\n      <lomimscc:general>\n");
    let _ = writeln!(
        x,
        "        <lomimscc:title><lomimscc:string language=\"{}\">{}</lomimscc:string></lomimscc:title>",
        esc(lang),
        esc(&root.title)
    );
    let _ = writeln!(
        x,
        "        <lomimscc:language>{}</lomimscc:language>",
        esc(lang)
    );
    if let Some(d) = root.description.as_deref().filter(|d| !d.is_empty()) {
        let _ = writeln!(
            x,
            "        <lomimscc:description><lomimscc:string language=\"{}\">{}</lomimscc:string></lomimscc:description>",
            esc(lang),
            esc(d)
        );
    }
    x.push_str("      </lomimscc:general>\n");
    if let Some(url) = crate::meta::amb::license_url(&root.license) {
        let _ = writeln!(
            x,
            "      <lomimscc:rights>\n        <lomimscc:copyrightAndOtherRestrictions><lomimscc:value>yes</lomimscc:value></lomimscc:copyrightAndOtherRestrictions>\n        <lomimscc:description><lomimscc:string language=\"{}\">{} {}</lomimscc:string></lomimscc:description>\n      </lomimscc:rights>",
            esc(lang),
            esc(&root.license),
            esc(&url)
        );
    }
    x.push_str("    </lomimscc:lom>\n  </metadata>\n");

    // The root item has no title and no resource, as the profile requires.
    x.push_str("  <organizations>\n    <organization identifier=\"O_1\" structure=\"rooted-hierarchy\">\n      <item identifier=\"I_root\">\n");
    let item = |x: &mut String, indent: &str, i: usize| {
        let _ = writeln!(
            x,
            "{indent}<item identifier=\"I_{}\" identifierref=\"{}\"><title>{}</title></item>",
            xml_id(path_of[&i]),
            rid(i),
            esc(&site.page(i).title)
        );
    };
    item(&mut x, "        ", pkg.root);
    match site.courses.get(&pkg.root) {
        Some(outline) => {
            for (module, lessons) in &outline.modules {
                if *module == pkg.root {
                    for &l in lessons.iter().filter(|l| path_of.contains_key(l)) {
                        item(&mut x, "        ", l);
                    }
                    continue;
                }
                if !path_of.contains_key(module) {
                    continue;
                }
                let _ = writeln!(
                    x,
                    "        <item identifier=\"F_{}\"><title>{}</title>",
                    xml_id(path_of[module]),
                    esc(&site.page(*module).title)
                );
                item(&mut x, "          ", *module);
                for &l in lessons.iter().filter(|l| path_of.contains_key(l)) {
                    item(&mut x, "          ", l);
                }
                x.push_str("        </item>\n");
            }
        }
        None => {
            for &(_, i) in contents.pages.iter().skip(1) {
                if matches!(site.page(i).kind, Kind::Chapter) {
                    item(&mut x, "        ", i);
                }
            }
        }
    }
    let _ = writeln!(
        x,
        "        <item identifier=\"I_online\" identifierref=\"R_online\"><title>{}</title></item>",
        esc(online_title)
    );
    x.push_str("      </item>\n    </organization>\n  </organizations>\n  <resources>\n");
    for (path, i) in &contents.pages {
        let _ = writeln!(
            x,
            "    <resource identifier=\"{}\" type=\"webcontent\" href=\"{}\">\n      <file href=\"{}\"/>\n      <dependency identifierref=\"R_assets\"/>\n    </resource>",
            rid(*i),
            esc(&href(path)),
            esc(&href(path))
        );
    }
    x.push_str("    <resource identifier=\"R_assets\" type=\"webcontent\">\n");
    // The certificate and single-page edition are files the pages link
    // to, not items of their own (the certificate needs the script that
    // LMS page imports strip).
    for f in contents
        .companions
        .iter()
        .chain(&contents.assets)
        .chain(&contents.extras)
    {
        let _ = writeln!(x, "      <file href=\"{}\"/>", esc(&href(f)));
    }
    x.push_str("    </resource>\n");
    let _ = writeln!(
        x,
        "    <resource identifier=\"R_online\" type=\"imswl_xmlv1p1\">\n      <file href=\"{WEBLINK}\"/>\n    </resource>"
    );
    x.push_str("  </resources>\n</manifest>\n");
    x
}
