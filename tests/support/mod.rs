//! Helpers the test binaries share: the seed folder, running the command line, driving the
//! window.
#![allow(dead_code)] // each test binary uses its own subset

pub mod cli;
pub mod window;

use std::path::{Path, PathBuf};

pub fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// A copy of the seeds the test may write a sidecar into.
pub fn seeds_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(seeds()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    dir
}


/// A folder of two developments of one subject and an unrelated story: the Kessel dam bursts
/// (three outlets, 2 May 2024), an inquiry blames its contractor (two of those outlets, 8 May:
/// Metro News says nothing of it), and an orchestra opens its season (5 May).
pub fn thread_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let articles = [
        ("courier-dam.md", "Kessel dam bursts, flooding three villages in the Arno valley", "Daily Courier", "2024-05-02",
         "The Kessel dam burst on Tuesday night and flooded three villages in the Arno valley. Army helicopters lifted 140 families from rooftops in Lindau, Maren and Oberfeld. The regional governor Liesl Varga declared a state of emergency on Wednesday morning. Engineers had warned about cracks in the concrete wall of the Kessel dam for years. Schools in the valley will stay closed until further notice."),
        ("post-dam.md", "Arno valley under water after the Kessel dam fails", "Valley Post", "2024-05-02",
         "Three villages of the Arno valley were flooded when the Kessel dam failed late on Tuesday. Helicopters of the army rescued 140 families from the roofs of Lindau, Maren and Oberfeld. Governor Liesl Varga declared a state of emergency on Wednesday. Engineers said they had warned for years about cracks in the dam's concrete wall. The valley's schools are closed until further notice."),
        ("metro-dam.md", "Kessel dam collapse: 140 families rescued from rooftops", "Metro News", "2024-05-03",
         "Army helicopters rescued 140 families from rooftops after the Kessel dam burst and flooded Lindau, Maren and Oberfeld in the Arno valley. Governor Liesl Varga declared a state of emergency. Cracks in the concrete wall of the dam had been reported for years, engineers said. Schools across the valley remain closed."),
        ("courier-inquiry.md", "Inquiry blames contractor Brandt Bau for the Kessel dam collapse", "Daily Courier", "2024-05-08",
         "An inquiry into the collapse of the Kessel dam blamed the contractor Brandt Bau for the flood. Inspector Hanna Wolff found that the cracks in the concrete wall were reported in 2021 but never repaired. The dam burst because its concrete wall had been weakened for years, the inquiry said. The flooded villages of the Arno valley will be rebuilt with public money. Brandt Bau denied any wrongdoing and said it would appeal."),
        ("post-inquiry.md", "Kessel dam inquiry finds cracks were never repaired", "Valley Post", "2024-05-08",
         "The cracks in the concrete wall of the Kessel dam were reported in 2021 and never repaired, inspector Hanna Wolff found in her inquiry into the collapse. Her report blames the contractor Brandt Bau for the flood of the Arno valley. The flooded villages will be rebuilt with public money. Brandt Bau denied wrongdoing and plans to appeal."),
        ("courier-orchestra.md", "City orchestra opens its season with Mahler", "Daily Courier", "2024-05-05",
         "The city orchestra opened its autumn season with a Mahler symphony on Saturday. Conductor Paavo Rinne thanked the audience after the encore. Tickets for the season sold out within a week. The orchestra will tour Japan in the spring."),
        ("metro-orchestra.md", "Mahler opens the orchestra's season", "Metro News", "2024-05-05",
         "A Mahler symphony opened the city orchestra's new season on Saturday night. Conductor Paavo Rinne thanked a full hall after the encore. The season's tickets sold out in a week, and a tour of Japan follows in the spring."),
    ];
    for (name, title, source, published, body) in articles {
        let text = format!("---\ntitle: \"{title}\"\nsource: \"{source}\"\npublished: \"{published}\"\n---\n{title}\n\n{body}\n");
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}
