//! The timeline: articles per day or week as bars stacked by outlet colour, events as dots
//! over them (both as the outlets and the search leave them), and a two-handled range selector with exact From/To pickers. Moving it narrows
//! the events list, the outlets and the articles at once; nothing hidden goes uncounted.
//!
//! The axis fits the bulk of the dated articles: a date far from the rest (an archive piece, a
//! wrong date) is counted as "earlier" or "later" at the ends instead of squashing a year of
//! news into a sliver. A From/To range zooms the axis to it.

use egui::{Color32, Pos2, Rect, Sense, Stroke, Ui};
use jiff::ToSpan;
use jiff::civil::Date;

use crate::gui::command::Command;
use crate::gui::view::View;

/// Height of the row of dates under the bars.
const DATE_LABELS_HEIGHT: f32 = 18.0;

#[derive(Default)]
pub struct Timeline {
    histogram: Option<Histogram>,
    drag: Option<Drag>,
    /// What the reader is typing in the dates field, and why it was not understood.
    typed: String,
    typed_error: Option<String>,
    /// The range the typed text set; once the range is set otherwise (a drag, a picker, All
    /// dates), the text no longer says what is shown and is cleared.
    typed_range: Option<(Date, Date)>,
}

/// Which part of the range a drag moves.
#[derive(Debug, Clone, Copy)]
enum Drag {
    From,
    To,
    /// A new range, from where the drag started.
    New(Date),
}

/// Counts per bin, cached per workspace, outlet filter and date range.
struct Histogram {
    key: HistogramKey,
    start: Date,
    end: Date,
    /// Dated articles before `start` and after `end`, with their first and last dates.
    earlier: Option<(usize, Date)>,
    later: Option<(usize, Date)>,
    bin_days: i64,
    /// Per bin: (outlet index, articles), ordered by outlet.
    bars: Vec<Vec<(usize, u32)>>,
    events: Vec<u32>,
    max: u32,
}

impl Timeline {
    pub fn reset(&mut self) {
        self.histogram = None;
        self.drag = None;
    }

    pub fn ui(&mut self, ui: &mut Ui, view: &View, commands: &mut Vec<Command>) {
        let ws = view.ws;
        let Some((first, last)) = ws.span else {
            ui.label(format!("TIMELINE — none of the {} articles has a known date.", ws.articles().len()));
            return;
        };
        let key = (std::sync::Arc::as_ptr(&ws.comparison) as usize, view.filters.hidden_outlets.iter().cloned().collect(), view.filters.from, view.filters.to, view.filters.search.clone());
        if self.histogram.as_ref().is_none_or(|h| h.key != key) {
            let (core_first, core_last) = crate::first_reported::core_span(ws.articles().iter().filter_map(|a| a.published).collect()).unwrap_or((first, last));
            let axis = (view.filters.from.unwrap_or(core_first), view.filters.to.unwrap_or(core_last));
            self.histogram = Some(Histogram::new(view, key, axis.0, axis.1.max(axis.0)));
        }
        let h = self.histogram.as_ref().expect("just built");

        ui.horizontal(|ui| {
            ui.strong("TIMELINE");
            ui.weak(format!("articles per {} by outlet; dots count events", if h.bin_days == 1 { "day" } else if h.bin_days == 7 { "week" } else { "month" }));
            if view.visible.hidden_by_date > 0 {
                ui.separator();
                ui.label(format!("{} and {} outside the range", super::widgets::plural(view.visible.hidden_by_date, "article"), super::widgets::plural(view.visible.events_hidden, "event")));
            }
            ui.separator();
            let mut from = view.filters.from.unwrap_or(first);
            let mut to = view.filters.to.unwrap_or(last);
            ui.label("From");
            let f = ui.add(egui_extras::DatePickerButton::new(&mut from).id_salt("from").format("%Y-%m-%d")).on_hover_text("First day shown");
            ui.label("To");
            let t = ui.add(egui_extras::DatePickerButton::new(&mut to).id_salt("to").format("%Y-%m-%d")).on_hover_text("Last day shown");
            if f.changed() || t.changed() {
                commands.push(Command::SetDateRange(Some(from), Some(to)));
            }
            let label = ui.label("or type");
            let field_id = ui.make_persistent_id("typed-dates");
            let range = view.filters.from.zip(view.filters.to);
            if !self.typed.is_empty() && self.typed_error.is_none() && range != self.typed_range && !ui.memory(|m| m.has_focus(field_id)) {
                self.typed.clear();
            }
            let field = ui.add(egui::TextEdit::singleline(&mut self.typed).id(field_id).hint_text("2024-03 .. 2024-04").desired_width(150.0)).labelled_by(label.id).on_hover_text(
                "Type a day (2024-03-05), a month (2024-03), a year (2024) or a range (2024-03-01 .. 2024-04-15), then Enter",
            );
            if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                match typed_range(&self.typed) {
                    Some((from, to)) => {
                        self.typed_error = None;
                        self.typed_range = Some((from, to));
                        commands.push(Command::SetDateRange(Some(from), Some(to)));
                    }
                    None => self.typed_error = Some(format!("not a date or a range: “{}”", self.typed.trim())),
                }
            }
            if let Some(error) = &self.typed_error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            if ui.add_enabled(view.filters.has_date_range(), egui::Button::new("All dates")).on_hover_text("Show every date again").clicked() {
                commands.push(Command::SetDateRange(None, None));
            }
            if ws.undated > 0 {
                ui.separator();
                let mut show = view.filters.show_undated || !view.filters.has_date_range();
                let text = format!("{} undated articles", ws.undated);
                let check = ui.add_enabled(view.filters.has_date_range(), egui::Checkbox::new(&mut show, text));
                if check.on_hover_text("Articles with no known date: shown with every date, and while a range is set only if ticked").changed() {
                    commands.push(Command::ShowUndated(show));
                }
            }
        });

        // The painter and the date labels under it fill the panel exactly: content shorter than
        // the panel would shrink this resizable panel a little every frame.
        let below = ui.spacing().item_spacing.y + DATE_LABELS_HEIGHT;
        let height = (ui.available_height() - below).max(50.0);
        let (response, painter) = ui.allocate_painter(egui::vec2(ui.available_width(), height), Sense::click_and_drag());
        let rect = response.rect.shrink2(egui::vec2(6.0, 2.0));
        painter.rect_filled(response.rect, 2.0, ui.visuals().extreme_bg_color);
        let total_days = ((h.end - h.start).get_days().max(1)) as f32;
        let x_of = |d: Date| rect.left() + ((d - h.start).get_days() as f32 / total_days).clamp(0.0, 1.0) * rect.width();
        let date_at = |x: f32| -> Date {
            let t = ((x - rect.left()) / rect.width()).clamp(0.0, 1.0);
            h.start.checked_add(((t * total_days).round() as i64).days()).unwrap_or(h.end)
        };
        let bin_width = rect.width() * h.bin_days as f32 / total_days;
        for (b, bar) in h.bars.iter().enumerate() {
            let x0 = rect.left() + b as f32 * bin_width;
            let mut y = rect.bottom();
            for &(outlet, n) in bar {
                let height = rect.height() * 0.9 * n as f32 / h.max.max(1) as f32;
                let r = Rect::from_min_max(Pos2::new(x0 + 0.5, y - height), Pos2::new(x0 + bin_width.max(2.0) - 0.5, y));
                painter.rect_filled(r, 0.0, ws.outlets[outlet].color);
                y -= height;
            }
        }
        // Events: a dot per bin, higher for more.
        let max_events = h.events.iter().copied().max().unwrap_or(0).max(1) as f32;
        let dot = ui.visuals().strong_text_color();
        for (b, &n) in h.events.iter().enumerate().filter(|(_, n)| **n > 0) {
            let center = Pos2::new(rect.left() + (b as f32 + 0.5) * bin_width, rect.bottom() - rect.height() * 0.9 * n as f32 / max_events);
            painter.circle_filled(center, 3.0, dot);
        }

        // The chosen thread's developments (while it or one of its stories is shown): a
        // marker at each one's first day, numbered as in its grid.
        if let Some(thread) = chosen_thread(view) {
            let mark = ui.visuals().selection.bg_fill;
            for (d, &story) in thread.stories.iter().enumerate() {
                let Some((first, _)) = ws.story_span[story] else { continue };
                let x = x_of(first);
                painter.vline(x, rect.y_range(), Stroke::new(1.0, mark));
                let top = rect.top();
                painter.add(egui::Shape::convex_polygon(vec![Pos2::new(x - 5.0, top), Pos2::new(x + 5.0, top), Pos2::new(x, top + 7.0)], mark, Stroke::NONE));
                painter.text(Pos2::new(x + 6.0, top), egui::Align2::LEFT_TOP, (d + 1).to_string(), egui::FontId::proportional(10.0), ui.visuals().strong_text_color());
            }
        }

        // The selected range: shade what is outside it, draw the handles.
        let from = view.filters.from.unwrap_or(h.start);
        let to = view.filters.to.unwrap_or(h.end);
        let (mut sel_from, mut sel_to) = (from, to);
        if let (Some(drag), Some(pos)) = (self.drag, response.interact_pointer_pos()) {
            let at = date_at(pos.x);
            match drag {
                Drag::From => sel_from = at,
                Drag::To => sel_to = at,
                Drag::New(start) => (sel_from, sel_to) = (start.min(at), start.max(at)),
            }
        }
        let shade = Color32::from_black_alpha(if view.dark { 140 } else { 90 });
        let (xf, xt) = (x_of(sel_from), x_of(sel_to));
        painter.rect_filled(Rect::from_min_max(response.rect.left_top(), Pos2::new(xf, response.rect.bottom())), 0.0, shade);
        painter.rect_filled(Rect::from_min_max(Pos2::new(xt, response.rect.top()), response.rect.right_bottom()), 0.0, shade);
        let handle = Stroke::new(3.0, ui.visuals().selection.stroke.color);
        for x in [xf, xt] {
            painter.vline(x, response.rect.y_range(), handle);
        }
        let text_color = ui.visuals().text_color();
        let font = egui::FontId::proportional(11.0);
        if view.filters.has_date_range() || self.drag.is_some() {
            painter.text(Pos2::new((xf + xt) / 2.0, response.rect.top() + 2.0), egui::Align2::CENTER_TOP, format!("{sel_from} – {sel_to}"), font, text_color);
        }
        // Under the bars: the axis's first and last days, and what lies beyond them.
        // Exactly this high, whatever the labels measure: the panel keeps its size.
        let (row, _) = ui.allocate_exact_size(egui::vec2(ui.available_width(), DATE_LABELS_HEIGHT), Sense::hover());
        let mut row = ui.new_child(egui::UiBuilder::new().max_rect(row).layout(egui::Layout::left_to_right(egui::Align::Center)));
        if let Some((n, earliest)) = h.earlier {
            row.label(egui::RichText::new(format!("{n} earlier")).small().strong())
                .on_hover_text(format!("{n} dated articles before the axis, from {earliest}; All dates or From shows them"));
        }
        row.label(egui::RichText::new(h.start.to_string()).small());
        row.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if let Some((n, latest)) = h.later {
                ui.label(egui::RichText::new(format!("{n} later")).small().strong())
                    .on_hover_text(format!("{n} dated articles after the axis, up to {latest}; All dates or To shows them"));
            }
            ui.label(egui::RichText::new(h.end.to_string()).small());
        });

        if response.drag_started()
            && let Some(pos) = response.interact_pointer_pos()
        {
            self.drag = Some(if (pos.x - xf).abs() < 8.0 {
                Drag::From
            } else if (pos.x - xt).abs() < 8.0 {
                Drag::To
            } else {
                Drag::New(date_at(pos.x))
            });
        }
        if response.drag_stopped() && self.drag.take().is_some() {
            // Across the whole unzoomed axis means every date (the outliers too).
            let all = !view.filters.has_date_range() && sel_from <= h.start && sel_to >= h.end;
            commands.push(if all { Command::SetDateRange(None, None) } else { Command::SetDateRange(Some(sel_from), Some(sel_to)) });
        }
        // Over a bar: its days, and how many articles (by outlet) and events it counts.
        let hovered_bin = response.hover_pos().filter(|_| self.drag.is_none()).map(|p| (((p.x - rect.left()) / bin_width).floor().max(0.0) as usize).min(h.bars.len().saturating_sub(1)));
        match hovered_bin {
            Some(b) if !h.bars.is_empty() => {
                let first = h.start.checked_add((b as i64 * h.bin_days).days()).unwrap_or(h.end);
                let last = first.checked_add((h.bin_days - 1).days()).unwrap_or(h.end).min(h.end);
                let days = if first == last { first.to_string() } else { format!("{first} – {last}") };
                let articles: u32 = h.bars[b].iter().map(|e| e.1).sum();
                let mut by_outlet: Vec<String> = h.bars[b].iter().map(|&(o, n)| format!("{} {n}", ws.outlets[o].name)).collect();
                by_outlet.truncate(12);
                let counts = format!("{}, {}", super::widgets::plural(articles as usize, "article"), super::widgets::plural(h.events[b] as usize, "event"));
                response.on_hover_text(format!("{days}: {counts}{}{}\nDrag across the bars to show only a date range; drag a handle to move one end", if by_outlet.is_empty() { "" } else { "\n" }, by_outlet.join(" · ")));
            }
            _ => {
                response.on_hover_text("Drag across the bars to show only that date range; drag a handle to move one end");
            }
        }
    }
}

/// What a histogram is drawn from: the alignment, the hidden outlets, the range, the search.
type HistogramKey = (usize, Vec<String>, Option<Date>, Option<Date>, String);

impl Histogram {
    /// Bins the articles dated `start..=end`; those outside are counted as earlier and later.
    fn new(view: &View, key: HistogramKey, start: Date, last: Date) -> Histogram {
        let ws = view.ws;
        let days = (last - start).get_days() as i64 + 1;
        let bin_days: i64 = if days <= 120 { 1 } else if days <= 3 * 365 { 7 } else { 30 };
        let bins = (days / bin_days + 1) as usize;
        let end = start.checked_add((bins as i64 * bin_days - 1).days()).unwrap_or(last);
        let bin_of = |d: Date| (((d - start).get_days() as i64) / bin_days).clamp(0, bins as i64 - 1) as usize;
        let mut counts: Vec<std::collections::BTreeMap<usize, u32>> = vec![Default::default(); bins];
        let (mut earlier, mut later) = (None::<(usize, Date)>, None::<(usize, Date)>);
        for (i, a) in ws.articles().iter().enumerate() {
            if let Some(d) = a.published
                && !view.filters.hidden_outlets.contains(&ws.outlet(i).name)
                && view.visible.search.iter().all(|w| ws.article_matches(i, w))
            {
                if d < start {
                    earlier = Some(earlier.map_or((1, d), |(n, e)| (n + 1, e.min(d))));
                } else if d > last {
                    later = Some(later.map_or((1, d), |(n, l)| (n + 1, l.max(d))));
                } else {
                    *counts[bin_of(d)].entry(ws.outlet_of[i]).or_default() += 1;
                }
            }
        }
        // The events the lists show (the outlets and the search narrow them as they do the list).
        let mut events = vec![0u32; bins];
        for e in &view.visible.events {
            if let Some(d) = e.event.date.filter(|d| (start..=last).contains(d)) {
                events[bin_of(d)] += 1;
            }
        }
        let bars: Vec<Vec<(usize, u32)>> = counts.into_iter().map(|m| m.into_iter().collect()).collect();
        let max = bars.iter().map(|b| b.iter().map(|e| e.1).sum::<u32>()).max().unwrap_or(1);
        Histogram { key, start, end, earlier, later, bin_days, bars, events, max }
    }
}

/// The days a typed date stands for: a day, a month ("2024-03"), a year ("2024"), or a range of
/// those ("2024-03-01 .. 2024-04", "2024 to 2025", "2024-03-01 – 2024-03-09"), first to last.
/// The thread whose developments the timeline marks: the chosen one, while its grid or one of
/// its stories' claims is shown.
fn chosen_thread<'a>(view: &View<'a>) -> Option<&'a crate::gui::filter::VisibleThread> {
    let t = view.selection.thread?;
    let shown = match view.selection.mode {
        crate::gui::command::Mode::Thread(shown) => shown == t,
        crate::gui::command::Mode::Story(s) => view.ws.thread_of[s] == Some(t),
        _ => false,
    };
    if shown { view.visible.thread(t) } else { None }
}

fn typed_range(text: &str) -> Option<(Date, Date)> {
    let text = text.trim();
    let one = |part: &str| -> Option<(Date, Date)> {
        let part = part.trim();
        let fields: Vec<&str> = part.split('-').collect();
        let number = |s: &str| s.parse::<i16>().ok().filter(|_| s.chars().all(|c| c.is_ascii_digit()));
        match fields.as_slice() {
            [y] if y.len() == 4 => {
                let y = number(y)?;
                Some((Date::new(y, 1, 1).ok()?, Date::new(y, 12, 31).ok()?))
            }
            [y, m] if y.len() == 4 => {
                let first = Date::new(number(y)?, number(m)? as i8, 1).ok()?;
                Some((first, first.last_of_month()))
            }
            [_, _, _] => part.parse::<Date>().ok().map(|d| (d, d)),
            _ => None,
        }
    };
    let separators = ["..", " – ", " - ", " to ", "–"];
    match separators.iter().find_map(|sep| text.split_once(sep)) {
        Some((a, b)) => {
            let (a, b) = (one(a)?, one(b)?);
            Some((a.0.min(b.0), a.1.max(b.1)))
        }
        None => one(text),
    }
}

#[cfg(test)]
mod tests {
    use super::typed_range;
    use jiff::civil::date;

    #[test]
    fn typed_dates_are_days_months_years_and_ranges() {
        assert_eq!(typed_range("2024-03-05"), Some((date(2024, 3, 5), date(2024, 3, 5))));
        assert_eq!(typed_range(" 2024-02 "), Some((date(2024, 2, 1), date(2024, 2, 29))));
        assert_eq!(typed_range("2024"), Some((date(2024, 1, 1), date(2024, 12, 31))));
        assert_eq!(typed_range("2024-03-01 .. 2024-04"), Some((date(2024, 3, 1), date(2024, 4, 30))));
        assert_eq!(typed_range("2025 to 2024"), Some((date(2024, 1, 1), date(2025, 12, 31))));
        assert_eq!(typed_range("2024-03-01 – 2024-03-09"), Some((date(2024, 3, 1), date(2024, 3, 9))));
        for bad in ["", "March", "2024-13", "2024-02-30", "24-03-01", "2024..", "١٢٣٤"] {
            assert_eq!(typed_range(bad), None, "{bad:?}");
        }
    }
}
