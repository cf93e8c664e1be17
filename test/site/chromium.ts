/**
 * A headless Chromium for the site tests, driven over the DevTools protocol on a
 * pipe (--remote-debugging-pipe: we write to its fd 3, it writes to our fd 4,
 * NUL-terminated JSON), so no npm package and no port is needed. It may send no
 * traffic anywhere: pages are loaded from file://, every network feature that
 * phones home is off, and the proxy and resolver point at nothing.
 *
 * On a developer's machine without Chromium the tests skip and say why; in CI
 * (CI=true) a missing Chromium is a failure, as with the eduroam tools.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Readable, Writable } from "node:stream";

export const INSTALL_HINT = "apt-get install --no-install-recommends chromium";

function onPath(tool: string): string | undefined {
  try {
    return execFileSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export const chromiumPath: string | undefined = process.env.CHROMIUM_BIN || onPath("chromium") || onPath("chromium-browser");

/** What the browser tests do: run with Chromium; without it, skip on a developer's machine and fail in CI. */
export function chromiumTestMode(found: string | undefined, ci: string | undefined): "run" | "skip" | "fail" {
  if (found) return "run";
  return ci === "true" ? "fail" : "skip";
}

/** `describe` for tests in a real browser: skipped with a message without Chromium, failing without it in CI. */
export function describeWithChromium(name: string, body: () => void): void {
  const mode = chromiumTestMode(chromiumPath, process.env.CI);
  if (mode === "run") describe(name, body);
  else if (mode === "fail") {
    describe(name, () => {
      it("has Chromium (CI=true, so it must be installed)", () => {
        throw new Error(`chromium is not installed; CI must install it: ${INSTALL_HINT}`);
      });
    });
  } else describe.skip(`${name} [skipped: chromium not installed; ${INSTALL_HINT}]`, body);
}

/** Every flag that keeps Chromium from reaching anything but the files it is given. */
export const OFFLINE_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--hide-scrollbars",
  "--mute-audio",
  "--no-first-run",
  "--no-default-browser-check",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-default-apps",
  "--disable-extensions",
  "--disable-breakpad",
  "--disable-domain-reliability",
  "--metrics-recording-only",
  "--proxy-server=127.0.0.1:9",
  "--host-resolver-rules=MAP * ~NOTFOUND",
];

/** How long one protocol call may take before the browser is killed; CI must never hang on it. */
export const CALL_TIMEOUT_MS = 20_000;

interface Pending {
  resolve(value: Record<string, unknown>): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

type Listener = (params: Record<string, unknown>, sessionId: string | undefined) => void;

export class Chromium {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<{ method: string; listener: Listener }>();
  private buffer = "";
  private stderrTail = "";
  private exited = false;

  private constructor(
    private readonly child: ChildProcess,
    private readonly userDataDir: string,
  ) {
    const input = child.stdio[4] as Readable;
    input.setEncoding("utf8");
    input.on("data", (chunk: string) => this.receive(chunk));
    (child.stderr as Readable).on("data", (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString("utf8")).slice(-4000);
    });
    const gone = (why: string) => {
      this.exited = true;
      for (const [, p] of this.pending) {
        clearTimeout(p.timer);
        p.reject(new Error(`chromium ${why} with a call unanswered; its last output:\n${this.stderrTail}`));
      }
      this.pending.clear();
    };
    child.on("exit", (code, signal) => gone(`exited (${signal ?? code})`));
    child.on("error", (err) => gone(`could not run (${err.message})`));
  }

  static async launch(windowSize = { width: 1280, height: 900 }): Promise<Chromium> {
    if (!chromiumPath) throw new Error(`chromium is not installed: ${INSTALL_HINT}`);
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-chromium-"));
    const child = spawn(chromiumPath, [...OFFLINE_FLAGS, `--user-data-dir=${userDataDir}`, `--window-size=${windowSize.width},${windowSize.height}`, "--remote-debugging-pipe", "about:blank"], {
      stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"],
    });
    const browser = new Chromium(child, userDataDir);
    // The first answer proves the pipe works; a browser that cannot start fails here, within the timeout.
    await browser.send("Browser.getVersion");
    return browser;
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf("\0")) >= 0) {
      const message = JSON.parse(this.buffer.slice(0, end)) as { id?: number; method?: string; params?: Record<string, unknown>; result?: Record<string, unknown>; error?: { message: string }; sessionId?: string };
      this.buffer = this.buffer.slice(end + 1);
      if (message.id !== undefined) {
        const p = this.pending.get(message.id);
        if (!p) continue;
        this.pending.delete(message.id);
        clearTimeout(p.timer);
        if (message.error) p.reject(new Error(`DevTools: ${message.error.message}`));
        else p.resolve(message.result ?? {});
      } else if (message.method) {
        for (const l of [...this.listeners]) if (l.method === message.method) l.listener(message.params ?? {}, message.sessionId);
      }
    }
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    if (this.exited) return Promise.reject(new Error(`chromium has exited; its last output:\n${this.stderrTail}`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`chromium did not answer ${method} within ${CALL_TIMEOUT_MS / 1000} s`));
        this.kill();
      }, CALL_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
      (this.child.stdio[3] as Writable).write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  on(method: string, listener: Listener): () => void {
    const entry = { method, listener };
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  /** The next event of this kind on this session, or an error after the timeout. */
  next(method: string, sessionId: string): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`no ${method} within ${CALL_TIMEOUT_MS / 1000} s`));
      }, CALL_TIMEOUT_MS);
      const off = this.on(method, (params, session) => {
        if (session !== sessionId) return;
        clearTimeout(timer);
        off();
        resolve(params);
      });
    });
  }

  async newPage(): Promise<Page> {
    const { targetId } = (await this.send("Target.createTarget", { url: "about:blank" })) as { targetId: string };
    const { sessionId } = (await this.send("Target.attachToTarget", { targetId, flatten: true })) as { sessionId: string };
    const page = new Page(this, sessionId);
    await Promise.all(["Page.enable", "Runtime.enable", "Log.enable", "Network.enable"].map((m) => this.send(m, {}, sessionId)));
    return page;
  }

  private kill(): void {
    if (!this.exited) this.child.kill("SIGKILL");
  }

  async close(): Promise<void> {
    if (!this.exited) {
      const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
      // Asked politely first; a browser that does not go within seconds is killed.
      const timer = setTimeout(() => this.kill(), 5000);
      this.send("Browser.close").catch(() => undefined);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(this.userDataDir, { recursive: true, force: true });
  }
}

/** One tab: what it logged as errors and every URL it requested, since it was opened. */
export class Page {
  readonly errors: string[] = [];
  readonly requests: string[] = [];

  constructor(
    private readonly browser: Chromium,
    readonly sessionId: string,
  ) {
    const mine = (listener: (params: Record<string, any>) => void): Listener => (params, session) => session === sessionId && listener(params);
    browser.on("Runtime.consoleAPICalled", mine((p) => (p.type === "error" || p.type === "assert") && this.errors.push(`console.${p.type}: ${(p.args ?? []).map((a: { value?: unknown; description?: string }) => a.value ?? a.description).join(" ")}`)));
    browser.on("Runtime.exceptionThrown", mine((p) => this.errors.push(`exception: ${p.exceptionDetails?.exception?.description ?? p.exceptionDetails?.text}`)));
    browser.on("Log.entryAdded", mine((p) => p.entry?.level === "error" && this.errors.push(`${p.entry.source}: ${p.entry.text}${p.entry.url ? ` (${p.entry.url})` : ""}`)));
    browser.on("Network.requestWillBeSent", mine((p) => this.requests.push(String(p.request?.url))));
  }

  private send(method: string, params: Record<string, unknown> = {}) {
    return this.browser.send(method, params, this.sessionId);
  }

  /** Loads a URL and waits for its load event. */
  async goto(url: string): Promise<void> {
    const loaded = this.browser.next("Page.loadEventFired", this.sessionId);
    const result = (await this.send("Page.navigate", { url })) as { errorText?: string };
    if (result.errorText) throw new Error(`${url} did not load: ${result.errorText}`);
    await loaded;
  }

  /** The value of a JavaScript expression in the page (the tests' own, never the site's: it has no scripts). */
  async evaluate<T>(expression: string): Promise<T> {
    const { result, exceptionDetails } = (await this.send("Runtime.evaluate", { expression, returnByValue: true })) as { result: { value: T }; exceptionDetails?: { text: string } };
    if (exceptionDetails) throw new Error(`${expression}: ${exceptionDetails.text}`);
    return result.value;
  }

  /** Clicks the middle of the first element matching `selector` with the mouse, as a person would, and waits for the page it opens. */
  async clickAndWait(selector: string): Promise<void> {
    const rect = await this.evaluate<{ x: number; y: number } | null>(
      `(() => { const el = document.querySelector(${JSON.stringify(selector)}); if (!el) return null; el.scrollIntoView({ block: "center" }); const r = el.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; })()`,
    );
    if (!rect) throw new Error(`nothing on ${await this.evaluate<string>("location.href")} matches ${selector}`);
    const loaded = this.browser.next("Page.loadEventFired", this.sessionId);
    for (const type of ["mousePressed", "mouseReleased"]) await this.send("Input.dispatchMouseEvent", { type, x: rect.x, y: rect.y, button: "left", clickCount: 1 });
    await loaded;
  }

  /** A PNG of a part of the page in CSS pixels, beyond the window if need be. */
  async screenshot(clip: { x: number; y: number; width: number; height: number }): Promise<Buffer> {
    const { data } = (await this.send("Page.captureScreenshot", { format: "png", clip: { ...clip, scale: 1 }, captureBeyondViewport: true })) as { data: string };
    return Buffer.from(data, "base64");
  }
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.subarray(1, 4).toString("latin1") !== "PNG") throw new Error("not a PNG");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
