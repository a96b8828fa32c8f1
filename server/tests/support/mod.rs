//! Test harness: the real server (`server::Application`) on a random port, against a fresh
//! SQLite file or a fresh PostgreSQL database, with a mock identity provider beside it.

#![allow(dead_code)] // each test binary uses a different part of the harness

pub mod mock_idp;

use domain::db::Db;
use mock_idp::MockIdp;
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use reqwest::{Method, StatusCode};
use server::config::Settings;
use server::Application;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// PostgreSQL for the tests: `SILLAGE_TEST_POSTGRES_URL` (the README's test command sets it).
pub fn postgres_url() -> Option<String> {
    std::env::var("SILLAGE_TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty())
}

/// Runs a scenario on one engine; on PostgreSQL without a URL, says so and does nothing.
#[macro_export]
macro_rules! on_both_engines {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::support::bounded(super::$name(super::support::Engine::Sqlite)).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if super::support::postgres_url().is_none() {
                        eprintln!(
                            "NOTICE: {} skipped on PostgreSQL: SILLAGE_TEST_POSTGRES_URL is not set",
                            stringify!($name)
                        );
                        return;
                    }
                    super::support::bounded(super::$name(super::support::Engine::Postgres)).await;
                }
            )*
        }
    };
}

/// A scenario that hangs fails with a message instead of stalling the whole run.
pub async fn bounded(scenario: impl std::future::Future<Output = ()>) {
    tokio::time::timeout(std::time::Duration::from_secs(120), scenario)
        .await
        .expect("scenario still running after 120 s: a hang");
}

pub struct TestDatabase {
    pub url: String,
    /// The evidence folder of this test's server (removed with the database).
    pub evidence_dir: PathBuf,
    engine: Engine,
    name: String,
    dir: Option<PathBuf>,
}

impl TestDatabase {
    pub async fn create(engine: Engine) -> TestDatabase {
        let unique = uuid::Uuid::new_v4().simple().to_string();
        let evidence_dir = std::env::temp_dir().join(format!("sillage-files-{unique}"));
        match engine {
            Engine::Sqlite => {
                let dir = std::env::temp_dir().join(format!("sillage-test-{unique}"));
                TestDatabase {
                    url: format!("sqlite://{}/sillage.db", dir.display()),
                    evidence_dir,
                    engine,
                    name: unique,
                    dir: Some(dir),
                }
            }
            Engine::Postgres => {
                let admin_url = postgres_url().expect("postgres url");
                let name = format!("sillage_t_{unique}");
                let admin = Db::connect(&admin_url, 1)
                    .await
                    .expect("connect to PostgreSQL");
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(admin.pool())
                    .await
                    .expect("create test database");
                admin.close().await;
                let mut url = url::Url::parse(&admin_url).expect("postgres url");
                url.set_path(&name);
                TestDatabase {
                    url: url.to_string(),
                    evidence_dir,
                    engine,
                    name,
                    dir: None,
                }
            }
        }
    }

    pub async fn drop_database(&self) {
        let _ = std::fs::remove_dir_all(&self.evidence_dir);
        match self.engine {
            Engine::Sqlite => {
                if let Some(dir) = &self.dir {
                    let _ = std::fs::remove_dir_all(dir);
                }
            }
            Engine::Postgres => {
                let admin = Db::connect(&postgres_url().expect("url"), 1)
                    .await
                    .expect("connect");
                let _ = sqlx::query(&format!(
                    "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                    self.name
                ))
                .execute(admin.pool())
                .await;
                admin.close().await;
            }
        }
    }
}

pub struct TestApp {
    pub base: String,
    /// The settings the server runs with (for `server admin` commands on the same database).
    pub settings: Settings,
    pub db: Db,
    pub database: TestDatabase,
    pub idp: Option<MockIdp>,
    /// The `SILLAGE_…` settings it runs with.
    pub env: BTreeMap<String, String>,
    /// The server's process, when it runs in one of its own ([`spawn_process`]).
    pub process: Option<ServerProcess>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    handle: Option<tokio::task::JoinHandle<()>>,
}

pub struct Options {
    pub demo: &'static str,
    pub with_idp: bool,
    /// Extra `SILLAGE_…` settings.
    pub env: Vec<(String, String)>,
}

impl Options {
    /// Demo accounts on, no identity provider: what most scenarios sign in with.
    pub fn demo() -> Options {
        Options {
            demo: "on",
            with_idp: false,
            ..Options::default()
        }
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            demo: "off",
            with_idp: true,
            env: Vec::new(),
        }
    }
}

fn repo_config() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../Leptos.toml")
}

/// Where a test server runs: a fresh database, a mock provider if asked, and its settings.
struct Prepared {
    database: TestDatabase,
    idp: Option<MockIdp>,
    env: BTreeMap<String, String>,
    settings: Settings,
}

async fn prepare(engine: Engine, options: Options) -> Prepared {
    let database = TestDatabase::create(engine).await;
    let idp = if options.with_idp {
        Some(MockIdp::start().await)
    } else {
        None
    };
    let env = server_env(engine, &database, idp.as_ref(), options);
    let settings = Settings::load_from(&repo_config(), env.clone()).expect("test settings");
    Prepared {
        database,
        idp,
        env,
        settings,
    }
}

impl Prepared {
    async fn into_app(
        self,
        base: String,
        process: Option<ServerProcess>,
        shutdown: Option<(
            tokio::sync::oneshot::Sender<()>,
            tokio::task::JoinHandle<()>,
        )>,
    ) -> TestApp {
        let db = Db::connect(&self.database.url, 2)
            .await
            .expect("test db handle");
        let (shutdown, handle) = shutdown.unzip();
        TestApp {
            base,
            settings: self.settings,
            db,
            database: self.database,
            idp: self.idp,
            env: self.env,
            process,
            shutdown,
            handle,
        }
    }
}

pub async fn spawn_app(engine: Engine, options: Options) -> TestApp {
    if std::env::var_os("SILLAGE_TEST_TRACE").is_some() {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .with_span_events(
                tracing_subscriber::fmt::format::FmtSpan::NEW
                    | tracing_subscriber::fmt::format::FmtSpan::CLOSE,
            )
            .with_thread_ids(true)
            .compact()
            .try_init();
    }
    let prepared = prepare(engine, options).await;
    let app = Application::build(prepared.settings.clone())
        .await
        .expect("server starts");
    // What users type when the test left it to the default (`http://localhost:<port>`): the
    // origin forms are checked against. A public URL set by the test (another host, no port)
    // is not reachable: requests then go to the bound address.
    let base = if app.public_url().port() == Some(app.address().port()) {
        app.public_url().as_str().trim_end_matches('/').to_owned()
    } else {
        format!("http://{}", app.address())
    };
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let handle = tokio::spawn(async move {
        app.run_until(async {
            let _ = rx.await;
        })
        .await
        .expect("server runs");
    });
    prepared.into_app(base, None, Some((tx, handle))).await
}

/// The real server binary in a process of its own, on a fresh database: what a crash test
/// kills with SIGKILL ([`ServerProcess::kill`]) and starts again ([`TestApp::restart`]).
/// `fault` names the fault point this process stops at for good (`domain::fault`).
pub async fn spawn_process(engine: Engine, options: Options, fault: Option<&str>) -> TestApp {
    let prepared = prepare(engine, options).await;
    let (process, base) = ServerProcess::start(&prepared.env, fault).await;
    prepared.into_app(base, Some(process), None).await
}

/// A server process started from the test binary's sibling `server` executable.
pub struct ServerProcess {
    child: tokio::process::Child,
    /// The process's stdout (its logs) and stderr (its start and fatal messages), line by line.
    output: tokio::sync::mpsc::UnboundedReceiver<String>,
}

impl ServerProcess {
    async fn start(env: &BTreeMap<String, String>, fault: Option<&str>) -> (ServerProcess, String) {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_server"));
        command
            .current_dir(&root)
            .env("SILLAGE_CONFIG", repo_config())
            .envs(env)
            .env_remove("SILLAGE_FAULT_PAUSE_AT")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .kill_on_drop(true);
        if let Some(fault) = fault {
            command.env("SILLAGE_FAULT_PAUSE_AT", fault);
        }
        let mut child = command.spawn().expect("start the server binary");
        let (sender, output) = tokio::sync::mpsc::unbounded_channel();
        let stdout = child.stdout.take().expect("stdout piped");
        let stderr = child.stderr.take().expect("stderr piped");
        forward_lines(stdout, sender.clone());
        forward_lines(stderr, sender);
        let mut process = ServerProcess { child, output };
        let line = process.wait_for_line("listens on ").await;
        let base = line
            .split("listens on ")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .expect("the listening address")
            .trim_end_matches('/')
            .to_owned();
        (process, base)
    }

    /// Reads the process's output up to the first line holding `needle`.
    pub async fn wait_for_line(&mut self, needle: &str) -> String {
        loop {
            match self.output.recv().await {
                Some(line) if line.contains(needle) => return line,
                Some(_) => {}
                None => panic!("the server ended before saying {needle:?}"),
            }
        }
    }

    /// SIGKILL, as `kill -9`: no destructor, no graceful shutdown, no last write.
    pub async fn kill(&mut self) {
        self.child.kill().await.expect("kill the server");
    }
}

/// Sends each line `from` writes to `to`, until it closes.
fn forward_lines(
    from: impl tokio::io::AsyncRead + Unpin + Send + 'static,
    to: tokio::sync::mpsc::UnboundedSender<String>,
) {
    use tokio::io::AsyncBufReadExt;
    tokio::spawn(async move {
        let mut lines = tokio::io::BufReader::new(from).lines();
        while let Ok(Some(line)) = lines.next_line().await {
            if to.send(line).is_err() {
                break;
            }
        }
    });
}

fn server_env(
    engine: Engine,
    database: &TestDatabase,
    idp: Option<&MockIdp>,
    options: Options,
) -> BTreeMap<String, String> {
    let mut env: BTreeMap<String, String> = BTreeMap::new();
    env.insert("SILLAGE_DATABASE__URL".into(), database.url.clone());
    env.insert("SILLAGE_SITE__ADDRESS".into(), "127.0.0.1:0".into());
    env.insert("SILLAGE_DEMO__MODE".into(), options.demo.into());
    env.insert("SILLAGE_SITE__SHUTDOWN_GRACE_SECONDS".into(), "3".into());
    // The journal key, as an operator gives it (the same for every app of the test process).
    env.insert(
        "SILLAGE_AUDIT__KEY".into(),
        "integration-tests-journal-key-0123456789abcdef".into(),
    );
    env.insert(
        "SILLAGE_PORTFOLIO__EVIDENCE_DIR".into(),
        database.evidence_dir.display().to_string(),
    );
    // The demo accounts start empty: each scenario writes what it tests. The story has its
    // own scenario (`demo_story.rs`), which turns it on.
    env.insert("SILLAGE_DEMO__STORY".into(), "false".into());
    if engine == Engine::Postgres && options.demo == "on" {
        env.insert("SILLAGE_DEMO__FORCE".into(), "true".into());
    }
    if let Some(idp) = idp {
        for (key, value) in [
            ("KIND", "educonnect"),
            ("LABEL", "ÉduConnect (test)"),
            ("ISSUER", idp.issuer.as_str()),
            ("CLIENT_ID", mock_idp::CLIENT_ID),
            ("CLIENT_SECRET", mock_idp::CLIENT_SECRET),
            ("SCOPES", "profile,educonnect"),
        ] {
            env.insert(
                format!("SILLAGE_PROVIDERS__EDUCONNECT__{key}"),
                value.into(),
            );
        }
    }
    env.extend(options.env);
    env
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Signs a new browser in as one of the demo accounts (`eleve`, `conseillere`, `parent`).
    pub async fn demo_browser(&self, key: &str) -> Browser {
        let mut browser = Browser::new();
        let page = browser
            .post_form(&self.url("/auth/demo"), &[("compte", key)], &self.base)
            .await;
        assert_eq!(page.location.as_deref(), Some("/"), "demo sign-in as {key}");
        browser
    }

    pub fn idp(&self) -> &MockIdp {
        self.idp.as_ref().expect("this app has a mock provider")
    }

    pub async fn count(&self, table: &str) -> i64 {
        use sqlx::Row;
        sqlx::query(&format!("SELECT COUNT(*) AS n FROM {table}"))
            .fetch_one(self.db.pool())
            .await
            .expect("count")
            .try_get("n")
            .expect("n")
    }

    /// The server's process (an app of [`spawn_process`]).
    pub fn process(&mut self) -> &mut ServerProcess {
        self.process
            .as_mut()
            .expect("a server in a process of its own")
    }

    /// Starts the server's process again on the same database and files (after a kill),
    /// stopping at `fault` if given.
    pub async fn restart(&mut self, fault: Option<&str>) {
        if let Some(mut old) = self.process.take() {
            old.kill().await;
        }
        let (process, base) = ServerProcess::start(&self.env, fault).await;
        self.process = Some(process);
        self.base = base;
    }

    /// Stops the server (gracefully) and removes its database.
    pub async fn finish(mut self) {
        if let Some(mut process) = self.process.take() {
            process.kill().await;
        }
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(handle) = self.handle.take() {
            handle.await.expect("server stopped cleanly");
        }
        self.db.close().await;
        self.database.drop_database().await;
    }
}

/// A browser stand-in: keeps cookies (whatever their Secure flag: this is loopback) and does
/// not follow redirects, so each hop can be checked.
pub struct Browser {
    client: reqwest::Client,
    pub cookies: BTreeMap<String, String>,
}

pub struct Page {
    pub status: StatusCode,
    pub location: Option<String>,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Default for Browser {
    fn default() -> Self {
        Browser::new()
    }
}

impl Browser {
    pub fn new() -> Browser {
        Browser {
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
            cookies: BTreeMap::new(),
        }
    }

    /// Another tab of the same browser: the same cookies, its own connection (for requests
    /// sent at once).
    pub fn tab(&self) -> Browser {
        Browser {
            cookies: self.cookies.clone(),
            ..Browser::new()
        }
    }

    pub fn session_cookie(&self) -> Option<&String> {
        self.cookies.get("__Host-sillage")
    }

    pub async fn request(
        &mut self,
        method: Method,
        url: &str,
        form: Option<&[(&str, &str)]>,
        headers: &[(&str, &str)],
    ) -> Page {
        let mut request = self.client.request(method, url);
        if !self.cookies.is_empty() {
            request = request.header(COOKIE, self.cookie_header());
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(form) = form {
            request = request.form(form);
        }
        self.finish(request).await
    }

    async fn finish(&mut self, request: reqwest::RequestBuilder) -> Page {
        let request = request.build().expect("a well-formed request");
        let label = format!("{} {}", request.method(), request.url());
        // A request the server never answers names itself, instead of the whole scenario
        // failing later with no clue of where it stopped.
        let answer = tokio::time::timeout(std::time::Duration::from_secs(30), async {
            let response = self.client.execute(request).await.expect("request");
            let headers = response.headers().clone();
            let status = response.status();
            let body = response.text().await.expect("body");
            (status, headers, body)
        })
        .await;
        let (status, headers, body) =
            answer.unwrap_or_else(|_| panic!("no answer in 30 s to {label}: a hang"));
        self.answered(status, headers, body)
    }

    fn answered(
        &mut self,
        status: StatusCode,
        headers: reqwest::header::HeaderMap,
        body: String,
    ) -> Page {
        for value in headers.get_all(SET_COOKIE) {
            let value = value.to_str().expect("cookie header");
            let pair = value.split(';').next().unwrap_or_default();
            let (name, val) = pair.split_once('=').unwrap_or((pair, ""));
            let expired = value.to_ascii_lowercase().contains("max-age=0");
            if expired || val.is_empty() {
                self.cookies.remove(name.trim());
            } else {
                self.cookies.insert(name.trim().to_owned(), val.to_owned());
            }
        }
        let location = headers
            .get(LOCATION)
            .map(|v| v.to_str().expect("location").to_owned());
        Page {
            status,
            location,
            headers,
            body,
        }
    }

    /// A POST with a raw body (JSON endpoints), no Origin header (a non-browser client).
    pub async fn request_with_body(&mut self, url: &str, body: &str, content_type: &str) -> Page {
        let mut request = self
            .client
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .body(body.to_owned());
        if !self.cookies.is_empty() {
            request = request.header(COOKIE, self.cookie_header());
        }
        self.finish(request).await
    }

    /// A POST of raw bytes (a multipart upload) from a page of `origin`.
    pub async fn request_bytes(
        &mut self,
        url: &str,
        body: Vec<u8>,
        content_type: &str,
        origin: &str,
    ) -> Page {
        let mut request = self
            .client
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .header(reqwest::header::ORIGIN, origin)
            .body(body);
        if !self.cookies.is_empty() {
            request = request.header(COOKIE, self.cookie_header());
        }
        self.finish(request).await
    }

    /// The `Cookie` header this browser sends.
    pub fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub async fn get(&mut self, url: &str) -> Page {
        self.request(Method::GET, url, None, &[]).await
    }

    pub async fn post_form(&mut self, url: &str, form: &[(&str, &str)], origin: &str) -> Page {
        self.request(Method::POST, url, Some(form), &[("origin", origin)])
            .await
    }

    /// Follows redirects (resolving relative ones against `base`) until a non-redirect answer.
    pub async fn follow(&mut self, base: &str, mut page: Page) -> (Page, Vec<String>) {
        let mut hops = Vec::new();
        while page.status.is_redirection() {
            let location = page.location.clone().expect("redirect without Location");
            let next = if location.starts_with('/') {
                format!("{base}{location}")
            } else {
                location
            };
            hops.push(next.clone());
            assert!(hops.len() < 10, "redirect loop: {hops:?}");
            page = self.get(&next).await;
        }
        (page, hops)
    }
}

/// Posts a page's form as a browser does without JavaScript (it asks for HTML back, so a
/// refusal comes back as a redirect to the page, said next to its field).
pub async fn post_plain(
    browser: &mut Browser,
    app: &TestApp,
    endpoint: &str,
    form: &[(&str, &str)],
) -> Page {
    browser
        .request(
            Method::POST,
            &app.url(&format!("/api/{endpoint}")),
            Some(form),
            &[
                ("origin", &app.base),
                ("accept", "text/html,application/xhtml+xml"),
            ],
        )
        .await
}

/// Calls a server function as the hydrated page does: a url-encoded form from this site, JSON
/// back. Answers the status, the `Location` the client would follow, and the body.
pub async fn call(
    browser: &mut Browser,
    app: &TestApp,
    endpoint: &str,
    form: &[(&str, &str)],
) -> (StatusCode, Option<String>, serde_json::Value) {
    let page = browser
        .request(
            Method::POST,
            &app.url(&format!("/api/{endpoint}")),
            Some(form),
            &[("origin", &app.base), ("accept", "application/json")],
        )
        .await;
    let body =
        serde_json::from_str(&page.body).unwrap_or(serde_json::Value::String(page.body.clone()));
    (page.status, page.location, body)
}

/// Sends a form as the page's plain form does (`plain`: HTML asked back, a refusal comes back as
/// a redirect) or as the hydrated page does (JSON back). Answers the status, the `Location` and
/// the body as text: what a scenario that tries both ways compares.
pub async fn send(
    browser: &mut Browser,
    app: &TestApp,
    endpoint: &str,
    form: &[(&'static str, String)],
    plain: bool,
) -> (u16, Option<String>, String) {
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    if plain {
        let page = post_plain(browser, app, endpoint, &form).await;
        (page.status.as_u16(), page.location, page.body)
    } else {
        let (status, location, body) = call(browser, app, endpoint, &form).await;
        (status.as_u16(), location, body.to_string())
    }
}

/// A portfolio entry of `owner`'s, written as the entry form would: `competences` are
/// `framework:code` and a status (`in_progress`, `acquired`…).
pub async fn portfolio_entry(
    app: &TestApp,
    owner: i64,
    title: &str,
    competences: &[(&str, &str)],
) -> domain::portfolio::EntryId {
    let raw = domain::portfolio::RawEntry {
        kind: "internship".to_owned(),
        title: title.to_owned(),
        started_on: "2026-10-01".to_owned(),
        ended_on: String::new(),
        place: String::new(),
        description: String::new(),
        reflection: String::new(),
        competences: competences
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        levels: Default::default(),
        new_skill: String::new(),
        new_skill_status: String::new(),
    };
    domain::portfolio::store::create(
        &app.db,
        domain::identity::AccountId::from_db(owner),
        &raw,
        domain::portfolio::frameworks::Frameworks::shipped(),
    )
    .await
    .expect("a portfolio entry")
}

/// A one-file multipart body as a browser sends it: (content type, body).
pub fn multipart(field: &str, file_name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----sillage-test-boundary-7MA4YWxkTrZu0gW";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// How many files an evidence folder holds (in its two-level layout).
pub fn files_in(dir: &std::path::Path) -> usize {
    let Ok(shards) = std::fs::read_dir(dir) else {
        return 0;
    };
    shards
        .flatten()
        .map(|shard| std::fs::read_dir(shard.path()).map_or(0, |files| files.count()))
        .sum()
}

/// A project entry with a title (and the required fields); its id.
pub async fn create_entry(browser: &mut Browser, app: &TestApp, title: &str) -> i64 {
    let (status, location, body) = call(
        browser,
        app,
        "portfolio_save",
        &[
            ("entry[kind]", "project"),
            ("entry[title]", title),
            ("entry[started_on]", "2026-03-02"),
            ("entry[reflection]", "Appris"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    location
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// Uploads a tiny PDF as evidence of `entry`.
pub async fn upload_pdf(browser: &mut Browser, app: &TestApp, entry: i64, name: &str) {
    upload_evidence(
        browser,
        app,
        entry,
        name,
        format!("%PDF-1.4 {name}").as_bytes(),
    )
    .await;
}

/// Uploads `bytes` as evidence of `entry`, as the page's form does; checks it was stored.
pub async fn upload_evidence(
    browser: &mut Browser,
    app: &TestApp,
    entry: i64,
    name: &str,
    bytes: &[u8],
) {
    let (content_type, body) = multipart("fichier", name, bytes);
    let page = browser
        .request_bytes(
            &app.url(&format!("/portfolio/entrees/{entry}/preuves")),
            body,
            &content_type,
            &app.base,
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert!(page.location.unwrap().contains("preuve=ajoutee"));
}

/// The ids of an entry's evidence files, as its owner reads them.
pub async fn evidence_ids(browser: &mut Browser, app: &TestApp, entry: i64) -> Vec<i64> {
    let (_, _, data) = call(
        browser,
        app,
        "portfolio_entry",
        &[("id", &entry.to_string())],
    )
    .await;
    data["entry"]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect()
}

/// The signed-in account's id.
pub async fn account_id(browser: &mut Browser, app: &TestApp) -> i64 {
    let (_, _, viewer) = call(browser, app, "viewer", &[]).await;
    viewer["account"]["id"].as_i64().expect("signed in")
}

/// The signed-in pupil's portability archive (`/portfolio/export.zip`), checked to be one.
pub async fn export_archive(browser: &mut Browser, app: &TestApp) -> Vec<u8> {
    let cookie = browser
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let response = reqwest::Client::new()
        .get(app.url("/portfolio/export.zip"))
        .header("cookie", cookie)
        .send()
        .await
        .expect("export");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/zip");
    assert!(response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment; filename=\"portfolio-sillage-"));
    response.bytes().await.expect("zip").to_vec()
}

/// Another pupil (not signed in anywhere), with a portfolio entry and an own skill of theirs:
/// data the tests' pupil must never reach. Returns (entry id, own skill id).
pub async fn another_pupils_portfolio(app: &TestApp, title: &str) -> (i64, i64) {
    let (pupil,): (i64,) = sqlx::query_as(
        "INSERT INTO accounts (issuer, subject, role, given_name, family_name, school_uai, is_demo, created_at, last_sign_in_at)
         VALUES ('urn:test', $1, 'student', 'Autre', 'Élève', '0999999Z', 0, 0, 0) RETURNING id",
    )
    .bind(format!("autre-{title}"))
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    let (entry,): (i64,) = sqlx::query_as(
        "INSERT INTO portfolio_entries (owner_id, kind, title, started_on, ended_on, place, description, reflection, position, created_at, updated_at)
         VALUES ($1, 'project', $2, '2026-01-05', NULL, '', '', '', 1, 0, 0) RETURNING id",
    )
    .bind(pupil)
    .bind(title)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    let (skill,): (i64,) = sqlx::query_as(
        "INSERT INTO own_skills (owner_id, name, name_key, created_at) VALUES ($1, 'Écouter', 'écouter', 0) RETURNING id",
    )
    .bind(pupil)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    (entry, skill)
}

/// Moves every signed-in session's last real authentication `secs` into the past, as if its
/// person had left the computer signed in (the step-up checks read it).
pub async fn age_sign_ins(app: &TestApp, secs: i64) {
    use sqlx::Row;
    let rows = sqlx::query("SELECT id, data FROM sessions WHERE account_id IS NOT NULL")
        .fetch_all(app.db.pool())
        .await
        .unwrap();
    for row in rows {
        let id: String = row.try_get("id").unwrap();
        let mut data: serde_json::Value =
            serde_json::from_str(&row.try_get::<String, _>("data").unwrap()).unwrap();
        let authenticated_at = data["authenticated_at"].as_i64().unwrap();
        data["authenticated_at"] = serde_json::Value::from(authenticated_at - secs);
        sqlx::query("UPDATE sessions SET data = $1 WHERE id = $2")
            .bind(data.to_string())
            .bind(id)
            .execute(app.db.pool())
            .await
            .unwrap();
    }
}

/// A second pupil, signed in through the mock ÉduConnect (the app needs `with_idp`).
pub async fn idp_pupil_browser(app: &TestApp, sub: &str, given: &str) -> Browser {
    app.idp().login_as(mock_idp::Person::new(
        sub,
        given,
        "Autre",
        serde_json::json!({
            "FrEduCtId": format!("fe-{sub}"),
            "FrEduCtPersonAffiliation": "eleve2d",
            "FrEduCtEleveUAI": "0999999Z",
        }),
    ));
    let mut browser = Browser::new();
    let start = browser.get(&app.url("/auth/connexion/educonnect")).await;
    assert_eq!(start.status, StatusCode::SEE_OTHER, "{}", start.body);
    let (home, _) = browser.follow(&app.base, start).await;
    assert_eq!(home.status, StatusCode::OK, "{}", home.body);
    browser
}
