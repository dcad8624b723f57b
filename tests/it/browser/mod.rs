//! Browser harness: Debian's chromium through chromedriver (thirtyfour), at
//! desktop width and at 390 px. A failing test leaves a screenshot in
//! `target/browser-screenshots/`.

mod anaf_flow;
mod invoice_flow;
mod setup_flow;

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use thirtyfour::prelude::*;
use tokio::sync::Mutex;

use crate::support::skip;

/// Browsers are heavy on a 2-core machine: one at a time.
static BROWSER_LOCK: Mutex<()> = Mutex::const_new(());

pub const DESKTOP: (u32, u32) = (1280, 900);
pub const PHONE: (u32, u32) = (390, 844);

pub struct Browser {
    pub driver: WebDriver,
    chromedriver: Child,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.chromedriver.kill();
        let _ = self.chromedriver.wait();
    }
}

fn find_binary(candidates: &[&str]) -> Option<String> {
    candidates
        .iter()
        .find(|p| std::path::Path::new(p).exists())
        .map(|p| p.to_string())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

impl Browser {
    /// Starts chromedriver and a headless chromium of the given size, or
    /// returns None (after a loud skip notice) where they are not installed.
    pub async fn start(test: &str, size: (u32, u32)) -> Option<Browser> {
        let driver_bin = find_binary(&["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]);
        let chrome_bin = find_binary(&["/usr/bin/chromium", "/usr/bin/chromium-browser"]);
        let (Some(driver_bin), Some(chrome_bin)) = (driver_bin, chrome_bin) else {
            skip(
                test,
                "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)",
            );
            return None;
        };
        let port = free_port();
        let chromedriver = Command::new(driver_bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let profile = tempfile::tempdir().expect("profile dir");
        let mut caps = DesiredCapabilities::chrome();
        caps.set_binary(&chrome_bin).expect("binary");
        for arg in [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
            "--lang=ro-RO",
            &format!("--user-data-dir={}", profile.path().display()),
            &format!("--window-size={},{}", size.0, size.1),
        ] {
            caps.add_arg(arg).expect("arg");
        }
        // A Romanian accountant's browser asks for Romanian first.
        caps.add_experimental_option(
            "prefs",
            serde_json::json!({"intl.accept_languages": "ro-RO,ro"}),
        )
        .expect("prefs");
        if size.0 < 500 {
            // Desktop Chrome will not make a window narrower than 500 px;
            // emulate the phone's viewport instead.
            caps.add_experimental_option(
                "mobileEmulation",
                serde_json::json!({"deviceMetrics": {"width": size.0, "height": size.1, "pixelRatio": 2}}),
            )
            .expect("mobile emulation");
        }
        let driver = WebDriver::new(format!("http://127.0.0.1:{port}"), caps)
            .await
            .expect("connect to chromedriver");
        Some(Browser {
            driver,
            chromedriver,
            _profile: profile,
        })
    }

    pub async fn screenshot(&self, name: &str) {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser-screenshots");
        let _ = std::fs::create_dir_all(&dir);
        let _ = self
            .driver
            .screenshot(&dir.join(format!("{name}.png")))
            .await;
    }

    /// Waits for an element by CSS selector.
    pub async fn wait_for(&self, css: &str) -> WebDriverResult<WebElement> {
        self.driver
            .query(By::Css(css))
            .wait(Duration::from_secs(10), Duration::from_millis(100))
            .first()
            .await
    }

    /// True when the page is no wider than the window (no sideways scroll).
    pub async fn fits_width(&self) -> bool {
        let ret = self
            .driver
            .execute(
                "return document.documentElement.scrollWidth <= window.innerWidth + 1;",
                Vec::new(),
            )
            .await;
        ret.ok().and_then(|r| r.json().as_bool()).unwrap_or(false)
    }
}

/// For `map_err`: what was being done, then the error.
pub fn e<T: std::fmt::Display>(context: &'static str) -> impl Fn(T) -> String {
    move |err| format!("{context}: {err}")
}

/// Clears the input found by `css` and types `value`.
pub async fn fill(b: &Browser, css: &str, value: &str) -> Result<(), String> {
    let input = b
        .wait_for(css)
        .await
        .map_err(|err| format!("{css}: {err}"))?;
    input
        .clear()
        .await
        .map_err(|err| format!("clear {css}: {err}"))?;
    input
        .send_keys(value)
        .await
        .map_err(|err| format!("type into {css}: {err}"))?;
    Ok(())
}

pub async fn click(b: &Browser, css: &str) -> Result<(), String> {
    b.wait_for(css)
        .await
        .map_err(|err| format!("{css}: {err}"))?
        .click()
        .await
        .map_err(|err| format!("click {css}: {err}"))
}

pub async fn text_of(b: &Browser, css: &str) -> Result<String, String> {
    b.wait_for(css)
        .await
        .map_err(|err| format!("waiting for {css}: {err}"))?
        .text()
        .await
        .map_err(|err| format!("text of {css}: {err}"))
}

/// Runs a browser scenario; on failure saves a screenshot, quits the
/// browser, and fails the test with the error.
pub async fn run<F, Fut>(test: &str, size: (u32, u32), scenario: F)
where
    F: FnOnce(std::sync::Arc<Browser>) -> Fut,
    Fut: std::future::Future<Output = Result<(), String>>,
{
    let _guard = BROWSER_LOCK.lock().await;
    let Some(browser) = Browser::start(test, size).await else {
        return;
    };
    let browser = std::sync::Arc::new(browser);
    let result = scenario(browser.clone()).await;
    if result.is_err() {
        browser.screenshot(test).await;
    }
    let _ = browser.driver.clone().quit().await;
    if let Err(e) = result {
        panic!("{test}: {e} (screenshot in target/browser-screenshots/{test}.png)");
    }
}

/// Like `run`, with two browsers (e.g. the accountant's desktop and a phone).
pub async fn run2<F, Fut>(test: &str, sizes: [(u32, u32); 2], scenario: F)
where
    F: FnOnce(std::sync::Arc<Browser>, std::sync::Arc<Browser>) -> Fut,
    Fut: std::future::Future<Output = Result<(), String>>,
{
    let _guard = BROWSER_LOCK.lock().await;
    let Some(first) = Browser::start(test, sizes[0]).await else {
        return;
    };
    let Some(second) = Browser::start(test, sizes[1]).await else {
        return;
    };
    let (first, second) = (std::sync::Arc::new(first), std::sync::Arc::new(second));
    let result = scenario(first.clone(), second.clone()).await;
    if result.is_err() {
        first.screenshot(&format!("{test}-1")).await;
        second.screenshot(&format!("{test}-2")).await;
    }
    let _ = first.driver.clone().quit().await;
    let _ = second.driver.clone().quit().await;
    if let Err(e) = result {
        panic!("{test}: {e} (screenshots in target/browser-screenshots/{test}-1.png, -2.png)");
    }
}
