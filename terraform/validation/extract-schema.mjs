// Extracts a compact Terraform provider schema (resource and data source types, their arguments
// and nested blocks, which are required) from the .jsii metadata that the prebuilt CDKTF provider
// packages ship. Run once per provider upgrade and commit the result:
//
//   npm install --no-save @cdktf/provider-google@16.12.1 @cdktf/provider-google-beta@16.12.1
//   node extract-schema.mjs > provider-schema.json && gzip -9nf provider-schema.json
//
// The packages are ~300 MB unpacked; the committed extract is small, and ../versions.tf pins the
// provider to the version printed in it.
import { readFileSync } from "node:fs";

const packages = process.argv.slice(2).length > 0 ? process.argv.slice(2)
  : ["node_modules/@cdktf/provider-google", "node_modules/@cdktf/provider-google-beta"];
const CLASS_DOC = /Represents a \{@link https:\/\/registry\.terraform\.io\/providers\/hashicorp\/(google(?:-beta)?)\/([0-9.]+)\/docs\/(resources|data-sources)\/\S+ (\w+)\}/;
const ANCHOR = /#([A-Za-z0-9_]+) /;

const schema = { generatedBy: "terraform/validation/extract-schema.mjs", providers: {} };
for (const dir of packages) {
  const jsii = JSON.parse(readFileSync(`${dir}/.jsii`, "utf8"));
  const types = jsii.types;
  const structRef = (type) => {
    if (!type) return null;
    if (type.fqn) return type.fqn.startsWith(jsii.name + ".") && types[type.fqn]?.kind === "interface" ? type.fqn : null;
    if (type.collection) return structRef(type.collection.elementtype);
    if (type.union) return type.union.types.map(structRef).find((r) => r) ?? null;
    return null;
  };
  const properties = (fqn) => {
    const type = types[fqn];
    const inherited = (type.interfaces ?? []).filter((i) => i.startsWith(jsii.name + ".")).flatMap(properties);
    return [...inherited, ...(type.properties ?? [])];
  };
  const block = (fqn, depth) => {
    const attributes = {};
    const blocks = {};
    for (const p of properties(fqn)) {
      const name = ANCHOR.exec(p.docs?.remarks ?? "")?.[1] ?? p.name.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
      const ref = structRef(p.type);
      if (ref && depth < 16) {
        blocks[name] = { required: p.optional ? 0 : 1, ...block(ref, depth + 1) };
      } else {
        attributes[name] = p.optional ? 0 : 1;
      }
    }
    return { attributes, blocks };
  };
  for (const [fqn, type] of Object.entries(types)) {
    const match = type.kind === "class" ? CLASS_DOC.exec(type.docs?.summary ?? "") : null;
    if (!match || !types[fqn + "Config"]) continue;
    const [, provider, version, kind, name] = match;
    const target = (schema.providers[provider] ??= { version, resource: {}, data: {} });
    target[kind === "resources" ? "resource" : "data"][name] = block(fqn + "Config", 0);
  }
}
for (const provider of Object.values(schema.providers)) {
  for (const kind of ["resource", "data"]) {
    provider[kind] = Object.fromEntries(Object.entries(provider[kind]).sort(([a], [b]) => a.localeCompare(b)));
  }
}
process.stdout.write(JSON.stringify(schema) + "\n");
