//! Stable colours: an outlet's colour comes from its name, so it is the same in every panel,
//! every session and every folder.

use egui::Color32;

/// The colour of an outlet (or of an event, from its id).
pub fn for_name(name: &str) -> Color32 {
    // FNV-1a: stable across runs and platforms, unlike the std hasher.
    let mut h: u32 = 0x811c_9dc5;
    for b in name.bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    // Golden-ratio spacing of hues keeps neighbours apart; fixed saturation and value keep text readable.
    let hue = (h as f32 / u32::MAX as f32 * 0.618_034 * 7.0).fract();
    let hsva = egui::ecolor::Hsva::new(hue, 0.62, 0.82, 1.0);
    Color32::from(hsva)
}

/// A translucent version of `color` for backgrounds behind text.
pub fn background(color: Color32, dark_mode: bool) -> Color32 {
    let alpha = if dark_mode { 70 } else { 55 };
    Color32::from_rgba_unmultiplied(color.r(), color.g(), color.b(), alpha)
}

/// Highlight for words only in the compared column.
pub fn added(dark_mode: bool) -> Color32 {
    if dark_mode { Color32::from_rgb(30, 90, 45) } else { Color32::from_rgb(190, 240, 190) }
}

/// Background for words only in the base column.
pub fn removed(dark_mode: bool) -> Color32 {
    if dark_mode { Color32::from_rgb(100, 35, 35) } else { Color32::from_rgb(250, 205, 205) }
}

/// Outline colour for numbers that differ.
pub fn number(dark_mode: bool) -> Color32 {
    if dark_mode { Color32::from_rgb(255, 190, 60) } else { Color32::from_rgb(180, 95, 0) }
}

#[cfg(test)]
mod tests {
    #[test]
    fn colours_are_stable_and_distinct() {
        assert_eq!(super::for_name("BBC News"), super::for_name("BBC News"));
        assert_ne!(super::for_name("BBC News"), super::for_name("Fox News"));
    }
}
