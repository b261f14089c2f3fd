//! Fallback fonts: egui's bundled fonts lack arrows (↑ ↓ ←), the non-breaking hyphen (U+2011)
//! and every CJK character, which then show as empty boxes. Where the system has a font that
//! covers them, it is added after the bundled ones, so it is used only for what they lack.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

/// Families tried, in order: wide symbol and punctuation coverage first, then CJK.
const FALLBACK_FAMILIES: [&str; 12] = [
    "DejaVu Sans",
    "Noto Sans",
    "Noto Sans Symbols 2",
    "Segoe UI Symbol",
    "Apple Symbols",
    "Arial Unicode MS",
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "Microsoft YaHei",
    "PingFang SC",
];

/// egui's fonts plus the system's fallback fonts that exist here.
pub fn with_system_fallbacks() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    for family in FALLBACK_FAMILIES {
        let query = fontdb::Query { families: &[fontdb::Family::Name(family)], ..fontdb::Query::default() };
        let Some(id) = db.query(&query) else { continue };
        let Some(data) = db.with_face_data(id, |bytes, index| {
            let mut data = FontData::from_owned(bytes.to_vec());
            data.index = index;
            data
        }) else {
            continue;
        };
        let name = format!("system: {family}");
        fonts.font_data.insert(name.clone(), Arc::new(data));
        for list in [FontFamily::Proportional, FontFamily::Monospace] {
            fonts.families.entry(list).or_default().push(name.clone());
        }
    }
    fonts
}
