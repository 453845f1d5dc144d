// Prints {"<file>": <HCL as JSON>, ...} for the .tf files given, using HashiCorp's HCL2 parser.
// A file that does not parse makes the script exit 1 with the parser's message.
import { parse } from "@cdktf/hcl2json";
import { readFile } from "node:fs/promises";

const result = {};
for (const file of process.argv.slice(2)) {
  try {
    result[file] = await parse(file, await readFile(file, "utf8"));
  } catch (error) {
    process.stderr.write(`${file}: ${error.message ?? error}\n`);
    process.exit(1);
  }
}
process.stdout.write(JSON.stringify(result));
