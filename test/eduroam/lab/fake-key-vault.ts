/**
 * A stand-in for the Azure instance metadata service and Key Vault on
 * 127.0.0.1, so the real boot script can be run in tests. It hands out one
 * token and serves only the secrets it was given.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export const FAKE_TOKEN = "fake-token-for-tests";

export interface FakeKeyVault {
  /** Environment that points the boot script here. */
  readonly env: Record<string, string>;
  /** Secrets asked for, as "vault/name". */
  readonly requested: string[];
  /** Sets a secret's value, as a stack's write would ("vault/name"). */
  set(key: string, value: string): void;
  /** Deletes a secret, so asking for it gets 404. */
  remove(key: string): void;
  close(): Promise<void>;
}

/** `initial` maps "vault/name" to the value. */
export async function startFakeKeyVault(initial: ReadonlyMap<string, string>): Promise<FakeKeyVault> {
  const secrets = new Map(initial);
  const requested: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === "/token") {
      if (req.headers.metadata !== "true" || url.searchParams.get("resource") !== "https://vault.azure.net") return send(400, { error: "bad token request" });
      return send(200, { access_token: FAKE_TOKEN, token_type: "Bearer" });
    }
    const match = /^\/vaults\/([^/]+)\/secrets\/([^/]+)$/.exec(url.pathname);
    if (!match) return send(404, { error: "not found" });
    if (req.headers.authorization !== `Bearer ${FAKE_TOKEN}`) return send(401, { error: "no token" });
    const key = `${match[1]}/${decodeURIComponent(match[2])}`;
    requested.push(key);
    const value = secrets.get(key);
    return value === undefined ? send(404, { error: { code: "SecretNotFound" } }) : send(200, { value, id: key });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    env: { GRUNNMUR_IMDS_ENDPOINT: `${base}/token`, GRUNNMUR_KEYVAULT_URL: `${base}/vaults/{vault}` },
    requested,
    set: (key, value) => void secrets.set(key, value),
    remove: (key) => void secrets.delete(key),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
