/** Where a problem is: a file and, when known, a 1-based line. */
export interface Location {
  file: string;
  line?: number;
}

export interface Problem extends Location {
  message: string;
}

/** Formats `file:line: message`, the form every error in iranpak uses. */
export function formatProblem(problem: Problem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  return `${where}: ${problem.message}`;
}

/** An error with a stable code, so callers can tell kinds apart without parsing messages. */
export class IranpakError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "IranpakError";
    this.code = code;
  }
}

/** Every problem found in a knowledge folder, reported at once. */
export class KnowledgeError extends IranpakError {
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    const list = problems.map((p) => `  ${formatProblem(p)}`).join("\n");
    super(
      "KNOWLEDGE_INVALID",
      `knowledge is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${list}`,
    );
    this.name = "KnowledgeError";
    this.problems = problems;
  }
}
