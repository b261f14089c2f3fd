//! Opening an article's original in the system browser: only `http(s)` addresses (an opened
//! folder is untrusted, and a `javascript:` or `file:` URL in it must not run), off the UI thread
//! (starting a browser can take seconds), with the outcome reported back to the status line.

use std::sync::mpsc::{Receiver, channel};

/// Starts the system's browser on a web address.
pub type Opener = fn(&str) -> std::io::Result<()>;

/// The system browser, through the `webbrowser` crate (built `hardened`: it too refuses any
/// scheme but http and https).
pub fn system_browser(url: &str) -> std::io::Result<()> {
    webbrowser::open(url)
}

/// Why a link was not opened.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum BrowserError {
    #[error("Not opened: \"{0}\" is not a web address (Parallax opens only http and https links)")]
    NotAWebAddress(String),
    #[error("Could not start a browser for {url} ({reason}); use Copy link and paste it into one")]
    NoBrowser { url: String, reason: String },
    #[error("Could not start a browser for {0}")]
    Stopped(String),
}

pub struct Browser {
    opener: Opener,
    /// The address being opened, and where its outcome will arrive.
    pending: Option<(String, Receiver<std::io::Result<()>>)>,
}

impl Default for Browser {
    fn default() -> Self {
        Browser::new(system_browser)
    }
}

impl Browser {
    pub fn new(opener: Opener) -> Browser {
        Browser { opener, pending: None }
    }

    /// Starts opening `url`, or says why it is not opened: it is not a web address.
    pub fn open(&mut self, url: &str, ctx: &egui::Context) -> Result<(), BrowserError> {
        let Some(link) = crate::share::web_link(url) else {
            let shown: String = crate::unicode::for_terminal(url, true).chars().take(80).collect();
            return Err(BrowserError::NotAWebAddress(shown));
        };
        let (sender, receiver) = channel();
        let (opener, link, ctx) = (self.opener, link.to_string(), ctx.clone());
        std::thread::spawn(move || {
            let _ = sender.send(opener(&link));
            ctx.request_repaint();
        });
        self.pending = Some((url.to_string(), receiver));
        Ok(())
    }

    /// The outcome of the last [`Browser::open`], once it is known: a notice, or an error.
    pub fn poll(&mut self) -> Option<Result<String, BrowserError>> {
        let (url, receiver) = self.pending.as_ref()?;
        let outcome = match receiver.try_recv() {
            Ok(Ok(())) => Ok(format!("Opened {url} in the browser")),
            Ok(Err(e)) => Err(BrowserError::NoBrowser { url: url.clone(), reason: e.to_string() }),
            Err(std::sync::mpsc::TryRecvError::Empty) => return None,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => Err(BrowserError::Stopped(url.clone())),
        };
        self.pending = None;
        Some(outcome)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    static OPENED: Mutex<Vec<String>> = Mutex::new(Vec::new());

    fn recording(url: &str) -> std::io::Result<()> {
        OPENED.lock().unwrap().push(url.to_string());
        if url.contains("fails") { Err(std::io::Error::other("no browser found")) } else { Ok(()) }
    }

    fn outcome(browser: &mut Browser) -> Result<String, BrowserError> {
        for _ in 0..500 {
            if let Some(outcome) = browser.poll() {
                return outcome;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        panic!("the opener never answered");
    }

    #[test]
    fn only_web_addresses_reach_the_browser_and_a_failure_is_said() {
        let ctx = egui::Context::default();
        let mut browser = Browser::new(recording);
        for url in ["javascript:alert(document.cookie)", "file:///etc/passwd", "data:text/html,<script>x</script>", "ftp://example.com/a"] {
            let refused = browser.open(url, &ctx).unwrap_err().to_string();
            assert!(refused.contains("not a web address"), "{refused}");
        }
        assert!(browser.poll().is_none());
        browser.open("https://example.com/story", &ctx).unwrap();
        assert_eq!(outcome(&mut browser).unwrap(), "Opened https://example.com/story in the browser");
        browser.open("https://example.com/fails", &ctx).unwrap();
        let failed = outcome(&mut browser).unwrap_err().to_string();
        assert!(failed.contains("Could not start a browser") && failed.contains("no browser found"), "{failed}");
        assert_eq!(*OPENED.lock().unwrap(), ["https://example.com/story", "https://example.com/fails"], "nothing else was opened");
    }
}
