//! The pinned AutoRest test server: installed with npm into the cache folder, run on a free
//! loopback port for the length of a harness run, always stopped at the end.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const PACKAGE: &str = "@microsoft.azure/autorest.testserver";
pub const VERSION: &str = "3.3.51";
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// The installed package folder (`…/node_modules/@microsoft.azure/autorest.testserver`),
/// installed the first time with `npm install` into `$APIGEN_CACHE/autorest-testserver-<v>`
/// so its own dependencies come from the npm registry.
pub fn install() -> Result<PathBuf, String> {
    let cache = crate::corpus::cache_dir()?;
    let prefix = cache.join(format!("autorest-testserver-{VERSION}"));
    let package = prefix.join("node_modules").join(PACKAGE);
    if package.join("dist/cli/cli.js").is_file() && package.join("swagger").is_dir() {
        return Ok(package);
    }
    std::fs::create_dir_all(&prefix).map_err(|e| format!("{}: {e}", prefix.display()))?;
    let manifest = prefix.join("package.json");
    if !manifest.is_file() {
        std::fs::write(
            &manifest,
            "{\"name\":\"apigen-testserver-cache\",\"private\":true}\n",
        )
        .map_err(|e| format!("{}: {e}", manifest.display()))?;
    }
    // A tarball fetched earlier (`npm pack`) is installed as is; otherwise the registry's.
    let tgz = cache.join(format!("microsoft.azure-autorest.testserver-{VERSION}.tgz"));
    let spec = if tgz.is_file() {
        tgz.display().to_string()
    } else {
        format!("{PACKAGE}@{VERSION}")
    };
    eprintln!("installing {spec} with npm into {}", prefix.display());
    crate::corpus::run(
        Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--save-exact", &spec])
            .current_dir(&prefix),
    )?;
    if !package.join("dist/cli/cli.js").is_file() {
        return Err(format!(
            "npm installed no {}",
            package.join("dist/cli/cli.js").display()
        ));
    }
    Ok(package)
}

/// A running test server; dropping it kills the process.
pub struct TestServer {
    child: Child,
    pub port: u16,
}

impl TestServer {
    /// Starts the server on a free port (`--port`), coverage reports under `coverage_dir`,
    /// its log in `log`, and waits until `/report` answers.
    pub fn start(package: &Path, coverage_dir: &Path, log: &Path) -> Result<Self, String> {
        let port = free_port()?;
        let _ = std::fs::remove_dir_all(coverage_dir);
        std::fs::create_dir_all(coverage_dir).map_err(|e| e.to_string())?;
        let log_file = std::fs::File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
        let child = Command::new("node")
            .arg(package.join("dist/cli/cli.js"))
            .arg("--port")
            .arg(port.to_string())
            .arg("--coverageDirectory")
            .arg(coverage_dir)
            .current_dir(package)
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().map_err(|e| e.to_string())?)
            .stderr(log_file)
            .spawn()
            .map_err(|e| format!("node: {e} (the test server needs Node.js 18+)"))?;
        let mut server = TestServer { child, port };
        let start = Instant::now();
        loop {
            if let Ok((200, _)) = server.get("/report") {
                return Ok(server);
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                return Err(format!(
                    "the test server exited ({status}); see {}",
                    log.display()
                ));
            }
            if start.elapsed() > START_TIMEOUT {
                return Err(format!(
                    "the test server did not answer within {START_TIMEOUT:?}; see {}",
                    log.display()
                ));
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// A plain HTTP/1.0 GET (the server closes the connection and sends a length): status
    /// and body. Enough for the server's own JSON reports, without an HTTP client in xtask.
    pub fn get(&self, path: &str) -> Result<(u16, String), String> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).map_err(|e| e.to_string())?;
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .map_err(|e| e.to_string())?;
        write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
            .map_err(|e| e.to_string())?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).map_err(|e| e.to_string())?;
        let text = String::from_utf8_lossy(&raw);
        let (head, body) = text.split_once("\r\n\r\n").ok_or("no HTTP header end")?;
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("no HTTP status in `{}`", head.lines().next().unwrap_or("")))?;
        Ok((status, body.to_string()))
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}
