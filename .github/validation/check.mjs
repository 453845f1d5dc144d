// Prints {"<file>": {"errors": [...], "workflow": <parsed>} } for GitHub workflow files (GitHub's own
// parser and schema) and {"<file>": {"errors": [...], "yaml": <parsed>}} for other YAML (Cloud Build).
import { register } from "node:module";
import { parse } from "yaml";
import { readFile } from "node:fs/promises";

register("./json-modules.mjs", import.meta.url);
const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } = await import("@actions/workflow-parser");

const result = {};
for (const file of process.argv.slice(2)) {
  const content = await readFile(file, "utf8");
  if (file.includes(".github/workflows/") || file.includes("workflow-fixtures")) {
    const parsed = parseWorkflow({ name: file, content }, new NoOperationTraceWriter());
    const errors = parsed.context.errors.getErrors().map((e) => e.message);
    let template = null;
    if (parsed.value !== undefined) {
      template = await convertWorkflowTemplate(parsed.context, parsed.value);
      for (const e of template.errors ?? []) errors.push(e.Message ?? e.message ?? String(e));
    }
    let yaml = null;
    try {
      yaml = parse(content);
    } catch {
      // the workflow parser has reported it
    }
    result[file] = { errors: [...new Set(errors)], workflow: template ? JSON.parse(JSON.stringify(template)) : null, yaml };
  } else {
    try {
      result[file] = { errors: [], yaml: parse(content) };
    } catch (error) {
      result[file] = { errors: [error.message], yaml: null };
    }
  }
}
process.stdout.write(JSON.stringify(result));
