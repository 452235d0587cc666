/** What a CLI command returns: exit code and the text for stdout and stderr. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}
