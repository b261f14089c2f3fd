//! The Help window: keyboard shortcuts and how to read the window.

pub fn window(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("Help").open(open).resizable(true).default_width(420.0).show(ctx, |ui| {
        ui.heading("Keyboard");
        egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
            for (keys, what) in [
                ("J or ↓", "next event (from a story's grid: its next claim)"),
                ("K or ↑", "previous event"),
                ("Esc", "back: from an article to the comparison, from a claim to its story's grid"),
                ("Ctrl+O", "open a folder"),
                ("Ctrl+R or F5", "reload the folder"),
                ("Ctrl+F", "search events"),
                ("Ctrl+Z", "undo the last correction (claims, stories, notes, outlets, dates)"),
                ("Ctrl+Shift+Z or Ctrl+Y", "redo it"),
                ("right-click", "correct: a claim, a cell, a column header, a story, a passage of an article"),
                ("F1", "this help"),
            ] {
                ui.strong(keys);
                ui.label(what);
                ui.end_row();
            }
        });
        ui.separator();
        ui.heading("Reading the window");
        ui.label("A story is the articles that report one happening. An event is one claim of a story as at least two of its articles state it, one passage each; a LEDE event is how each outlet's headline and first sentences told the story. A REUSE event joins articles of different stories: the same text, or the same specific figure in the same words. Each event says why its passages were joined (shared words and figures, similarity).");
        ui.label("Choose a story to see its claims grid: a row per claim, a column per article (the claim column stays put while the articles scroll sideways). 'not reported' marks a claim an article leaves out, 'first reported' the earliest to publish it, and 'REUSED IN' links a passage to the other stories that carry the same text. Hover any cell for why its row is one claim; click it to compare side by side.");
        ui.label("In the comparison, every column is compared with the base column: words only in the base are struck through, words only in the column are highlighted, and numbers that differ are underlined in orange. Columns that share little wording are marked 'rewritten'.");
        ui.label("Coverage shows which outlets report an event (one colour per outlet); agreement shows how alike their wording is.");
        ui.label("The timeline counts articles per day or week, coloured by outlet, with dots for events. Drag across it, or use From and To, to narrow everything to a date range.");
        ui.label("Corrections of an outlet or date are saved to parallax.json in the folder; article files are never changed.");
    });
}
