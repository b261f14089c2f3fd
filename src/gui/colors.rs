//! Colours: outlets get colours a reader can tell apart (distinct in a perceptual space, the
//! busiest outlets first), from a preferred colour that comes from the outlet's name so it stays
//! put from folder to folder where it can; text drawn in an outlet's colour is darkened or
//! lightened until it reads against the theme (WCAG AA).

use egui::Color32;

/// Two outlet colours closer than this in OKLab are too alike to tell apart at a glance
/// (a just-noticeable difference is about 0.02; marks side by side need several).
pub const MIN_DISTANCE: f32 = 0.1;

/// The colour an outlet would like: its name's hue, on the candidate grid.
pub fn for_name(name: &str) -> Color32 {
    candidates()[preferred_index(name)]
}

fn preferred_index(name: &str) -> usize {
    // FNV-1a: stable across runs and platforms, unlike the std hasher.
    let mut h: u32 = 0x811c_9dc5;
    for b in name.bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    h as usize % candidates().len()
}

/// Colours for outlets in order of precedence (the busiest first): each takes its preferred
/// colour if that is at least [`MIN_DISTANCE`] from every colour taken before, else the
/// candidate nearest its preference that is; when none is left (dozens of outlets), the
/// candidate farthest from those taken.
pub fn distinct(names: &[&str]) -> Vec<Color32> {
    let grid = candidates();
    let lab: Vec<[f32; 3]> = grid.iter().map(|&c| oklab(c)).collect();
    let mut taken: Vec<usize> = Vec::new();
    let nearest_taken = |k: usize, taken: &[usize]| taken.iter().map(|&t| distance(lab[k], lab[t])).fold(f32::INFINITY, f32::min);
    for name in names {
        let preferred = preferred_index(name);
        let free = (0..grid.len())
            .filter(|&k| !taken.contains(&k) && nearest_taken(k, &taken) >= MIN_DISTANCE)
            .min_by(|&a, &b| distance(lab[a], lab[preferred]).total_cmp(&distance(lab[b], lab[preferred])).then(a.cmp(&b)));
        let pick = free.unwrap_or_else(|| {
            (0..grid.len()).max_by(|&a, &b| nearest_taken(a, &taken).total_cmp(&nearest_taken(b, &taken)).then(b.cmp(&a))).expect("candidates")
        });
        taken.push(pick);
    }
    taken.into_iter().map(|k| grid[k]).collect()
}

/// The colours outlets choose from: hues every 15° at three lightnesses, one chroma (OKLCh).
fn candidates() -> &'static [Color32] {
    static GRID: std::sync::LazyLock<Vec<Color32>> = std::sync::LazyLock::new(|| {
        let mut out = Vec::new();
        for lightness in [0.74, 0.62, 0.84] {
            for step in 0..24 {
                let hue = (step as f32 * 15.0 + 25.0).to_radians();
                out.push(from_oklab([lightness, 0.13 * hue.cos(), 0.13 * hue.sin()]));
            }
        }
        out
    });
    &GRID
}

/// `color` as text on the theme's background: its hue, as light or dark as needed for a
/// contrast of at least 4.5:1 (WCAG AA for body text).
pub fn readable(color: Color32, dark_mode: bool) -> Color32 {
    let background = if dark_mode { Color32::from_gray(27) } else { Color32::from_gray(248) };
    let [l, a, b] = oklab(color);
    let mut lightness = l;
    let mut c = color;
    for _ in 0..40 {
        if contrast(c, background) >= 4.5 {
            return c;
        }
        lightness += if dark_mode { 0.02 } else { -0.02 };
        c = from_oklab([lightness.clamp(0.0, 1.0), a, b]);
    }
    if dark_mode { Color32::WHITE } else { Color32::BLACK }
}

/// Makes every text colour of a theme read against its panels at WCAG AA: egui's weak text,
/// warnings (the LEDE mark) and links (the REUSE mark) are paler than that, above all in the
/// light theme.
pub fn readable_visuals(visuals: &mut egui::Visuals) {
    let dark = visuals.dark_mode;
    visuals.weak_text_color = Some(readable(visuals.weak_text_color(), dark));
    visuals.warn_fg_color = readable(visuals.warn_fg_color, dark);
    visuals.error_fg_color = readable(visuals.error_fg_color, dark);
    visuals.hyperlink_color = readable(visuals.hyperlink_color, dark);
    for widget in [&mut visuals.widgets.noninteractive, &mut visuals.widgets.inactive] {
        widget.fg_stroke.color = readable(widget.fg_stroke.color, dark);
    }
}

/// WCAG contrast ratio of two opaque colours.
pub fn contrast(x: Color32, y: Color32) -> f32 {
    let luminance = |c: Color32| {
        let [r, g, b] = [c.r(), c.g(), c.b()].map(|v| linear(v as f32 / 255.0));
        0.2126 * r + 0.7152 * g + 0.0722 * b
    };
    let (a, b) = (luminance(x), luminance(y));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

/// Distance of two colours in OKLab (a perceptual space).
pub fn distance(x: [f32; 3], y: [f32; 3]) -> f32 {
    ((x[0] - y[0]).powi(2) + (x[1] - y[1]).powi(2) + (x[2] - y[2]).powi(2)).sqrt()
}

fn linear(v: f32) -> f32 {
    if v <= 0.04045 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
}

fn gamma(v: f32) -> f32 {
    let v = v.clamp(0.0, 1.0);
    if v <= 0.003_130_8 { v * 12.92 } else { 1.055 * v.powf(1.0 / 2.4) - 0.055 }
}

/// sRGB to OKLab (Björn Ottosson's matrices).
pub fn oklab(c: Color32) -> [f32; 3] {
    let [r, g, b] = [c.r(), c.g(), c.b()].map(|v| linear(v as f32 / 255.0));
    let l = (0.412_221_46 * r + 0.536_332_55 * g + 0.051_445_995 * b).cbrt();
    let m = (0.211_903_5 * r + 0.680_699_5 * g + 0.107_396_96 * b).cbrt();
    let s = (0.088_302_46 * r + 0.281_718_85 * g + 0.629_978_7 * b).cbrt();
    [
        0.210_454_26 * l + 0.793_617_8 * m - 0.004_072_047 * s,
        1.977_998_5 * l - 2.428_592_2 * m + 0.450_593_7 * s,
        0.025_904_037 * l + 0.782_771_77 * m - 0.808_675_77 * s,
    ]
}

fn from_oklab([l, a, b]: [f32; 3]) -> Color32 {
    let l_ = (l + 0.396_337_78 * a + 0.215_803_76 * b).powi(3);
    let m_ = (l - 0.105_561_346 * a - 0.063_854_17 * b).powi(3);
    let s_ = (l - 0.089_484_18 * a - 1.291_485_5 * b).powi(3);
    let r = 4.076_741_7 * l_ - 3.307_711_6 * m_ + 0.230_969_94 * s_;
    let g = -1.268_438 * l_ + 2.609_757_4 * m_ - 0.341_319_38 * s_;
    let b = -0.004_196_086_3 * l_ - 0.703_418_6 * m_ + 1.707_614_7 * s_;
    let [r, g, b] = [r, g, b].map(|v| (gamma(v) * 255.0).round() as u8);
    Color32::from_rgb(r, g, b)
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
    use super::*;

    #[test]
    fn colours_are_stable_and_a_dozen_outlets_are_told_apart() {
        assert_eq!(for_name("BBC News"), for_name("BBC News"));
        // Kyiv Post and Ukrainska Pravda once had one colour.
        let mut names = vec!["Kyiv Post", "Ukrainska Pravda"];
        let more: Vec<String> = (0..10).map(|i| format!("Outlet {i}")).collect();
        names.extend(more.iter().map(String::as_str));
        let colours = distinct(&names);
        for i in 0..colours.len() {
            for j in 0..i {
                let d = distance(oklab(colours[i]), oklab(colours[j]));
                assert!(d >= MIN_DISTANCE, "{} and {} are {d:.3} apart", names[i], names[j]);
            }
        }
        assert_eq!(distinct(&names), colours, "the same outlets get the same colours");
    }

    #[test]
    fn every_text_colour_reads_in_both_themes() {
        for mut visuals in [egui::Visuals::light(), egui::Visuals::dark()] {
            readable_visuals(&mut visuals);
            let panel = visuals.panel_fill;
            for (what, colour) in [
                ("text", visuals.text_color()),
                ("weak", visuals.weak_text_color()),
                ("warning", visuals.warn_fg_color),
                ("error", visuals.error_fg_color),
                ("link", visuals.hyperlink_color),
            ] {
                assert!(contrast(colour, panel) >= 4.5, "{what} {colour:?} on {panel:?}, dark={}", visuals.dark_mode);
            }
        }
    }

    #[test]
    fn outlet_text_reads_in_both_themes() {
        for colour in candidates() {
            for dark in [false, true] {
                let background = if dark { Color32::from_gray(27) } else { Color32::from_gray(248) };
                assert!(contrast(readable(*colour, dark), background) >= 4.5, "{colour:?} dark={dark}");
            }
        }
    }
}
