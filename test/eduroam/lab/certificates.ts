/** Throw-away test certificates made with openssl: a CA and a server certificate (serverAuth EKU, SAN). */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export interface TestCertificates {
  readonly caFile: string;
  /** Private key, certificate and CA in one PEM: what a Key Vault PEM certificate secret holds. */
  readonly serverPem: string;
  readonly serverName: string;
}

export function makeTestCertificates(dir: string): TestCertificates {
  fs.mkdirSync(dir, { recursive: true });
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync("openssl", args, { stdio: "pipe" });
  const serverName = "radius.grunnmur-test.invalid";
  openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", file("ca.key"), "-out", file("ca.pem"), "-days", "2", "-subj", "/CN=grunnmur test CA (fake)");
  openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", file("server.key"), "-out", file("server.csr"), "-subj", `/CN=${serverName}`);
  fs.writeFileSync(file("server.ext"), `extendedKeyUsage=serverAuth\nsubjectAltName=DNS:${serverName}\n`);
  openssl("x509", "-req", "-in", file("server.csr"), "-CA", file("ca.pem"), "-CAkey", file("ca.key"), "-CAcreateserial", "-out", file("server.crt"), "-days", "2", "-extfile", file("server.ext"));
  const serverPem = ["server.key", "server.crt", "ca.pem"].map((name) => fs.readFileSync(file(name), "utf8")).join("");
  return { caFile: file("ca.pem"), serverPem, serverName };
}
