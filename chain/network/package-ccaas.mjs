// Builds the chaincode-as-a-service package the peers install: corridor-ccaas.tgz holding
// metadata.json and code.tar.gz (which holds connection.json), the layout Fabric's built-in
// ccaas builder expects. Node only (a minimal ustar writer + zlib): no tar binary, no deps.
//
//   npm run -w @corridor/chain package:ccaas [-- --address host:port] [--label corridor_1.1] [--out dir]
//     [--tls-root-cert ca.pem --tls-client-cert cert.pem --tls-client-key key.pem]
//
// Prints the package id (label:sha256 of the package), the value of `--chaincode-id` for
// serve:chaincode and of `--package-id` for `peer lifecycle chaincode approveformyorg`.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));

/** One ustar archive of regular files (name ≤ 100 bytes, mode 0644, fixed mtime: reproducible). */
export function tar(files) {
  const blocks = [];
  for (const { name, content } of files) {
    const header = Buffer.alloc(512);
    const field = (offset, length, value) => header.write(value, offset, length, "ascii");
    const octal = (offset, length, n) => field(offset, length, `${n.toString(8).padStart(length - 1, "0")}\0`);
    if (Buffer.byteLength(name) > 100) throw new Error(`tar: name too long: ${name}`);
    field(0, 100, name);
    octal(100, 8, 0o644);
    octal(108, 8, 0);
    octal(116, 8, 0);
    octal(124, 12, content.length);
    octal(136, 12, 0);
    field(148, 8, "        ");
    field(156, 1, "0");
    field(257, 6, "ustar\0");
    field(263, 2, "00");
    let sum = 0;
    for (const b of header) sum += b;
    field(148, 8, `${sum.toString(8).padStart(6, "0")}\0 `);
    blocks.push(header, content, Buffer.alloc((512 - (content.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

function main() {
  const { values } = parseArgs({
    options: {
      address: { type: "string" },
      label: { type: "string" },
      out: { type: "string", default: here },
      "tls-root-cert": { type: "string" },
      "tls-client-cert": { type: "string" },
      "tls-client-key": { type: "string" },
    },
  });
  const connection = JSON.parse(readFileSync(join(here, "ccaas/connection.json"), "utf8"));
  const metadata = JSON.parse(readFileSync(join(here, "ccaas/metadata.json"), "utf8"));
  if (values.address) connection.address = values.address;
  if (values.label) metadata.label = values.label;
  if (values["tls-root-cert"]) {
    connection.tls_required = true;
    connection.root_cert = readFileSync(values["tls-root-cert"], "utf8");
    if (values["tls-client-cert"] || values["tls-client-key"]) {
      connection.client_auth_required = true;
      connection.client_cert = readFileSync(values["tls-client-cert"], "utf8");
      connection.client_key = readFileSync(values["tls-client-key"], "utf8");
    }
  }
  const json = (o) => Buffer.from(`${JSON.stringify(o, null, 2)}\n`, "utf8");
  const code = gzipSync(tar([{ name: "connection.json", content: json(connection) }]));
  const pkg = gzipSync(
    tar([
      { name: "metadata.json", content: json(metadata) },
      { name: "code.tar.gz", content: code },
    ]),
  );
  const out = resolve(values.out);
  mkdirSync(out, { recursive: true });
  const file = join(out, "corridor-ccaas.tgz");
  writeFileSync(file, pkg);
  const packageId = `${metadata.label}:${createHash("sha256").update(pkg).digest("hex")}`;
  console.log(`${file}\naddress ${connection.address}, tls ${connection.tls_required ? "on" : "off"}\npackage id ${packageId}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
