import { LAB_SECRETS_EXAMPLE, parseLabSecrets } from "../../../domain/eduroam/lab-secrets";

const FILE = "out/lab-secrets.yaml";

describe("the secrets file of a lab", () => {
  const noFiles = () => {
    throw Object.assign(new Error("no such file"), { code: "ENOENT" });
  };

  it("reads secrets, a secret from a file next to it, the access point secret and test users", () => {
    const text = "secrets:\n  a: one\n  cert: { file: lab.pem }\naccessPointSecret: ap\ntestUsers:\n  ola@x.example: pw\n";
    const result = parseLabSecrets(text, FILE, (p) => `read ${p}`);
    expect(result).toEqual({ ok: true, value: { secrets: new Map([["a", "one"], ["cert", "read lab.pem"]]), accessPointSecret: "ap", testUsers: [{ user: "ola@x.example", password: "pw" }] } });
  });

  it("accepts its own example", () => {
    expect(parseLabSecrets(LAB_SECRETS_EXAMPLE, FILE, () => "pem").ok).toBe(true);
  });

  it.each([
    ["secrets:\n  a: one\n", [`${FILE}, accessPointSecret: is required: the shared secret eapol_test uses as the lab's access point (-s)`]],
    ["accessPointSecret: ap\nsecret: {}\n", [`${FILE}, secret: unknown field; the fields are secrets, accessPointSecret, testUsers`]],
    ["accessPointSecret: ap\nsecrets:\n  a: 12\n", [`${FILE}, secrets.a: must be a non-empty text or { file: PATH }`]],
    ["accessPointSecret: ap\nsecrets:\n  cert: { file: gone.pem }\n", [`${FILE}, secrets.cert: cannot read gone.pem (ENOENT); the path is relative to ${FILE}`]],
    ["accessPointSecret: ap\ntestUsers:\n  ola@x.example: ''\n", [`${FILE}, testUsers.ola@x.example: must be a non-empty password`]],
    ["accessPointSecret: ap\ntestUsers: [ola]\n", [`${FILE}, testUsers: must map each user@realm to a password`]],
  ])("names the file and field of a mistake: %j", (text, problems) => {
    expect(parseLabSecrets(text, FILE, noFiles)).toEqual({ ok: false, problems });
  });

  it("says what the file should look like when it is not a mapping", () => {
    const result = parseLabSecrets("- a\n", FILE, noFiles);
    expect(result.ok ? [] : result.problems[0]).toContain(LAB_SECRETS_EXAMPLE);
  });
});
